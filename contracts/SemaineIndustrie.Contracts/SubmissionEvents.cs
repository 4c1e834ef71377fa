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

/// <summary>One demand a reminder names: a draft (its id in /api/drafts) or a submission awaiting changes.</summary>
public sealed record ReminderItem(Guid Id, string? Title);

/// <summary>
/// An edition's submission window closes soon (<see cref="Kind"/>: "j-7" or "j-2", in the domain's time) and the
/// organisation has unfinished drafts or demands awaiting changes for it: its members are reminded, once per kind.
/// </summary>
public sealed record SubmissionReminderDue(string OrganisationId, int Edition, string Kind, DateTimeOffset SubmissionsClose,
    IReadOnlyList<ReminderItem> Drafts, IReadOnlyList<ReminderItem> AwaitingChanges, DateTimeOffset At);
