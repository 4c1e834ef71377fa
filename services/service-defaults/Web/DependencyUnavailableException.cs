namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>
/// A server this request needs (e.g. the SMTP relay) cannot be reached: 503 problem, the client may retry.
/// Thrown with what was committed said in <see cref="Exception.Message"/>, so the answer is honest about it.
/// </summary>
public sealed class DependencyUnavailableException(string message, Exception inner) : Exception(message, inner);
