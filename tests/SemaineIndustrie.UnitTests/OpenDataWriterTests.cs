using System.Text;
using System.Text.Json;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Publication.OpenData;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>
/// The open dataset is written as the catalogue is read: an edition of any size costs the publication service one event
/// and the writers' buffers (the soak's 87,000-event edition, built as documents, took it from 287 MB to 2.2 GB).
/// </summary>
/// <remarks>
/// The live heap is the whole process's: measured while other test classes run beside it, it counts what they hold at
/// that instant (CI once saw 17.8 MB). The collection runs alone, after every parallel one.
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OpenDataMemoryCollection
{
    public const string Name = "open data memory";
}

[Collection(OpenDataMemoryCollection.Name)]
public sealed class OpenDataWriterTests
{
    private static readonly DateTimeOffset Start = new(2018, 3, 26, 9, 0, 0, TimeSpan.FromHours(2));

    private static PublicEvent Event(int i, string title = "Visite des ateliers") => new(
        new Guid(i, 0, 0, new byte[8]), 1, 2018, $"{title} {i}", "Première ligne ;\nseconde, avec des « guillemets ».", "companyVisit",
        Start.AddMinutes(i), Start.AddMinutes(i + 120),
        new PublicVenue("Atelier du Garros", "12 rue du Garros", "32000", "32013", "Auch", "32", "76"),
        new PublicLocation(43.6465 + i * 1e-7, 0.5855 + i * 1e-7), ["aeronautique", "metallurgie"], ["jeunes"], true, 20,
        new Registration(true, "https://example.org/inscription", null, null), new Accessibility(true, "Rampe d'accès."),
        new PublicOrganiser("Aéro Gers", "company"), Start.AddDays(-30).ToUniversalTime(), ["mixite"]);

    [Fact]
    public async Task An_edition_ten_times_larger_costs_no_more_memory_and_reaches_the_files_while_it_is_read()
    {
        var csv = new CountingStream();
        var json = new CountingStream();
        var geoJson = new CountingStream();
        await using var writer = new OpenDataWriter(csv, json, geoJson, "https://semaine-industrie.example");
        long LiveHeap() => GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < 4_000; i++) await writer.WriteAsync(Event(i), default);
        var afterFew = LiveHeap();
        var writtenAfterFew = json.Length + geoJson.Length + csv.Length;
        for (var i = 4_000; i < 40_000; i++) await writer.WriteAsync(Event(i), default);
        var afterMany = LiveHeap();
        var writtenAfterMany = json.Length + geoJson.Length + csv.Length;
        await writer.CompleteAsync(default);
        var written = json.Length + geoJson.Length + csv.Length;

        Assert.Equal(40_000, writer.Events);
        // 36,000 more events are ~90 MB of files: held in memory they would be seen here many times over.
        Assert.True(written > 60_000_000, $"{written} bytes written");
        Assert.True(afterMany - afterFew < 8_000_000, $"live heap grew by {afterMany - afterFew} bytes over 36,000 events");
        Assert.True(writtenAfterMany > written * 0.99, $"{writtenAfterMany} of {written} bytes had reached the streams before the end");
        Assert.True(writtenAfterFew > 0);
    }

    [Fact]
    public async Task The_three_files_hold_the_same_records_each_escaped_for_its_format()
    {
        var (csv, json, geoJson) = (new MemoryStream(), new MemoryStream(), new MemoryStream());
        await using (var writer = new OpenDataWriter(csv, json, geoJson, "https://semaine-industrie.example/"))
        {
            await writer.WriteAsync(Event(1, "=HYPERLINK(\"https://x.example\") Données, \"ouvertes\"\u0007"), default);
            await writer.WriteAsync(Event(2), default);
            await writer.CompleteAsync(default);
        }

        var lines = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n");
        Assert.Equal(string.Join(',', OpenDataFields.All.Select(f => f.Name)), lines[0]);                 // no byte-order mark
        Assert.StartsWith($"{new Guid(1, 0, 0, new byte[8])},1,2018,\"'=HYPERLINK(\"\"https://x.example\"\") Données, \"\"ouvertes\"\" 1\",\"Première ligne ;\nseconde", lines[1]);
        Assert.Equal(4, lines.Length);                                                                      // CRLF after each row; the description's \n is quoted
        Assert.Equal("", lines[^1]);
        Assert.EndsWith("aeronautique|metallurgie,jeunes,mixite,true,20,true,https://example.org/inscription,true,Rampe d'accès.,Aéro Gers,company,"
            + $"https://semaine-industrie.example/evenements/{new Guid(2, 0, 0, new byte[8])},,2018-02-24T07:00:00Z", lines[^2]);

        var records = JsonDocument.Parse(json.ToArray()).RootElement;
        Assert.Equal(2, records.GetArrayLength());
        Assert.Equal("=HYPERLINK(\"https://x.example\") Données, \"ouvertes\" 1", records[0].GetProperty("title").GetString());   // control character stripped
        Assert.Equal("2018-03-26T09:01:00+02:00", records[0].GetProperty("starts_at").GetString());
        Assert.Equal(JsonValueKind.Null, records[0].GetProperty("picture_url").ValueKind);
        Assert.Equal(["aeronautique", "metallurgie"], records[0].GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(OpenDataFields.All.Select(f => f.Name), records[1].EnumerateObject().Select(p => p.Name));

        var features = JsonDocument.Parse(geoJson.ToArray()).RootElement;
        Assert.Equal("FeatureCollection", features.GetProperty("type").GetString());
        var feature = features.GetProperty("features")[1];
        Assert.Equal(new Guid(2, 0, 0, new byte[8]).ToString(), feature.GetProperty("id").GetString());
        Assert.Equal([0.585500, 43.646500], feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => Math.Round(c.GetDouble(), 4)));
        Assert.False(feature.GetProperty("properties").TryGetProperty("latitude", out _));
        Assert.Equal("Auch", feature.GetProperty("properties").GetProperty("commune").GetString());
    }

    /// <summary>A sink that keeps only how many bytes reached it.</summary>
    private sealed class CountingStream : Stream
    {
        private long length;
        public override long Length => length;
        public override void Write(byte[] buffer, int offset, int count) => length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => length += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) { length += buffer.Length; return ValueTask.CompletedTask; }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) { length += count; return Task.CompletedTask; }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Position { get => length; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
