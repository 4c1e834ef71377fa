using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Web.Catalogue;

/// <summary>
/// The public catalogue and editions, read through the gateway like any client. A filter the API refuses
/// comes back as its problem details, shown on the page: the API's rules stay the only truth.
/// </summary>
public sealed class CatalogueClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ProblemDetailsAndJson.Configure(options);
        return options;
    }

    public sealed record Answer<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors);

    public async Task<Answer<EventPage>> EventsAsync(CatalogueFilters filters, int limit, string? cursor, CancellationToken ct)
    {
        var query = filters.ToQueryString();
        var path = $"api/catalogue/events?limit={limit}" + (query.Length > 0 ? "&" + query : "") + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
        using var response = await http.GetAsync(path, ct);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>(Json, ct);
            return new Answer<EventPage>(null, problem?.Errors.AsReadOnly() ?? new Dictionary<string, string[]>().AsReadOnly());
        }
        response.EnsureSuccessStatusCode();
        return new Answer<EventPage>(await response.Content.ReadFromJsonAsync<EventPage>(Json, ct), new Dictionary<string, string[]>());
    }

    /// <summary>The event as the public sees it, or null when it is not (or no longer) in the catalogue.</summary>
    public async Task<PublicEvent?> EventAsync(Guid id, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/catalogue/events/{id}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<PublicEvent>(Json, ct);
    }

    /// <summary>
    /// The event's schema.org JSON-LD as the catalogue renders it (the one mapping), re-serialised here so that
    /// what goes into the page's script element is escaped for HTML whatever the API sent; null when not public.
    /// </summary>
    public async Task<string?> EventJsonLdAsync(Guid id, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/catalogue/events/{id}.jsonld", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return ScriptSafeJson(await response.Content.ReadAsByteArrayAsync(ct));
    }

    /// <summary>
    /// A JSON document made safe inside a script element: it must be valid JSON (read to its end, or refused), then
    /// &lt;, &gt; and &amp; are written as \u003c, \u003e and \u0026 — valid JSON can only hold them inside strings, where
    /// the escape means the same character, so no "&lt;/script&gt;" or "&lt;!--" can close or disturb the element.
    /// </summary>
    public static string ScriptSafeJson(byte[] json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        while (reader.Read()) { }
        if (reader.BytesConsumed == 0) throw new JsonException("Empty JSON document.");
        return System.Text.Encoding.UTF8.GetString(json).Replace("<", "\\u003c", StringComparison.Ordinal)
            .Replace(">", "\\u003e", StringComparison.Ordinal).Replace("&", "\\u0026", StringComparison.Ordinal);
    }

    /// <summary>The catalogue's figures for an edition (by default the latest the catalogue holds).</summary>
    public Task<CatalogueStats?> StatsAsync(int? edition, CancellationToken ct) =>
        http.GetFromJsonAsync<CatalogueStats>("api/catalogue/stats" + (edition is { } year ? $"?edition={year}" : ""), Json, ct);

    /// <summary>The open dataset: its schemas, its licence and each published edition's files.</summary>
    public async Task<OpenDataIndex> OpenDataAsync(CancellationToken ct) =>
        await http.GetFromJsonAsync<OpenDataIndex>("api/catalogue/open-data", Json, ct) ?? throw new JsonException("Empty open-data index.");

    /// <summary>The dataset's Table Schema fields (name, title, type, description), as the catalogue serves it.</summary>
    public async Task<IReadOnlyList<TableSchemaField>> OpenDataFieldsAsync(CancellationToken ct) =>
        (await http.GetFromJsonAsync<TableSchemaDocument>("api/catalogue/open-data/schema.json", Json, ct))?.Fields ?? [];

    /// <summary>The published editions, oldest first (the archive and the current one).</summary>
    public async Task<IReadOnlyList<Edition>> EditionsAsync(CancellationToken ct) =>
        await http.GetFromJsonAsync<List<Edition>>("api/editions", Json, ct) ?? [];

    /// <summary>An edition's published events as GeoJSON (the map's own answer, cached by the gateway).</summary>
    public async Task<JsonDocument> GeoJsonAsync(int edition, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/catalogue/events.geojson?edition={edition.ToString(System.Globalization.CultureInfo.InvariantCulture)}", ct);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
    }

    public Task<Edition?> CurrentEditionAsync(CancellationToken ct) => EditionAsync("current", ct);

    /// <summary>The published editions accepting demands now, by year.</summary>
    public async Task<IReadOnlyList<Edition>> OpenEditionsAsync(CancellationToken ct) =>
        await http.GetFromJsonAsync<List<Edition>>("api/editions/open", Json, ct) ?? [];

    public Task<Edition?> EditionAsync(int year, CancellationToken ct) => EditionAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);

    private async Task<Edition?> EditionAsync(string which, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/editions/{which}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Edition>(Json, ct);
    }
}

/// <summary>The part of a Table Schema the open-data page shows.</summary>
public sealed record TableSchemaDocument(IReadOnlyList<TableSchemaField> Fields);

public sealed record TableSchemaField(string Name, string Title, string Type, string Description);
