using System.Text.Json;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Publication.Catalogue;

public enum Decision
{
    None,
    Labelled,
    Refused,
    ChangesRequested,
}

/// <summary>What publication knows about one submission version: its content, its location, its decision.</summary>
public sealed class VersionFacts
{
    private static readonly string Manual = JsonNamingPolicy.CamelCase.ConvertName(nameof(Contracts.LocationPrecision.Manual));

    public Guid SubmissionId { get; init; }
    public int Version { get; init; }
    /// <summary>The version's public <see cref="EventDetails"/>, as JSON; null until the submission event arrives.</summary>
    public string? Details { get; private set; }
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public string? LocationPrecision { get; private set; }
    /// <summary>Geocoding said this version's venue cannot be placed.</summary>
    public bool Unlocated { get; private set; }
    public Decision Decision { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    /// <summary>The version's picture (from its content), and whether its bytes have arrived (<see cref="PictureAttached"/>).</summary>
    public Guid? PictureId { get; private set; }
    public bool PictureReceived { get; private set; }

    /// <summary>The version's content, recorded once (a redelivery or a late duplicate changes nothing).</summary>
    public void Describe(EventDetails details)
    {
        if (Details is not null) return;
        Details = JsonSerializer.Serialize(details, ContractJson.Options);
        PictureId = details.Picture?.Id ?? PictureId;
    }

    /// <summary>
    /// The bytes of this version's picture are stored. They may arrive before its content (each consumer has its own queue):
    /// the picture's id is then known from them, so that nothing takes them for an orphan meanwhile.
    /// </summary>
    public void ReceivePicture(Guid picture)
    {
        PictureId ??= picture;
        PictureReceived = true;
    }

    /// <summary>Known to have a picture whose bytes have not arrived yet: not shown until they have.</summary>
    public bool AwaitsPicture => PictureId is not null && !PictureReceived;

    /// <summary>
    /// A position for this version. A reviewer's correction wins over automatic results of the same version,
    /// whatever order they arrive in (a late or redriven automatic result must not move the event back).
    /// </summary>
    public void Locate(VenueLocated located)
    {
        var precision = JsonNamingPolicy.CamelCase.ConvertName(located.Precision.ToString());
        if (LocationPrecision == Manual && precision != Manual) return;
        (Latitude, Longitude, Unlocated, LocationPrecision) = (located.Latitude, located.Longitude, false, precision);
    }

    /// <summary>Geocoding could not place this version's venue; a reviewer's correction of the same version stands.</summary>
    public void Unlocate()
    {
        if (LocationPrecision == Manual) return;
        (Latitude, Longitude, Unlocated, LocationPrecision) = (null, null, true, null);
    }

    /// <summary>A version is decided once; a redelivered or late decision changes nothing.</summary>
    public void Decide(Decision decision, DateTimeOffset at)
    {
        if (Decision != Decision.None) return;
        (Decision, DecidedAt) = (decision, at);
    }
}

/// <summary>One size of a picture a version of a submission carries (WebP), kept while that version is or may become public.</summary>
public sealed class CataloguePicture
{
    public Guid PictureId { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public Guid SubmissionId { get; init; }
    public required byte[] Webp { get; init; }
}

/// <summary>A withdrawn submission: removed from the catalogue and never published again, whatever arrives later.</summary>
public sealed class WithdrawnSubmission
{
    public Guid SubmissionId { get; init; }
    public DateTimeOffset WithdrawnAt { get; init; }
}

/// <summary>One event on the public map: a labelled, located submission version. Holds public data only.</summary>
public sealed class CatalogueEntry
{
    internal static JsonSerializerOptions Json => ContractJson.Options;

    public Guid SubmissionId { get; init; }
    public int Version { get; private set; }
    public int Edition { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public DateOnly FirstDay { get; set; }
    public DateOnly LastDay { get; set; }
    /// <summary>Every Paris day one of its sessions covers: the date filters find an event by any of its sessions.</summary>
    public DateOnly[] SessionDays { get; set; } = [];
    public required string CommuneInsee { get; set; }
    public required string Departement { get; set; }
    public required string Region { get; set; }
    public required string[] Sectors { get; set; }
    public required string[] Audiences { get; set; }
    /// <summary>The edition's national focus tags the organiser ticked (e.g. "mixite").</summary>
    public string[] FocusTags { get; set; } = [];
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    /// <summary>Title, description, commune, venue and organiser, without case or accents, for free-text search.</summary>
    public required string SearchText { get; set; }
    public required string Details { get; set; }
    /// <summary>The public JSON of the event and its GeoJSON feature, rendered once when written: reads only stream them.</summary>
    public required string PublicJson { get; set; }
    public required string FeatureJson { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The shown version's picture: the only one of the submission's pictures the catalogue serves.</summary>
    public Guid? PictureId { get; set; }

    public EventDetails ReadDetails() => JsonSerializer.Deserialize<EventDetails>(Details, Json)!;

    private static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last) =>
        Enumerable.Range(0, Math.Max(0, last.DayNumber - first.DayNumber) + 1).Select(first.AddDays);

    public static CatalogueEntry For(Guid submissionId, DateTimeOffset now) => new()
    {
        SubmissionId = submissionId, Title = "", CommuneInsee = "", Departement = "", Region = "", Sectors = [], Audiences = [],
        SearchText = "", Details = "{}", PublicJson = "", FeatureJson = "", PublishedAt = now,
    };

    /// <summary>
    /// Shows <paramref name="facts"/>' version on the map, as <see cref="PublicationPolicy"/> decided: its
    /// public fields, what filters and search need, and the public JSON and GeoJSON feature, rendered once
    /// here so that reads only stream them. Returns that public view (what EventPublished carries).
    /// </summary>
    public PublicEvent Show(VersionFacts facts, DateTimeOffset now)
    {
        var d = JsonSerializer.Deserialize<EventDetails>(facts.Details!, Json)!;
        Version = facts.Version;
        Edition = d.Edition.Year;
        Title = d.Title;
        (StartsAt, EndsAt) = (d.StartsAt, d.EndsAt);
        (FirstDay, LastDay) = (DateOnly.FromDateTime(d.StartsAt.DateTime), DateOnly.FromDateTime(d.EndsAt.DateTime));
        SessionDays = d.SessionsOrOne().SelectMany(session => Days(DateOnly.FromDateTime(session.StartsAt.DateTime), DateOnly.FromDateTime(session.EndsAt.DateTime)))
            .Distinct().Order().ToArray();
        (CommuneInsee, Departement, Region) = (d.Venue.CommuneInsee, d.Venue.Departement, d.Venue.Region);
        (Sectors, Audiences, FocusTags) = (d.Sectors.ToArray(), d.Audiences.ToArray(), (d.FocusTags ?? []).ToArray());
        (Latitude, Longitude) = (facts.Latitude!.Value, facts.Longitude!.Value);
        SearchText = CommuneNames.Normalise(string.Join(' ', d.Title, d.Description, d.Venue.Name, d.Venue.CommuneName, d.OrganisingBody.Name));
        Details = facts.Details!;
        PictureId = facts.PictureId;
        UpdatedAt = now;
        var view = this.Public();
        PublicJson = JsonSerializer.Serialize(view, Json);
        FeatureJson = PublicationPolicy.Feature(view).ToJsonString();
        return view;
    }
}

/// <summary>
/// One row: the catalogue's revision, bumped in the same transaction as every change of the catalogue.
/// List ETags derive from it, so they change whenever the data behind them changes.
/// </summary>
public sealed class CatalogueRevision
{
    public int Id { get; init; }
    public long Revision { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
