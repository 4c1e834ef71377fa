namespace SemaineIndustrie.Contracts.Reconciliation;

// Reconciliation (docs/reconciliation.md): after a restore, what each service holds of an edition's submissions is compared
// and the owning services publish again what the others missed. Admin only, on each service (not routed by the gateway).

/// <summary>
/// What one service holds of one submission. <see cref="Version"/> is the latest version it knows; <see cref="State"/> its own
/// word for where the submission stands there (a submission's status, a case's status, "located", "published"…);
/// <see cref="DecidedVersion"/> and <see cref="Decision"/> ("labelled", "refused", "changes-requested") the latest decision it knows;
/// <see cref="Located"/> whether it knows a position for <see cref="Version"/> (geocoding, publication).
/// </summary>
public sealed record HeldSubmission(
    Guid SubmissionId, int Version, string State, int? DecidedVersion = null, string? Decision = null, bool? Located = null,
    int? Edition = null, string? Title = null);

/// <summary>POST /admin/reconciliation/held: these submissions of this edition.</summary>
public sealed record HeldRequest(int Edition, IReadOnlyList<Guid> Submissions);

/// <summary>
/// A service's answer: what it holds of the submissions asked about, and — when it knows editions — the submissions of the
/// edition it holds that were not asked about (<see cref="Unlisted"/>: the submission service does not know them).
/// </summary>
public sealed record HeldAnswer(string Service, IReadOnlyList<HeldSubmission> Submissions, IReadOnlyList<HeldSubmission> Unlisted)
{
    /// <summary>What a service holds, split between the submissions it was asked about and the others of the edition.</summary>
    public static HeldAnswer Split(string service, IReadOnlyCollection<Guid> asked, IEnumerable<HeldSubmission> held)
    {
        var lookup = held.ToLookup(h => asked.Contains(h.SubmissionId));
        return new HeldAnswer(service, [.. lookup[true]], [.. lookup[false]]);
    }
}

/// <summary>POST /admin/reconciliation/replay: publish again every retained outbox message about these submissions.</summary>
public sealed record ReplayRequest(IReadOnlyList<Guid> Submissions);

/// <summary>
/// What a replay handed back to the relay: <see cref="Messages"/> rows; <see cref="NothingRetained"/> the submissions the outbox
/// holds no sent message about any more (past its retention, or never raised here): those cannot be replayed.
/// </summary>
public sealed record ReplayAnswer(string Service, int Messages, IReadOnlyList<Guid> NothingRetained);

/// <summary>
/// One submission the services disagree about: <see cref="Kind"/> a stable code (e.g. "review-behind"), <see cref="What"/> in
/// words, the <see cref="Evidence"/> (what each service holds, null where it holds nothing), and the services that publish again
/// to repair it (<see cref="Republishers"/>; empty: a person must decide).
/// </summary>
public sealed record Disagreement(
    Guid SubmissionId, string Kind, string What, IReadOnlyDictionary<string, HeldSubmission?> Evidence, IReadOnlyList<string> Republishers);

/// <summary>
/// POST /admin/reconciliation/editions/{edition}[?repair=false]: the comparison of every submission of the edition and, unless
/// <see cref="Repaired"/> is false, the replays it asked for. <see cref="ForAPerson"/> lists what no replay can repair.
/// </summary>
public sealed record ReconciliationReport(
    int Edition, DateTimeOffset At, int Submissions, int Agreeing, bool Repaired,
    IReadOnlyList<Disagreement> Repairable, IReadOnlyList<Disagreement> ForAPerson, IReadOnlyList<ReplayAnswer> Replays);

/// <summary>The words a <see cref="HeldSubmission"/> uses: states and decisions are enum names in kebab case ("changes-requested").</summary>
public static class HeldWords
{
    public const string Labelled = "labelled", Refused = "refused", ChangesRequested = "changes-requested", Withdrawn = "withdrawn";

    public static string Of<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>The decision a status or case status names, or null ("pending", "submitted"…).</summary>
    public static string? DecisionOf(string state) => state is Labelled or Refused or ChangesRequested ? state : null;

    /// <summary>A submission at <paramref name="version"/> whose status names its decision, if any (that version's).</summary>
    public static HeldSubmission WithStatus<T>(Guid id, int version, T status, int edition, string title) where T : struct, Enum
    {
        var state = Of(status);
        var decision = DecisionOf(state);
        return new HeldSubmission(id, version, state, decision is null ? null : version, decision, Edition: edition, Title: title);
    }
}
