using System.Text.Json;
using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Publication.Catalogue;

/// <summary>What publication knows about one submission version: its content, its location, its label.</summary>
public sealed class VersionFacts
{
    public Guid SubmissionId { get; init; }
    public int Version { get; init; }
    /// <summary>The version's public <see cref="EventDetails"/>, as JSON; null until the submission event arrives.</summary>
    public string? Details { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public DateTimeOffset? LabelledAt { get; set; }

    public bool Publishable => Details is not null && Latitude is not null && Longitude is not null && LabelledAt is not null;
}

/// <summary>One event on the public map: a labelled, located submission version. Never holds private data.</summary>
public sealed class CatalogueEntry
{
    public Guid SubmissionId { get; init; }
    public int Version { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public required string CommuneInsee { get; set; }
    public required string Departement { get; set; }
    public required string Region { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public required string Details { get; set; }
    public DateTimeOffset PublishedAt { get; set; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public EventDetails ReadDetails() => JsonSerializer.Deserialize<EventDetails>(Details, Json)!;
}
