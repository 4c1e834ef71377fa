using SemaineIndustrie.Contracts;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Submission.Submissions;

public sealed record VenueRequest(string? Name, string? Street, string? PostalCode, string? CommuneInsee, string? CommuneName);

public sealed record SubmissionRequest(
    string? Title,
    string? Description,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    VenueRequest? Venue,
    IReadOnlyList<string>? Sectors,
    IReadOnlyList<string>? Audiences,
    bool? FreeOfCharge,
    string? OrganisingBody)
{
    public const int TitleMax = 200;
    public const int DescriptionMax = 5000;

    /// <summary>Every problem at once, keyed by the JSON path of the field at fault.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        Required("title", Title, TitleMax);
        Required("description", Description, DescriptionMax);
        Required("organisingBody", OrganisingBody, 200);
        if (StartsAt is null) Add("startsAt", "Required.");
        if (EndsAt is null) Add("endsAt", "Required.");
        if (StartsAt is { } start && EndsAt is { } end && end <= start) Add("endsAt", "Must be after startsAt.");
        if (FreeOfCharge is null) Add("freeOfCharge", "Required.");
        if (Sectors is not { Count: > 0 }) Add("sectors", "At least one sector is required.");
        if (Audiences is not { Count: > 0 }) Add("audiences", "At least one audience is required.");

        if (Venue is null)
        {
            Add("venue", "Required.");
        }
        else
        {
            Required("venue.name", Venue.Name, 200);
            Required("venue.street", Venue.Street, 200);
            Required("venue.communeName", Venue.CommuneName, 100);
            if (Venue.PostalCode is not { Length: 5 } postal || !postal.All(char.IsAsciiDigit)) Add("venue.postalCode", "Five digits.");
            if (FrenchTerritory.DepartementOfCommune(Venue.CommuneInsee) is null) Add("venue.communeInsee", "Not the INSEE code of a French commune.");
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

        void Required(string field, string? value, int max)
        {
            if (string.IsNullOrWhiteSpace(value)) Add(field, "Required.");
            else if (value.Length > max) Add(field, $"At most {max} characters.");
        }
    }

    /// <summary>The validated request as the contract's details, territory resolved.</summary>
    public EventDetails ToDetails()
    {
        var departement = FrenchTerritory.DepartementOfCommune(Venue!.CommuneInsee)!;
        return new EventDetails(
            Title!.Trim(), Description!.Trim(), StartsAt!.Value, EndsAt!.Value,
            new Contracts.Venue(Venue.Name!.Trim(), Venue.Street!.Trim(), Venue.PostalCode!, Venue.CommuneInsee!, Venue.CommuneName!.Trim(),
                departement.Code, departement.RegionCode),
            Sectors!, Audiences!, FreeOfCharge!.Value, OrganisingBody!.Trim());
    }
}
