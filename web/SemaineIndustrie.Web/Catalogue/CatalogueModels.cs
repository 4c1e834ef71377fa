namespace SemaineIndustrie.Web.Catalogue;

// What the public catalogue API answers (docs/catalogue.md): read as any client of the API would.

public sealed record PublicVenue(string Name, string Street, string PostalCode, string CommuneInsee, string CommuneName, string Departement, string Region);

public sealed record PublicLocation(double Latitude, double Longitude);

public sealed record PublicRegistration(bool Required, string? Url, string? Email, string? Phone);

public sealed record PublicAccessibility(bool? WheelchairAccessible, string? Details);

public sealed record PublicOrganiser(string Name, string Kind);

public sealed record PublicEvent(
    Guid Id, int Version, int Edition, string Title, string Description, string EventType, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    PublicVenue Venue, PublicLocation Location, IReadOnlyList<string> Sectors, IReadOnlyList<string> Audiences,
    bool FreeOfCharge, int? Capacity, PublicRegistration Registration, PublicAccessibility Accessibility, PublicOrganiser OrganisingBody,
    DateTimeOffset UpdatedAt);

public sealed record EventPage(IReadOnlyList<PublicEvent> Items, string? NextCursor);

public sealed record CatalogueStats(int? Edition, int Total, IReadOnlyDictionary<string, int> ByRegion, IReadOnlyDictionary<string, int> ByDepartement,
    IReadOnlyDictionary<string, int> BySector, IReadOnlyDictionary<string, int> ByAudience);

public sealed record CodeLabel(string Code, string Label);

public sealed record EditionInfo(int Year, int Number, string Name, string Theme, DateOnly FirstDay, DateOnly LastDay,
    IReadOnlyList<CodeLabel> Sectors, IReadOnlyList<CodeLabel> Audiences);

/// <summary>The public filters, as in the API and kept in the page's URL so a view can be shared.</summary>
public sealed record CatalogueFilters(string? Region, string? Departement, string? Commune, string? Sector, string? Audience,
    string? From, string? To, string? Q, string? Bbox)
{
    public static readonly CatalogueFilters None = new(null, null, null, null, null, null, null, null, null);

    public IEnumerable<KeyValuePair<string, string>> Pairs()
    {
        (string Key, string? Value)[] all = [("region", Region), ("departement", Departement), ("commune", Commune), ("sector", Sector),
            ("audience", Audience), ("from", From), ("to", To), ("q", Q), ("bbox", Bbox)];
        return all.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => new KeyValuePair<string, string>(p.Key, p.Value!.Trim()));
    }

    public string ToQueryString() => string.Join('&', Pairs().Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
}
