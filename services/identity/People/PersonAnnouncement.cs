namespace SemaineIndustrie.Identity.People;

/// <summary>
/// What was last announced of a person (<see cref="SemaineIndustrie.Contracts.PersonChanged"/>): a fingerprint of the facts
/// announced and the announcement's sequence. A deleted person keeps the row (fingerprint <see cref="Deleted"/>) so that
/// their deletion is announced once.
/// </summary>
public sealed class PersonAnnouncement
{
    public const string Deleted = "deleted";

    public required string UserId { get; init; }
    public required string Fingerprint { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset AnnouncedAt { get; set; }
}
