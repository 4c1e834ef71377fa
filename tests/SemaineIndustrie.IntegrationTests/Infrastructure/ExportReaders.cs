using System.Text;
using System.Text.Json;
using CsvHelper;
using Ical.Net;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>
/// Independent readers of the catalogue's exports (CsvHelper, Ical.Net, System.Text.Json): what a reuser's
/// software would do with them. A document they cannot read is a failed test.
/// </summary>
public static class ExportReaders
{
    /// <summary>The rows of an RFC 4180 CSV (after its byte-order mark), header first.</summary>
    public static List<string[]> Csv(byte[] body)
    {
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, body[..3]);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body, 3, body.Length - 3);
        using var reader = CsvReader.FromText(text, new CsvReaderOptions
        {
            HasHeader = false,
            MalformedData = CsvMalformedDataHandling.Throw, // a quote out of place fails the test
            AllowLineBreaksInQuotes = true,
        });
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        Assert.All(rows, row => Assert.Equal(rows[0].Length, row.Length));
        return rows;
    }

    /// <summary>The calendar, loaded by Ical.Net; every physical line within 75 octets, CRLF only.</summary>
    public static Ical.Net.Calendar Calendar(string body)
    {
        Assert.All(body.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"line longer than 75 octets: {line}"));
        Assert.DoesNotContain('\n', body.Replace("\r\n", ""));
        Assert.DoesNotContain('\r', body.Replace("\r\n", ""));
        var calendar = Ical.Net.Calendar.Load(body);
        Assert.NotNull(calendar);
        return calendar!;
    }

    /// <summary>A JSON document (GeoJSON, JSON-LD) parsed whole.</summary>
    public static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();
}
