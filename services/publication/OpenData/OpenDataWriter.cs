using System.Globalization;
using System.Text;
using System.Text.Json;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Publication.OpenData;

/// <summary>
/// Writes an edition's three data files (<see cref="OpenDataSet.Csv"/>, <see cref="OpenDataSet.Json"/>,
/// <see cref="OpenDataSet.GeoJson"/>) event by event as the catalogue is read: what it holds at any time is one event and
/// the writers' buffers, whatever the edition's size (an 87,000-event edition built as documents in memory took the
/// publication service from 287 MB to 2.2 GB in the soak). Organisers' text is escaped for each format as in the
/// catalogue's exports; the records are those of <see cref="OpenDataFields"/>, in order.
/// </summary>
public sealed class OpenDataWriter : IAsyncDisposable
{
    private const int FlushAt = 64 * 1024;
    private static readonly int Latitude = Index("latitude"), Longitude = Index("longitude");

    private readonly string baseUrl;
    private readonly StreamWriter csv;
    private readonly Utf8JsonWriter json, geoJson;

    public OpenDataWriter(Stream csv, Stream json, Stream geoJson, string baseUrl)
    {
        this.baseUrl = baseUrl.TrimEnd('/');
        this.csv = new StreamWriter(csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), FlushAt, leaveOpen: true);
        this.csv.Write(string.Join(',', OpenDataFields.All.Select(f => f.Name)) + "\r\n");
        this.json = new Utf8JsonWriter(json);
        this.json.WriteStartArray();
        this.geoJson = new Utf8JsonWriter(geoJson);
        this.geoJson.WriteStartObject();
        this.geoJson.WriteString("type", "FeatureCollection");
        this.geoJson.WriteStartArray("features");
    }

    /// <summary>How many events were written.</summary>
    public int Events { get; private set; }

    public async ValueTask WriteAsync(PublicEvent e, CancellationToken ct)
    {
        var values = OpenDataFields.All.Select(f => f.Value(e, baseUrl)).ToArray();
        await csv.WriteAsync(CsvText.Row(values.Select(CsvCell)).AsMemory(), ct);

        Record(json, values);

        geoJson.WriteStartObject();
        geoJson.WriteString("type", "Feature");
        geoJson.WriteString("id", (string)values[0]!);
        geoJson.WriteStartObject("geometry");
        geoJson.WriteString("type", "Point");
        geoJson.WriteStartArray("coordinates");
        geoJson.WriteNumberValue(Round((double)values[Longitude]!));
        geoJson.WriteNumberValue(Round((double)values[Latitude]!));
        geoJson.WriteEndArray();
        geoJson.WriteEndObject();
        geoJson.WritePropertyName("properties");
        Record(geoJson, values, Latitude, Longitude);
        geoJson.WriteEndObject();

        Events++;
        if (json.BytesPending > FlushAt) await json.FlushAsync(ct);
        if (geoJson.BytesPending > FlushAt) await geoJson.FlushAsync(ct);
    }

    /// <summary>Closes the documents and flushes everything to the streams (left open).</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        json.WriteEndArray();
        geoJson.WriteEndArray();
        geoJson.WriteEndObject();
        await json.FlushAsync(ct);
        await geoJson.FlushAsync(ct);
        await csv.FlushAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await json.DisposeAsync();
        await geoJson.DisposeAsync();
        await csv.DisposeAsync();
    }

    private static int Index(string name) => OpenDataFields.All.Select((f, i) => (f, i)).Single(x => x.f.Name == name).i;

    private static double Round(double degrees) => Math.Round(degrees, 6);

    private static void Record(Utf8JsonWriter writer, object?[] values, params int[] skip)
    {
        writer.WriteStartObject();
        for (var i = 0; i < values.Length; i++)
        {
            if (skip.Contains(i)) continue;
            writer.WritePropertyName(OpenDataFields.All[i].Name);
            switch (values[i])
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(TextRules.StripControls(s)); break;
                case int n: writer.WriteNumberValue(n); break;
                case double d: writer.WriteNumberValue(Round(d)); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case DateTimeOffset t: writer.WriteStringValue(OpenDataSet.Time(t)); break;
                case IEnumerable<string> list:
                    writer.WriteStartArray();
                    foreach (var item in list) writer.WriteStringValue(TextRules.StripControls(item));
                    writer.WriteEndArray();
                    break;
                case var other: throw new InvalidOperationException($"No JSON for {other.GetType()}");
            }
        }
        writer.WriteEndObject();
    }

    private static string? CsvCell(object? value) => value switch
    {
        null => null,
        string s => CsvText.Cell(s),
        int n => n.ToString(CultureInfo.InvariantCulture),
        double d => Round(d).ToString("0.######", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTimeOffset t => OpenDataSet.Time(t),
        IEnumerable<string> list => CsvText.Cell(string.Join('|', list)),
        var other => throw new InvalidOperationException($"No CSV cell for {other.GetType()}"),
    };
}
