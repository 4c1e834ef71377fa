using System.Collections.Frozen;
using System.IO.Compression;

namespace SemaineIndustrie.Territory;

/// <summary>The outcome of resolving a venue's postal code and commune.</summary>
public abstract record CommuneResolution
{
    public sealed record Found(Commune Commune) : CommuneResolution;

    /// <summary>No single commune matches; <see cref="Candidates"/> are those of the postal code (possibly none).</summary>
    public sealed record NotFound(string Field, string Message, IReadOnlyList<Commune> Candidates) : CommuneResolution;
}

/// <summary>
/// Every current commune of metropolitan France, Corsica and the overseas départements (34,875, from
/// INSEE's Code officiel géographique, see Data/ATTRIBUTION.md), loaded once from the embedded file.
/// </summary>
public sealed class CommuneDirectory
{
    private static readonly Lazy<CommuneDirectory> Shared = new(Load);

    private readonly FrozenDictionary<string, Commune> byCode;
    private readonly FrozenDictionary<string, Commune[]> byPostalCode;
    private readonly FrozenDictionary<string, string[]> namesByCode;

    private CommuneDirectory(IReadOnlyList<(Commune Commune, string[] FormerNames)> rows)
    {
        byCode = rows.ToFrozenDictionary(r => r.Commune.Code, r => r.Commune);
        byPostalCode = rows.SelectMany(r => r.Commune.PostalCodes.Select(p => (p, r.Commune)))
            .GroupBy(x => x.p).ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Commune).ToArray());
        namesByCode = rows.ToFrozenDictionary(r => r.Commune.Code,
            r => r.FormerNames.Prepend(r.Commune.Name).Select(CommuneNames.Normalise).Distinct().ToArray());
    }

    public static CommuneDirectory Instance => Shared.Value;

    public int Count => byCode.Count;

    public IEnumerable<Commune> All => byCode.Values;

    public Commune? Find(string code) => byCode.GetValueOrDefault(code);

    public IReadOnlyList<Commune> WithPostalCode(string postalCode) => byPostalCode.GetValueOrDefault(postalCode) ?? [];

    /// <summary>
    /// A venue's commune from its postal code and either its INSEE code or its name (or a former
    /// commune's name). Errors name the field at fault and list the communes of the postal code.
    /// </summary>
    public CommuneResolution Resolve(string postalCode, string? communeName, string? communeCode)
    {
        var candidates = WithPostalCode(postalCode);
        if (candidates.Count == 0)
        {
            return new CommuneResolution.NotFound("venue.postalCode", $"No commune has the postal code {postalCode}.", []);
        }

        if (!string.IsNullOrWhiteSpace(communeCode))
        {
            var byItsCode = candidates.FirstOrDefault(c => c.Code == communeCode.Trim().ToUpperInvariant());
            return byItsCode is not null
                ? new CommuneResolution.Found(byItsCode)
                : new CommuneResolution.NotFound("venue.communeInsee", $"Commune {communeCode} does not have the postal code {postalCode}.", candidates);
        }

        if (string.IsNullOrWhiteSpace(communeName))
        {
            return candidates.Count == 1
                ? new CommuneResolution.Found(candidates[0])
                : new CommuneResolution.NotFound("venue.commune", $"The postal code {postalCode} is shared by {candidates.Count} communes: name the commune.", candidates);
        }

        var wanted = CommuneNames.Normalise(communeName);
        var matches = candidates.Where(c => namesByCode[c.Code].Contains(wanted)).ToList();
        return matches.Count switch
        {
            1 => new CommuneResolution.Found(matches[0]),
            0 => new CommuneResolution.NotFound("venue.commune", $"No commune named '{communeName}' has the postal code {postalCode}.", candidates),
            _ => new CommuneResolution.NotFound("venue.commune", $"'{communeName}' matches several communes of {postalCode}: give the INSEE code.", matches),
        };
    }

    private static CommuneDirectory Load()
    {
        using var resource = typeof(CommuneDirectory).Assembly.GetManifestResourceStream("communes.tsv.gz")
            ?? throw new InvalidOperationException("embedded communes.tsv.gz is missing");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var rows = new List<(Commune, string[])>(35_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            rows.Add((new Commune(f[0], f[1], f[2], f[3], f[4].Split(' ', StringSplitOptions.RemoveEmptyEntries)),
                f[5].Split('|', StringSplitOptions.RemoveEmptyEntries)));
        }
        return new CommuneDirectory(rows);
    }
}
