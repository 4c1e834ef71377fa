namespace SemaineIndustrie.Contracts;

/// <summary>The public content of one submission version, as every downstream service needs it.</summary>
public sealed record EventDetails(
    string Title,
    string Description,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    Venue Venue,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> Audiences,
    bool FreeOfCharge,
    string OrganisingBody);

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
