namespace SemaineIndustrie.Contracts;

public sealed record Registration(bool Required, string? Url, string? Email, string? Phone);

public sealed record Accessibility(bool? WheelchairAccessible, string? Details);

public sealed record OrganisingBody(string Name, string Kind, string? Siret);

/// <summary>The edition a version was validated against: its days (Europe/Paris) and the audiences that make an event open to the public.</summary>
public sealed record EditionFrame(int Year, DateOnly FirstDay, DateOnly LastDay, IReadOnlyList<string> PublicAudiences);

/// <summary>One session of an event (a workshop open on Tuesday morning and Thursday afternoon has two): its own times, and optionally its own capacity and registration link.</summary>
public sealed record EventSession(DateTimeOffset StartsAt, DateTimeOffset EndsAt, int? Capacity = null, string? RegistrationUrl = null);

/// <summary>One size of an event's picture: a WebP re-encoded from the organiser's upload (metadata stripped), at most <see cref="Width"/> × <see cref="Height"/>.</summary>
public sealed record PictureSize(int Width, int Height);

/// <summary>
/// The event's picture (poster or photo) and its alternative text (RGAA: required). <see cref="Sizes"/> lists the
/// derivatives, smallest first; the bytes travel once, in <see cref="PictureAttached"/>.
/// </summary>
public sealed record EventPicture(Guid Id, string Alt, IReadOnlyList<PictureSize> Sizes)
{
    public PictureSize Largest => Sizes[^1];
}

/// <summary>
/// The content of one submission version that other services may see. The organiser's private contact
/// is deliberately absent: it never leaves the submission service. Times carry the Europe/Paris offset.
/// <see cref="StartsAt"/> and <see cref="EndsAt"/> span every session; <see cref="Sessions"/> lists them when the
/// organiser gave several (null: one session, from <see cref="StartsAt"/> to <see cref="EndsAt"/>).
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
    IReadOnlyList<string>? FocusTags = null,
    IReadOnlyList<EventSession>? Sessions = null,
    EventPicture? Picture = null);

public static class EventSessions
{
    /// <summary>The event's sessions, in time order: its own list, or the one session from its start to its end.</summary>
    public static IReadOnlyList<EventSession> SessionsOrOne(this EventDetails e) =>
        e.Sessions is { Count: > 0 } sessions ? [.. sessions.OrderBy(s => s.StartsAt)] : [new EventSession(e.StartsAt, e.EndsAt)];
}

public sealed record SubmissionReceived(
    Guid SubmissionId,
    int SubmissionVersion,
    string OrganiserId,
    EventDetails Event,
    DateTimeOffset ReceivedAt) : IOncePerVersion;

public sealed record SubmissionRevised(
    Guid SubmissionId,
    int SubmissionVersion,
    string OrganiserId,
    EventDetails Event,
    DateTimeOffset RevisedAt) : IOncePerVersion;

public sealed record SubmissionWithdrawn(
    Guid SubmissionId,
    int SubmissionVersion,
    string OrganiserId,
    DateTimeOffset WithdrawnAt) : IOncePerVersion;

/// <summary>One derivative's bytes (WebP).</summary>
public sealed record PictureFile(int Width, int Height, byte[] Webp);

/// <summary>
/// The bytes of a version's picture, published with every version that has one (right after its SubmissionReceived
/// or SubmissionRevised, from the same outbox). Review keeps the size the committee sees; publication keeps every size,
/// and serves them only once that version is public.
/// </summary>
public sealed record PictureAttached(
    Guid SubmissionId,
    int SubmissionVersion,
    Guid PictureId,
    IReadOnlyList<PictureFile> Files,
    DateTimeOffset At) : IOncePerVersion;

/// <summary>One demand a reminder names: a draft (its id in /api/drafts) or a submission awaiting changes.</summary>
public sealed record ReminderItem(Guid Id, string? Title);

/// <summary>
/// An edition's submission window closes soon (<see cref="Kind"/>: "j-7" or "j-2", in the domain's time) and the
/// organisation has unfinished drafts or demands awaiting changes for it: its members are reminded, once per kind.
/// </summary>
public sealed record SubmissionReminderDue(string OrganisationId, int Edition, string Kind, DateTimeOffset SubmissionsClose,
    IReadOnlyList<ReminderItem> Drafts, IReadOnlyList<ReminderItem> AwaitingChanges, DateTimeOffset At);
