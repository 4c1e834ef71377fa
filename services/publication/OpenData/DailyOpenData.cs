using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using SemaineIndustrie.Contracts.Catalogue;
using SemaineIndustrie.Publication.Catalogue;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Work;

namespace SemaineIndustrie.Publication.OpenData;

/// <summary>
/// The daily open dataset: once per Paris day (checked every <see cref="OpenDataOptions.CheckInterval"/>, and at start),
/// every edition in the catalogue — and every edition published before, so that an edition whose last event left the map
/// publishes an empty file rather than a stale one — gets its files regenerated from one read of the catalogue, streamed
/// through <see cref="OpenDataWriter"/> into scratch files and from them into PostgreSQL (memory does not grow with the
/// edition). Replicas
/// take a transaction-scoped advisory lock: one generates, the others find today's files and skip. A national admin can
/// publish at once (<see cref="OpenDataApi"/>) — after the edition's closing, say.
/// </summary>
public sealed partial class DailyOpenData(IServiceScopeFactory scopes, TimeProvider clock, IOptions<OpenDataOptions> options, ILogger<DailyOpenData> logger)
    : PeriodicJob(logger)
{
    private const long LockKey = 0x4F70656E44617461; // "OpenData"

    protected override TimeSpan Interval => options.Value.CheckInterval;

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        var written = await PublishAsync(force: false, ct);
        foreach (var edition in written) LogGenerated(logger, edition.Edition, edition.Events);
    }

    /// <summary>Generates the editions whose files are not from today (all of them when <paramref name="force"/>); returns those written.</summary>
    public async Task<IReadOnlyList<OpenDataEdition>> PublishAsync(bool force, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        var baseUrl = scope.ServiceProvider.GetRequiredService<IOptions<CatalogueOptions>>().Value.PublicBaseUrl.TrimEnd('/');
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        var published = await db.OpenData.AsNoTracking().Where(f => f.Name == OpenDataSet.DataPackage)
            .Select(f => new { f.Edition, f.GeneratedAt }).ToListAsync(ct);
        var editions = (await db.Catalogue.Select(e => e.Edition).Distinct().ToListAsync(ct)).Union(published.Select(p => p.Edition)).Order();
        var due = editions.Where(edition => force || published.SingleOrDefault(p => p.Edition == edition) is not { } last
            || ParisTime.Day(last.GeneratedAt) < ParisTime.Day(now)).ToList();

        var written = new List<OpenDataEdition>();
        foreach (var edition in due)
        {
            await using var files = new OpenDataScratch();
            int events;
            await using (var writer = new OpenDataWriter(files[OpenDataSet.Csv], files[OpenDataSet.Json], files[OpenDataSet.GeoJson], baseUrl))
            {
                // One query read row by row (Npgsql does not buffer a result set): one event in memory at a time.
                await foreach (var entry in db.Catalogue.AsNoTracking().Where(e => e.Edition == edition)
                                   .OrderBy(e => e.StartsAt).ThenBy(e => e.SubmissionId).AsAsyncEnumerable().WithCancellation(ct))
                    await writer.WriteAsync(entry.Public(), ct);
                await writer.CompleteAsync(ct);
                events = writer.Events;
            }
            var facts = await files.FactsAsync(ct);
            var package = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
                OpenDataSet.DataPackageOf(edition, facts, events, now, baseUrl, options.Value.Publisher));
            await db.OpenData.Where(f => f.Edition == edition).ExecuteDeleteAsync(ct);
            foreach (var (name, stream) in files.Rewound())
                await StoreAsync(db, edition, name, stream, facts[name].Sha256, events, now, ct);
            await StoreAsync(db, edition, OpenDataSet.DataPackage, new MemoryStream(package), OpenDataSet.Sha256(package), events, now, ct);
            written.Add(new(edition, events, now));
        }
        await transaction.CommitAsync(ct);
        return written;
    }

    /// <summary>One file, its content streamed to PostgreSQL from where it was written.</summary>
    private static Task StoreAsync(PublicationDbContext db, int edition, string name, Stream content, string sha256, int events, DateTimeOffset now,
        CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(
            "INSERT INTO open_data_files (edition, name, content, sha256, events, generated_at) VALUES (@edition, @name, @content, @sha256, @events, @generated_at)",
            [
                new NpgsqlParameter("edition", edition), new NpgsqlParameter("name", name),
                new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = content },
                new NpgsqlParameter("sha256", sha256), new NpgsqlParameter("events", events), new NpgsqlParameter("generated_at", now),
            ], ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Open dataset of the {Edition} edition published: {Events} events")]
    private static partial void LogGenerated(ILogger logger, int edition, int events);
}
