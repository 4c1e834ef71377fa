using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Editions;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;

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

    /// <summary>The published editions known here, by year.</summary>
    public static async Task<List<Edition>> PublishedAsync(ReviewDbContext db, CancellationToken ct) =>
        (await db.Editions.AsNoTracking().Where(e => e.Content != null).OrderBy(e => e.Year).Select(e => e.Content!).ToListAsync(ct))
            .Select(c => JsonSerializer.Deserialize<Edition>(c, ContractJson.Options)!).Where(e => e.Published).ToList();

    /// <summary>The edition queues and statistics show by default: <see cref="Edition.CurrentAmong"/> of <paramref name="published"/>; null when none is.</summary>
    public static int? CurrentYear(IReadOnlyList<Edition> published, DateTimeOffset now) => Edition.CurrentAmong(published, now, ParisTime.Day(now))?.Year;

    /// <summary>The edition a query reads: the one named, else the current one, else (no edition known yet) every case.</summary>
    public static async Task<int?> ChosenAsync(ReviewDbContext db, int? named, DateTimeOffset now, CancellationToken ct) =>
        named ?? CurrentYear(await PublishedAsync(db, ct), now);

    /// <summary>An <c>edition</c> query parameter out of range, as the 400 that names it; null when it can be read.</summary>
    public static ProblemHttpResult? Refused(int? edition) => edition is < FirstYear or > LastYear
        ? Problems.BadQuery("edition", $"A year between {FirstYear} and {LastYear}.")
        : null;
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
