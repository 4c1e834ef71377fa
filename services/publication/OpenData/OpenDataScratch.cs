using System.Security.Cryptography;

namespace SemaineIndustrie.Publication.OpenData;

/// <summary>
/// Where an edition's three data files are written before they are stored: temporary files, deleted when disposed (or
/// by the system if the process dies), so that a large edition costs disk rather than memory.
/// </summary>
public sealed class OpenDataScratch : IAsyncDisposable
{
    private static readonly string[] Names = [OpenDataSet.Csv, OpenDataSet.Json, OpenDataSet.GeoJson];

    private readonly Dictionary<string, FileStream> files = Names.ToDictionary(name => name, _ => new FileStream(
        Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous));

    public Stream this[string name] => files[name];

    /// <summary>Each file's size and SHA-256, as the data package states them.</summary>
    public async Task<IReadOnlyDictionary<string, (long Bytes, string Sha256)>> FactsAsync(CancellationToken ct)
    {
        var facts = new Dictionary<string, (long, string)>();
        foreach (var (name, file) in Rewound())
            facts[name] = (file.Length, Convert.ToHexString(await SHA256.HashDataAsync(file, ct)).ToLowerInvariant());
        return facts;
    }

    /// <summary>The files, each from its start.</summary>
    public IEnumerable<(string Name, Stream File)> Rewound()
    {
        foreach (var (name, file) in files)
        {
            file.Position = 0;
            yield return (name, file);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in files.Values) await file.DisposeAsync();
    }
}
