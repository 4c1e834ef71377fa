using SemaineIndustrie.Contracts.Notifications;

namespace SemaineIndustrie.Web.Api;

/// <summary>The notification API's mail preferences (/api/notifications/preferences) of the signed-in person.</summary>
public sealed class PreferencesClient(PlatformApi api)
{
    public Task<ApiAnswer<List<PreferenceView>>> ReadAsync(CancellationToken ct) => api.GetAsync<List<PreferenceView>>("api/notifications/preferences", ct);

    public Task<ApiAnswer<Nothing>> SaveAsync(PreferencesRequest preferences, CancellationToken ct) =>
        api.SendAsync(HttpMethod.Put, "api/notifications/preferences", preferences, ct);
}
