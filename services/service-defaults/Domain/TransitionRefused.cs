namespace SemaineIndustrie.ServiceDefaults.Domain;

/// <summary>
/// An entity refused a state change its rules do not allow now (withdrawing twice, deciding a case that is
/// not pending…). Thrown by the entity's own method, before anything changes; adapters answer it 409 with
/// its title and detail, consumers let it reach the <c>_error</c> queue.
/// </summary>
public sealed class TransitionRefused(string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(detail)
{
    public string Title { get; } = title;

    /// <summary>What a client needs to act on the refusal (e.g. who holds a claim, until when).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; } = extensions;
}
