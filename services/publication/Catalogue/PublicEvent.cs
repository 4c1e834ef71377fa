using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Publication.Catalogue;

/// <summary>A catalogue entry in the API's public shape (contracts/…/Http/CatalogueApi.cs), built field by field: nothing private can leak in.</summary>
public static class PublicEvents
{
    public static PublicEvent Public(this CatalogueEntry entry)
    {
        var d = entry.ReadDetails();
        var v = d.Venue;
        return new PublicEvent(entry.SubmissionId, entry.Version, d.Edition.Year, d.Title, d.Description, d.EventType, d.StartsAt, d.EndsAt,
            new PublicVenue(v.Name, v.Street, v.PostalCode, v.CommuneInsee, v.CommuneName, v.Departement, v.Region),
            new PublicLocation(entry.Latitude, entry.Longitude), d.Sectors, d.Audiences, d.FreeOfCharge, d.Capacity,
            d.Registration, d.Accessibility, new PublicOrganiser(d.OrganisingBody.Name, d.OrganisingBody.Kind), entry.UpdatedAt,
            d.FocusTags is { Count: > 0 } focus ? focus : null, d.Sessions is { Count: > 0 } ? d.SessionsOrOne() : null,
            d.Picture is { } picture ? PublicPicture.Of(picture) : null);
    }
}
