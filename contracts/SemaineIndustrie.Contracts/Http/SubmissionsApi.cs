namespace SemaineIndustrie.Contracts.Submissions;

// What the submission API (/api/submissions) reads and answers, defined once for the service and the web front-end.

public enum EventType
{
    CompanyVisit,
    OpenDay,
    Conference,
    ForumOrFair,
    Workshop,
    JobDating,
    Exhibition,
    Competition,
    Other,
}

/// <summary>Status as the organiser sees it.</summary>
public enum SubmissionStatus
{
    Submitted,
    InReview,
    Labelled,
    Refused,
    ChangesRequested,
    Revised,
    Withdrawn,
}

public sealed record VenueRequest(string? Name, string? Street, string? PostalCode, string? Commune, string? CommuneInsee);

public sealed record RegistrationRequest(bool? Required, string? Url, string? Email, string? Phone);

public sealed record AccessibilityRequest(bool? WheelchairAccessible, string? Details);

public sealed record OrganisingBodyRequest(string? Name, OrganisationKind? Kind, string? Siret);

public sealed record PrivateContactRequest(string? Name, string? Email, string? Phone);

/// <summary>One session as an organiser gives it (times as <see cref="SubmissionRequest.StartsAt"/>).</summary>
public sealed record SessionRequest(string? StartsAt, string? EndsAt, int? Capacity = null, string? RegistrationUrl = null);

/// <summary>The event's picture: one uploaded with POST /api/pictures (its id), and its alternative text (required with a picture).</summary>
public sealed record PictureRequest(Guid? Id, string? Alt);

/// <summary>What POST /api/pictures answers: the stored picture's id, to reference in a submission, and the sizes made of it.</summary>
public sealed record UploadedPicture(Guid Id, string Format, int Width, int Height, IReadOnlyList<PictureSize> Sizes);

/// <summary>
/// What an organiser posts (create) or puts (revise). Limits are documented in docs/submissions.md. With
/// <see cref="Sessions"/> (1–20), the event's times are its sessions' and <see cref="StartsAt"/>/<see cref="EndsAt"/> are not read.
/// </summary>
public sealed record SubmissionRequest(
    string? Title,
    string? Description,
    EventType? EventType,
    string? StartsAt,
    string? EndsAt,
    VenueRequest? Venue,
    IReadOnlyList<string>? Sectors,
    IReadOnlyList<string>? Audiences,
    bool? FreeOfCharge,
    int? Capacity,
    RegistrationRequest? Registration,
    AccessibilityRequest? Accessibility,
    OrganisingBodyRequest? OrganisingBody,
    PrivateContactRequest? PrivateContact,
    IReadOnlyList<string>? FocusTags = null,
    IReadOnlyList<SessionRequest>? Sessions = null,
    PictureRequest? Picture = null)
{
    /// <summary>A stored demand as the request that would post it again, its times written by <paramref name="local"/> (the form's Paris local times).</summary>
    public static SubmissionRequest From(EventDetails e, PrivateContact contact, Func<DateTimeOffset, string> local) => new(
        e.Title, e.Description, Enum.TryParse<EventType>(e.EventType, ignoreCase: true, out var type) ? type : null, local(e.StartsAt), local(e.EndsAt),
        new VenueRequest(e.Venue.Name, e.Venue.Street, e.Venue.PostalCode, e.Venue.CommuneName, e.Venue.CommuneInsee),
        e.Sectors, e.Audiences, e.FreeOfCharge, e.Capacity,
        new RegistrationRequest(e.Registration.Required, e.Registration.Url, e.Registration.Email, e.Registration.Phone),
        new AccessibilityRequest(e.Accessibility.WheelchairAccessible, e.Accessibility.Details),
        new OrganisingBodyRequest(e.OrganisingBody.Name, Enum.TryParse<OrganisationKind>(e.OrganisingBody.Kind, ignoreCase: true, out var kind) ? kind : null,
            e.OrganisingBody.Siret),
        new PrivateContactRequest(contact.Name, contact.Email, contact.Phone),
        e.FocusTags ?? [],
        e.Sessions?.Select(s => new SessionRequest(local(s.StartsAt), local(s.EndsAt), s.Capacity, s.RegistrationUrl)).ToList(),
        e.Picture is { } picture ? new PictureRequest(picture.Id, picture.Alt) : null);
}

/// <summary>Who the reviewers may call about this submission. Never published, never sent to other services.</summary>
public sealed record PrivateContact(string Name, string Email, string? Phone);

/// <summary>One submission as its organiser sees it: the latest version, private contact included.</summary>
public sealed record SubmissionView(
    Guid Id, int Version, SubmissionStatus Status, string? ReviewerMessage,
    EventDetails Event, PrivateContact PrivateContact,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? WithdrawnAt);

public sealed record SubmissionSummary(
    Guid Id, int Version, SubmissionStatus Status, string Title, int Edition, DateTimeOffset StartsAt,
    string CommuneInsee, string Departement, string Region, DateTimeOffset UpdatedAt);

public sealed record SubmissionPage(IReadOnlyList<SubmissionSummary> Items, string? NextCursor);

/// <summary>One step of a submission's timeline.</summary>
public sealed record StatusChangeView(SubmissionStatus Status, int Version, string? Message, DateTimeOffset At);

/// <summary>A commune the venue may be in, when its name or postal code was ambiguous (in a 422's <c>communeCandidates</c>).</summary>
public sealed record CommuneCandidate(string Insee, string Name, IReadOnlyList<string> PostalCodes, string Departement, string Region);

public sealed record BatchItem(string? Key, SubmissionRequest? Submission);

public sealed record BatchRequest(List<BatchItem?>? Items);

public sealed record BatchItemResult(string Key, int Status, Guid? Id, int? Version, bool Replayed, string? Title,
    IDictionary<string, string[]>? Errors, IReadOnlyList<CommuneCandidate>? CommuneCandidates);

public sealed record BatchResponse(int Created, int Replayed, int Refused, IReadOnlyList<BatchItemResult> Results, bool DryRun = false);

/// <summary>
/// A past demand carried over into an open edition ("Reconduire", GET /api/submissions/{id}/carry-over): the request to
/// post as a new demand — dates moved to the same weekday of the new week at the same times, the venue, contact and
/// organising body kept, sectors and audiences kept where the new edition has their code. What the new edition no
/// longer has is listed, for the organiser to choose again.
/// </summary>
public sealed record CarryOverView(
    Guid From, int FromEdition, int ToEdition, SubmissionRequest Submission, IReadOnlyList<string> DroppedSectors, IReadOnlyList<string> DroppedAudiences);

/// <summary>
/// A demand being written (/api/drafts): whatever the organiser typed so far, private to the organisation, checked only when
/// submitted. <see cref="Missing"/> is what the labelling rules would still refuse, by field (empty: ready to submit);
/// <see cref="Edition"/> the edition its dates fall in, else the current one (reminders before its window closes).
/// </summary>
public sealed record DraftView(Guid Id, int? Edition, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, SubmissionRequest Submission,
    IReadOnlyDictionary<string, string[]> Missing);

/// <summary>A draft in the organisation's list: its title so far and the fields still missing or wrong.</summary>
public sealed record DraftSummary(Guid Id, string? Title, int? Edition, DateTimeOffset UpdatedAt, IReadOnlyList<string> Missing);
