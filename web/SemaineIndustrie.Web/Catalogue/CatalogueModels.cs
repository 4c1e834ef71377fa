namespace SemaineIndustrie.Web.Catalogue;

// What the public catalogue API answers is the API's own records (contracts/…/Http/CatalogueApi.cs, EditionsApi.cs).

/// <summary>The public filters, as in the API and kept in the page's URL so a view can be shared.</summary>
public sealed record CatalogueFilters(string? Region, string? Departement, string? Commune, string? Sector, string? Audience,
    string? From, string? To, string? Q, string? Bbox, string? Edition = null, string? Focus = null)
{
    public static readonly CatalogueFilters None = new(null, null, null, null, null, null, null, null, null);

    public IEnumerable<KeyValuePair<string, string>> Pairs()
    {
        (string Key, string? Value)[] all = [("region", Region), ("departement", Departement), ("commune", Commune), ("sector", Sector),
            ("audience", Audience), ("focus", Focus), ("from", From), ("to", To), ("q", Q), ("bbox", Bbox), ("edition", Edition)];
        return all.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => new KeyValuePair<string, string>(p.Key, p.Value!.Trim()));
    }

    public string ToQueryString() => string.Join('&', Pairs().Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
}
