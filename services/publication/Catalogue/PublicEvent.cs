using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Publication.Catalogue;

public sealed record PublicVenue(string Name, string Street, string PostalCode, string CommuneInsee, string CommuneName, string Departement, string Region);

public sealed record PublicLocation(double Latitude, double Longitude);

public sealed record PublicOrganiser(string Name, string Kind);

/// <summary>The public shape of a catalogue event, built field by field: nothing private can leak in.</summary>
public sealed record PublicEvent(
    Guid Id, int Version, int Edition, string Title, string Description, string EventType, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    PublicVenue Venue, PublicLocation Location, IReadOnlyList<string> Sectors, IReadOnlyList<string> Audiences,
    bool FreeOfCharge, int? Capacity, Registration Registration, Accessibility Accessibility, PublicOrganiser OrganisingBody,
    DateTimeOffset UpdatedAt)
{
    public static PublicEvent Of(CatalogueEntry entry)
    {
        var d = entry.ReadDetails();
        var v = d.Venue;
        return new PublicEvent(entry.SubmissionId, entry.Version, d.Edition.Year, d.Title, d.Description, d.EventType, d.StartsAt, d.EndsAt,
            new PublicVenue(v.Name, v.Street, v.PostalCode, v.CommuneInsee, v.CommuneName, v.Departement, v.Region),
            new PublicLocation(entry.Latitude, entry.Longitude), d.Sectors, d.Audiences, d.FreeOfCharge, d.Capacity,
            d.Registration, d.Accessibility, new PublicOrganiser(d.OrganisingBody.Name, d.OrganisingBody.Kind), entry.UpdatedAt);
    }
}
