using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Editions;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.ServiceDefaults.Time;

namespace SemaineIndustrie.LabellingReview.Editions;

/// <summary>
/// This service's copy of an edition as the national team last published it (<see cref="EditionPublished"/>, the newest
/// revision winning): what "the current edition" of queues and statistics is when a reviewer names none. A removed
/// edition keeps its row without content, so that older news cannot bring it back.
/// </summary>
public sealed class KnownEdition
{
    /// <summary>The years an <c>edition</c> query parameter may name (the editions API's own range).</summary>
    public const int FirstYear = 2000, LastYear = 2100;

    public int Year { get; init; }
    public long Revision { get; set; }
    /// <summary>The edition (JSON), or null once removed.</summary>
    public string? Content { get; set; }

    /// <summary>The edition queues and statistics show by default: <see cref="Edition.CurrentAmong"/> of the published editions known here; null when none is.</summary>
    public static async Task<int?> CurrentYearAsync(ReviewDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var known = await db.Editions.AsNoTracking().Where(e => e.Content != null).OrderBy(e => e.Year).Select(e => e.Content!).ToListAsync(ct);
        var published = known.Select(c => JsonSerializer.Deserialize<Edition>(c, ContractJson.Options)!).Where(e => e.Published).ToList();
        return Edition.CurrentAmong(published, now, ParisTime.Day(now))?.Year;
    }

    /// <summary>The edition a query reads: the one named, else the current one, else (no edition known yet) every case.</summary>
    public static async Task<int?> ChosenAsync(ReviewDbContext db, int? named, DateTimeOffset now, CancellationToken ct) =>
        named ?? await CurrentYearAsync(db, now, ct);
}

public static class EditionQueries
{
    /// <summary>The cases of edition <paramref name="year"/>; null: every case (no edition known yet).</summary>
    public static IQueryable<Cases.ReviewCase> OfEdition(this IQueryable<Cases.ReviewCase> cases, int? year) =>
        year is { } y ? cases.Where(c => c.Edition == y) : cases;
}

public sealed class EditionPublishedConsumer(ReviewDbContext db) : IConsumer<EditionPublished>
{
    public Task Consume(ConsumeContext<EditionPublished> context) => KnownEditions.KeepAsync(db, context, this,
        context.Message.Edition.Year, context.Message.Revision, JsonSerializer.Serialize(context.Message.Edition, ContractJson.Options));
}

public sealed class EditionRemovedConsumer(ReviewDbContext db) : IConsumer<EditionRemoved>
{
    public Task Consume(ConsumeContext<EditionRemoved> context) => KnownEditions.KeepAsync(db, context, this,
        context.Message.Year, context.Message.Revision, null);
}

internal static class KnownEditions
{
    public static Task KeepAsync<T>(ReviewDbContext db, ConsumeContext<T> context, IConsumer consumer, int year, long revision, string? content)
        where T : class => db.ConsumeOnceAsync(context, consumer, async ct =>
    {
        var known = await db.Editions.SingleOrDefaultAsync(e => e.Year == year, ct);
        if (known is null) db.Editions.Add(known = new KnownEdition { Year = year });
        else if (revision <= known.Revision) return; // older news
        (known.Revision, known.Content) = (revision, content);
    });
}
