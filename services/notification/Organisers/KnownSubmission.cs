namespace SemaineIndustrie.Notification.Organisers;

/// <summary>
/// What this service knows of a submission to tell its organisation: whose it is, its title, its latest
/// version, its edition. Never the private contact (it stays in the submission service): recipients are
/// the organisation's members, read from the identity service.
/// </summary>
public sealed class KnownSubmission
{
    public Guid SubmissionId { get; init; }
    public required string OrganisationId { get; set; }
    public required string Title { get; set; }
    public int Version { get; set; }
    public int Edition { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public required string CommuneName { get; set; }
}
