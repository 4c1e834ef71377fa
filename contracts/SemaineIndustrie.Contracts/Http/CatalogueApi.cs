namespace SemaineIndustrie.Contracts.Catalogue;

// What the public catalogue API (/api/catalogue, docs/catalogue.md) answers: the publication service writes it,
// the web front-end and any client read it.

public sealed record PublicVenue(string Name, string Street, string PostalCode, string CommuneInsee, string CommuneName, string Departement, string Region);

public sealed record PublicLocation(double Latitude, double Longitude);

public sealed record PublicOrganiser(string Name, string Kind);

/// <summary>One size of a public picture, at its immutable address (a new picture is a new address).</summary>
public sealed record PublicPictureSource(string Url, int Width, int Height);

/// <summary>
/// The event's picture as the pages and clients show it: its alternative text and its sizes, smallest first (for
/// <c>srcset</c>); <see cref="Url"/>, <see cref="Width"/> and <see cref="Height"/> are the largest (the page, OpenGraph).
/// </summary>
public sealed record PublicPicture(string Url, int Width, int Height, string Alt, IReadOnlyList<PublicPictureSource> Sources)
{
    /// <summary>The address of one size of a picture, served by the catalogue with a year-long, immutable cache lifetime.</summary>
    public static string Address(Guid picture, int width) => $"/api/catalogue/pictures/{picture}/{width}.webp";

    public static PublicPicture Of(EventPicture picture) => new(
        Address(picture.Id, picture.Largest.Width), picture.Largest.Width, picture.Largest.Height, picture.Alt,
        [.. picture.Sizes.Select(size => new PublicPictureSource(Address(picture.Id, size.Width), size.Width, size.Height))]);

    /// <summary>The smallest size at least <paramref name="width"/> wide (else the largest): a list's thumbnail, a pop-up's.</summary>
    public PublicPictureSource AtLeast(int width) => Sources.FirstOrDefault(s => s.Width >= width) ?? Sources[^1];
}

/// <summary>The public shape of a catalogue event, built field by field: nothing private can leak in.</summary>
public sealed record PublicEvent(
    Guid Id, int Version, int Edition, string Title, string Description, string EventType, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    PublicVenue Venue, PublicLocation Location, IReadOnlyList<string> Sectors, IReadOnlyList<string> Audiences,
    bool FreeOfCharge, int? Capacity, Registration Registration, Accessibility Accessibility, PublicOrganiser OrganisingBody,
    DateTimeOffset UpdatedAt, IReadOnlyList<string>? FocusTags = null, IReadOnlyList<EventSession>? Sessions = null, PublicPicture? Picture = null);

public sealed record EventPage(IReadOnlyList<PublicEvent> Items, string? NextCursor);

/// <summary>Counts per région, département, sector and audience for an edition.</summary>
public sealed record CatalogueStats(int? Edition, int Total, IReadOnlyDictionary<string, int> ByRegion, IReadOnlyDictionary<string, int> ByDepartement,
    IReadOnlyDictionary<string, int> BySector, IReadOnlyDictionary<string, int> ByAudience);
