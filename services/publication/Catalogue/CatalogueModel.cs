using System.Text.Json;
using SemaineIndustrie.Contracts;

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
    public Guid SubmissionId { get; init; }
    public int Version { get; init; }
    /// <summary>The version's public <see cref="EventDetails"/>, as JSON; null until the submission event arrives.</summary>
    public string? Details { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? LocationPrecision { get; set; }
    /// <summary>Geocoding said this version's venue cannot be placed.</summary>
    public bool Unlocated { get; set; }
    public Decision Decision { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
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
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Guid SubmissionId { get; init; }
    public int Version { get; set; }
    public int Edition { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public DateOnly FirstDay { get; set; }
    public DateOnly LastDay { get; set; }
    public required string CommuneInsee { get; set; }
    public required string Departement { get; set; }
    public required string Region { get; set; }
    public required string[] Sectors { get; set; }
    public required string[] Audiences { get; set; }
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

    public EventDetails ReadDetails() => JsonSerializer.Deserialize<EventDetails>(Details, Json)!;
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
