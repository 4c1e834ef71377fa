namespace SemaineIndustrie.Contracts;

/// <summary>
/// What the platform may know of a person in order to write to them, as the identity service now holds it
/// (event-carried state: the notification service keeps its own copy and asks nobody who to tell).
/// Published whenever any of these facts changes, and once for every person when the announcer first runs.
/// <see cref="Sequence"/> grows with every announcement of the same person: a consumer keeps the newest and
/// ignores older news, whatever order the broker delivers them in.
/// </summary>
/// <param name="Email">The address, only once confirmed (null: not someone to write to).</param>
/// <param name="OrganisationId">The organisation the person belongs to, as tokens name it (32 hex digits), if any.</param>
/// <param name="Region">The région of the person's committee seat, if any.</param>
/// <param name="Departements">The départements of that seat (none: the whole région).</param>
/// <param name="Deleted">The account was deleted: forget the address and the name; the ids stay as a tombstone.</param>
/// <param name="Role">The role the person's tokens carry (organiser, reviewer, admin: a national administrator), as identity decides it
/// at sign-in; null in announcements made before the role was announced.</param>
/// <param name="AdminRegion">The région the person administers (a regional administrator reviews the whole région and is
/// told of its escalations), if any.</param>
public sealed record PersonChanged(
    string UserId,
    long Sequence,
    string? Email,
    string DisplayName,
    string Language,
    string? OrganisationId,
    string? Region,
    IReadOnlyList<string> Departements,
    bool Deleted,
    string? Role = null,
    string? AdminRegion = null);

/// <summary>
/// A service that keeps a copy of people asks the identity service to announce everybody again: its copy is new
/// (first start, a restored database) and announcements published before its queue existed went nowhere. Only what was
/// announced before <see cref="RequestedAt"/> is announced again (the requester's queue existed when it asked).
/// </summary>
public sealed record PeopleResyncRequested(Guid RequestId, string RequestedBy, DateTimeOffset RequestedAt);

/// <summary>
/// The identity service took the request: every person is announced again (with a higher sequence) from now on.
/// <see cref="RequestedBy"/> repeats the request's: each service waits for the answer to its own request (another's covers
/// only what was announced before that other service asked).
/// </summary>
public sealed record PeopleResyncStarted(Guid RequestId, int People, string? RequestedBy = null);
