namespace SemaineIndustrie.Submission.Submissions;

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

public enum OrganisationKind
{
    Company,
    Federation,
    School,
    EmploymentService,
    PublicBody,
    Association,
    Other,
}

public sealed record VenueRequest(string? Name, string? Street, string? PostalCode, string? Commune, string? CommuneInsee);

public sealed record RegistrationRequest(bool? Required, string? Url, string? Email, string? Phone);

public sealed record AccessibilityRequest(bool? WheelchairAccessible, string? Details);

public sealed record OrganisingBodyRequest(string? Name, OrganisationKind? Kind, string? Siret);

public sealed record PrivateContactRequest(string? Name, string? Email, string? Phone);

/// <summary>What an organiser posts (create) or puts (revise). Limits are documented in docs/submissions.md.</summary>
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
    PrivateContactRequest? PrivateContact);
