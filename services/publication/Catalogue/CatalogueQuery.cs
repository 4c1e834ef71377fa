using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Publication.Catalogue;

/// <summary>
/// The public filters, shared by the list, the GeoJSON, the exports and the statistics:
/// région, département, commune (INSEE), sector, audience, national focus tag, event days overlapping [from, to],
/// free text (every word, accents and case ignored), bbox = minLon,minLat,maxLon,maxLat (RFC 7946 order).
/// </summary>
public sealed record CatalogueQuery(
    string? Region, string? Departement, string? Commune, string? Sector, string? Audience,
    DateOnly? From, DateOnly? To, string? Q, string? Bbox, int? Edition, string? Focus = null)
{
    public static ValueTask<CatalogueQuery?> BindAsync(HttpContext context)
    {
        var q = context.Request.Query;
        string? S(string key) => q[key].ToString() is { Length: > 0 } v ? v.Trim() : null;
        DateOnly? D(string key) => DateOnly.TryParseExact(S(key), "yyyy-MM-dd", out var d) ? d : null;
        int? I(string key) => int.TryParse(S(key), out var i) ? i : null;
        return ValueTask.FromResult<CatalogueQuery?>(new(S("region"), S("departement"), S("commune"), S("sector"), S("audience"),
            D("from"), D("to"), S("q"), S("bbox"), I("edition"), S("focus")) { Raw = q });
    }

    private IQueryCollection? Raw { get; init; }

    /// <summary>Problems with the query string, by parameter; empty when it can be run.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Raw is not null)
        {
            foreach (var key in new[] { "from", "to" })
                if (Raw[key].ToString() is { Length: > 0 } && (key == "from" ? From : To) is null) errors[key] = ["A date such as 2018-03-26."];
            if (Raw["edition"].ToString() is { Length: > 0 } && Edition is null) errors["edition"] = ["A year such as 2018."];
        }
        if (From is { } from && To is { } to && to < from) errors["to"] = ["Must not be before from."];
        if (Q is { Length: > 200 }) errors["q"] = ["At most 200 characters."];
        if (Bbox is not null && ParseBbox(Bbox) is null) errors["bbox"] = ["minLon,minLat,maxLon,maxLat in degrees (WGS84), min before max."];
        return errors;
    }

    public IQueryable<CatalogueEntry> Apply(IQueryable<CatalogueEntry> entries)
    {
        if (Edition is { } edition) entries = entries.Where(e => e.Edition == edition);
        if (Region is not null) entries = entries.Where(e => e.Region == Region);
        if (Departement is not null) entries = entries.Where(e => e.Departement == Departement);
        if (Commune is not null) entries = entries.Where(e => e.CommuneInsee == Commune);
        if (Sector is not null) entries = entries.Where(e => e.Sectors.Contains(Sector));
        if (Audience is not null) entries = entries.Where(e => e.Audiences.Contains(Audience));
        if (Focus is not null) entries = entries.Where(e => e.FocusTags.Contains(Focus));
        // By any of its sessions' days (an event on Tuesday and Thursday is not found on Wednesday).
        if (From is { } from && To is { } to) entries = entries.Where(e => e.SessionDays.Any(d => d >= from && d <= to));
        else if (From is { } since) entries = entries.Where(e => e.LastDay >= since);
        else if (To is { } until) entries = entries.Where(e => e.FirstDay <= until);
        if (Q is not null)
        {
            foreach (var word in CommuneNames.Normalise(Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct())
            {
                var pattern = "%" + word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
                entries = entries.Where(e => EF.Functions.Like(e.SearchText, pattern, "\\"));
            }
        }
        if (Box() is var (minLon, minLat, maxLon, maxLat))
        {
            entries = entries.Where(e => e.Longitude >= minLon && e.Longitude <= maxLon && e.Latitude >= minLat && e.Latitude <= maxLat);
        }
        return entries;
    }

    /// <summary>The bbox as west, south, east, north; null without one (or when it does not parse: <see cref="Validate"/> says so).</summary>
    public (double West, double South, double East, double North)? Box() => Bbox is null ? null : ParseBbox(Bbox);

    private static (double, double, double, double)? ParseBbox(string bbox)
    {
        var parts = bbox.Split(',');
        if (parts.Length != 4) return null;
        var values = new double[4];
        for (var i = 0; i < 4; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i])) return null;
        var (minLon, minLat, maxLon, maxLat) = (values[0], values[1], values[2], values[3]);
        if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90 || minLon > maxLon || minLat > maxLat) return null;
        return (minLon, minLat, maxLon, maxLat);
    }
}
