using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using SemaineIndustrie.Publication.Catalogue;

namespace SemaineIndustrie.Publication.OpenData;

/// <summary>
/// The open dataset of one edition's labelled events, in three formats made from <see cref="OpenDataFields"/> (written by
/// <see cref="OpenDataWriter"/>): CSV (RFC 4180, UTF-8 without byte-order mark, comma, CRLF, header), JSON (an array of
/// records) and GeoJSON (RFC 7946 points), with their Table Schema, their JSON Schema and the Frictionless
/// <c>datapackage.json</c> that describes them (licence, source, sizes and SHA-256 of each file).
/// </summary>
public static class OpenDataSet
{
    public const string Csv = "events.csv", Json = "events.json", GeoJson = "events.geojson", DataPackage = "datapackage.json";

    public static readonly IReadOnlyDictionary<string, string> MediaTypes = new Dictionary<string, string>
    {
        [Csv] = "text/csv; charset=utf-8; header=present", [Json] = "application/json; charset=utf-8",
        [GeoJson] = "application/geo+json; charset=utf-8", [DataPackage] = "application/json; charset=utf-8",
    };

    public const string LicenceName = "etalab-2.0", LicenceTitle = "Licence Ouverte / Open Licence version 2.0",
        LicencePath = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";

    /// <summary>The stable addresses, under the catalogue's public address.</summary>
    public static string Folder(string baseUrl) => $"{baseUrl.TrimEnd('/')}/api/catalogue/open-data";
    public static string FileAddress(string baseUrl, int edition, string file) => $"{Folder(baseUrl)}/{edition}/{file}";
    public static string TableSchemaAddress(string baseUrl) => $"{Folder(baseUrl)}/schema.json";
    public static string JsonSchemaAddress(string baseUrl) => $"{Folder(baseUrl)}/events.schema.json";

    /// <summary>The name a download is saved under: semaine-industrie-2018-evenements.csv.</summary>
    public static string DownloadName(int edition, string file) =>
        file == DataPackage ? $"semaine-industrie-{edition}-datapackage.json" : $"semaine-industrie-{edition}-evenements{Path.GetExtension(file)}";

    /// <summary>An absolute http(s) address, or nothing (the catalogue keeps what organisers typed; the dataset promises URIs).</summary>
    public static string? Link(string? value) =>
        CatalogueExports.Uri(value) is { } uri && System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" ? uri : null;

    /// <summary>ISO 8601: Paris times with their offset, UTC times with Z.</summary>
    internal static string Time(DateTimeOffset t) => t.Offset == TimeSpan.Zero
        ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Sha256(byte[] content) => Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

    /// <summary>The Table Schema (Frictionless) of the CSV: types, constraints, French titles and descriptions.</summary>
    public static JsonObject TableSchema() => new()
    {
        ["fields"] = new JsonArray([.. OpenDataFields.All.Select(f =>
        {
            var field = new JsonObject { ["name"] = f.Name, ["title"] = f.Title, ["description"] = f.Description, ["type"] = f.Type };
            if (f.Format is { } format) field["format"] = format;
            var constraints = new JsonObject();
            if (f.Required) constraints["required"] = true;
            if (f.Unique) constraints["unique"] = true;
            if (f.Pattern is { } pattern) constraints["pattern"] = pattern;
            if (f.Enum is { } values) constraints["enum"] = new JsonArray([.. values.Select(v => (JsonNode?)v)]);
            if (f.Minimum is { } min) constraints["minimum"] = min;
            if (f.Maximum is { } max) constraints["maximum"] = max;
            if (f.MaxLength is { } length) constraints["maxLength"] = length;
            if (constraints.Count > 0) field["constraints"] = constraints;
            return (JsonNode?)field;
        })]),
        ["primaryKey"] = "id",
        ["missingValues"] = new JsonArray(""),
    };

    /// <summary>The JSON Schema (2020-12) of the JSON file: an array of records with the same fields, lists as arrays.</summary>
    public static JsonObject JsonSchema(string baseUrl)
    {
        var properties = new JsonObject();
        foreach (var f in OpenDataFields.All)
        {
            JsonObject type = f switch
            {
                { List: true } => new() { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                { Type: "datetime" } => new() { ["type"] = "string", ["format"] = "date-time" },
                { Type: "string" } => new() { ["type"] = "string" },
                _ => new() { ["type"] = f.Type },
            };
            if (f.Format is "uuid" or "uri") type["format"] = f.Format;
            if (f.Pattern is { } pattern) type["pattern"] = $"^(?:{pattern})$";
            if (f.Enum is { } values) type["enum"] = new JsonArray([.. values.Select(v => (JsonNode?)v)]);
            if (f.Minimum is { } min) type["minimum"] = min;
            if (f.Maximum is { } max) type["maximum"] = max;
            if (f.MaxLength is { } length) type["maxLength"] = length;
            var property = new JsonObject { ["title"] = f.Title, ["description"] = f.Description };
            if (f.Required) foreach (var (key, value) in type) property[key] = value?.DeepClone();
            else property["anyOf"] = new JsonArray(type, new JsonObject { ["type"] = "null" });
            properties[f.Name] = property;
        }
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = JsonSchemaAddress(baseUrl),
            ["title"] = "Semaine de l'Industrie — événements labellisés",
            ["description"] = "Un tableau d'événements ; les champs sont ceux du schéma de table, les listes sont des tableaux.",
            ["type"] = "array",
            ["items"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray([.. OpenDataFields.All.Select(f => (JsonNode?)f.Name)]),
                ["additionalProperties"] = false,
                ["properties"] = properties,
            },
        };
    }

    /// <summary>
    /// The Frictionless data package of an edition's files: licence, source, publisher, update frequency, and each file's
    /// stable address, size and SHA-256; the CSV is a tabular resource carrying its Table Schema inline (also served alone).
    /// </summary>
    public static JsonObject DataPackageOf(int edition, IReadOnlyDictionary<string, (long Bytes, string Sha256)> files, int events,
        DateTimeOffset generatedAt, string baseUrl, string publisher)
    {
        baseUrl = baseUrl.TrimEnd('/');
        JsonObject Resource(string file, string name, string format, string mediaType, string title, string description)
        {
            var (bytes, sha256) = files[file];
            return new JsonObject
            {
                ["name"] = name, ["title"] = title, ["description"] = description,
                ["path"] = FileAddress(baseUrl, edition, file), ["format"] = format, ["mediatype"] = mediaType, ["encoding"] = "utf-8",
                ["bytes"] = bytes, ["hash"] = "sha256:" + sha256,
            };
        }
        var csv = Resource(Csv, "evenements", "csv", "text/csv", "Événements labellisés (CSV)",
            "Une ligne par événement, séparateur virgule, UTF-8 sans BOM, fins de ligne CRLF (RFC 4180).");
        csv["profile"] = "tabular-data-resource";
        csv["dialect"] = new JsonObject { ["delimiter"] = ",", ["lineTerminator"] = "\r\n", ["quoteChar"] = "\"", ["doubleQuote"] = true, ["header"] = true };
        csv["schema"] = TableSchema();
        var json = Resource(Json, "evenements-json", "json", "application/json", "Événements labellisés (JSON)",
            $"Les mêmes champs, un objet par événement ; les listes sont des tableaux. Schéma JSON : {JsonSchemaAddress(baseUrl)}");
        json["profile"] = "data-resource";
        var geo = Resource(GeoJson, "evenements-geojson", "geojson", "application/geo+json", "Événements labellisés (GeoJSON)",
            "Un point par événement (longitude, latitude WGS 84, RFC 7946), les autres champs en propriétés.");
        geo["profile"] = "data-resource";
        return new JsonObject
        {
            ["profile"] = "data-package",
            ["name"] = $"semaine-industrie-{edition}-evenements-labellises",
            ["id"] = FileAddress(baseUrl, edition, DataPackage),
            ["title"] = $"Semaine de l'Industrie {edition} — événements labellisés",
            ["description"] = $"Les {events} événements de la Semaine de l'Industrie {edition} qui ont reçu le label et sont sur la carte publique : "
                + "visites d'entreprises, portes ouvertes, conférences, ateliers… avec leurs dates, leur lieu géolocalisé, les filières et les publics visés. "
                + "Aucune donnée personnelle : ni le contact privé des organisateurs, ni leurs adresses électroniques ou téléphones d'inscription (qui sont sur la page de chaque événement).",
            ["homepage"] = $"{baseUrl}/donnees",
            ["keywords"] = new JsonArray("industrie", "semaine de l'industrie", "événements", "emploi", "métiers", "entreprises"),
            ["licenses"] = new JsonArray(new JsonObject { ["name"] = LicenceName, ["path"] = LicencePath, ["title"] = LicenceTitle }),
            ["sources"] = new JsonArray(new JsonObject { ["title"] = "Plateforme de labellisation de la Semaine de l'Industrie", ["path"] = baseUrl }),
            ["contributors"] = new JsonArray(new JsonObject { ["title"] = publisher, ["role"] = "publisher" }),
            ["created"] = Time(generatedAt.ToUniversalTime()),
            ["frequency"] = "daily",
            ["resources"] = new JsonArray(csv, json, geo),
        };
    }
}
