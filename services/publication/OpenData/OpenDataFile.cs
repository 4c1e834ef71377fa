namespace SemaineIndustrie.Publication.OpenData;

/// <summary>
/// One file of an edition's published open dataset, as generated (the three data files and their datapackage.json, written
/// together in one transaction: the descriptor's sizes and hashes are always those of the files served beside it).
/// </summary>
public sealed class OpenDataFile
{
    public int Edition { get; init; }
    public required string Name { get; init; }
    public required byte[] Content { get; init; }
    /// <summary>Hex SHA-256 of <see cref="Content"/>: the ETag, and the hash the data package states.</summary>
    public required string Sha256 { get; init; }
    public int Events { get; init; }
    public DateTimeOffset GeneratedAt { get; init; }
}

/// <summary>Configuration section "OpenData".</summary>
public sealed class OpenDataOptions
{
    public const string Section = "OpenData";

    /// <summary>How often the job checks whether today's dataset is out; it is generated once per Paris day.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The data package's publisher (a contributor with the role "publisher").</summary>
    public string Publisher { get; set; } = "Direction générale des entreprises (DGE)";
}
