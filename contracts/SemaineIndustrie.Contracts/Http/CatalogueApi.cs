namespace SemaineIndustrie.Contracts.Catalogue;

// What the public catalogue API (/api/catalogue, docs/catalogue.md) answers: the publication service writes it,
// the web front-end and any client read it.

public sealed record PublicVenue(string Name, string Street, string PostalCode, string CommuneInsee, string CommuneName, string Departement, string Region);

public sealed record PublicLocation(double Latitude, double Longitude);

public sealed record PublicOrganiser(string Name, string Kind);

/// <summary>The public shape of a catalogue event, built field by field: nothing private can leak in.</summary>
public sealed record PublicEvent(
    Guid Id, int Version, int Edition, string Title, string Description, string EventType, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    PublicVenue Venue, PublicLocation Location, IReadOnlyList<string> Sectors, IReadOnlyList<string> Audiences,
    bool FreeOfCharge, int? Capacity, Registration Registration, Accessibility Accessibility, PublicOrganiser OrganisingBody,
    DateTimeOffset UpdatedAt, IReadOnlyList<string>? FocusTags = null, IReadOnlyList<EventSession>? Sessions = null);

public sealed record EventPage(IReadOnlyList<PublicEvent> Items, string? NextCursor);

/// <summary>Counts per région, département, sector and audience for an edition.</summary>
public sealed record CatalogueStats(int? Edition, int Total, IReadOnlyDictionary<string, int> ByRegion, IReadOnlyDictionary<string, int> ByDepartement,
    IReadOnlyDictionary<string, int> BySector, IReadOnlyDictionary<string, int> ByAudience);
