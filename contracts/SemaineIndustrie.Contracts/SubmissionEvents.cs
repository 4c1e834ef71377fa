namespace SemaineIndustrie.Contracts;

public sealed record Registration(bool Required, string? Url, string? Email, string? Phone);

public sealed record Accessibility(bool? WheelchairAccessible, string? Details);

public sealed record OrganisingBody(string Name, string Kind, string? Siret);

/// <summary>The edition a version was validated against: its days (Europe/Paris) and the audiences that make an event open to the public.</summary>
public sealed record EditionFrame(int Year, DateOnly FirstDay, DateOnly LastDay, IReadOnlyList<string> PublicAudiences);

/// <summary>
/// The content of one submission version that other services may see. The organiser's private contact
/// is deliberately absent: it never leaves the submission service. Times carry the Europe/Paris offset.
/// </summary>
public sealed record EventDetails(
    EditionFrame Edition,
    string Title,
    string Description,
    string EventType,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    Venue Venue,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> Audiences,
    bool FreeOfCharge,
    int? Capacity,
    Registration Registration,
    Accessibility Accessibility,
    OrganisingBody OrganisingBody,
    IReadOnlyList<string>? FocusTags = null);

public sealed record SubmissionReceived(
    Guid SubmissionId,
    int SubmissionVersion,
    string OrganiserId,
    EventDetails Event,
    DateTimeOffset ReceivedAt) : ISubmissionEvent;

public sealed record SubmissionRevised(
    Guid SubmissionId,
    int SubmissionVersion,
    string OrganiserId,
    EventDetails Event,
    DateTimeOffset RevisedAt) : ISubmissionEvent;

public sealed record SubmissionWithdrawn(
    Guid SubmissionId,
    int SubmissionVersion,
    string OrganiserId,
    DateTimeOffset WithdrawnAt) : ISubmissionEvent;
