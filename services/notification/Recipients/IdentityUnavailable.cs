namespace SemaineIndustrie.Notification.Recipients;

/// <summary>The identity service could not say who to tell: the consumer fails and the bus retries it (then _error).</summary>
public sealed class IdentityUnavailableException(string message) : Exception(message);
