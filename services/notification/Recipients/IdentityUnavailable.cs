using System.Net;

namespace SemaineIndustrie.Notification.Recipients;

/// <summary>
/// The identity service could not say who to tell (unreachable, restarting, overloaded): the consumer fails and the
/// bus retries it (Messaging:Retry, minutes in all), then parks it in _error.
/// </summary>
public sealed class IdentityUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Whether an answer means "try again later" (5xx, 408, 429) rather than a refusal that retrying will not change.</summary>
    public static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
