namespace SemaineIndustrie.Contracts.Notifications;

// What the notification API's preferences (/api/notifications/preferences) read and answer.

public sealed record PreferenceView(string Kind, bool Enabled);

public sealed record PreferencesRequest(Dictionary<string, bool>? Kinds);
