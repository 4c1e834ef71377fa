using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;

namespace SemaineIndustrie.Notification.Editions;

/// <summary>
/// An edition's communication kit (the label's logo, posters), sent to every labelled organiser: this service's copy of
/// what the national team last published (<see cref="EditionPublished"/>), the newest revision winning. A removed edition
/// keeps its row, empty, so that older news cannot bring it back.
/// </summary>
public sealed class EditionKit
{
    public int Year { get; init; }
    public long Revision { get; set; }
    public string Kit { get; set; } = "[]";

    public IReadOnlyList<KitItem> Items => JsonSerializer.Deserialize<List<KitItem>>(Kit, ContractJson.Options) ?? [];
}

public sealed class EditionPublishedConsumer(NotificationDbContext db) : IConsumer<EditionPublished>
{
    public Task Consume(ConsumeContext<EditionPublished> context) => EditionKits.KeepAsync(db, context, this,
        context.Message.Edition.Year, context.Message.Revision, context.Message.Edition.Kit);
}

public sealed class EditionRemovedConsumer(NotificationDbContext db) : IConsumer<EditionRemoved>
{
    public Task Consume(ConsumeContext<EditionRemoved> context) => EditionKits.KeepAsync(db, context, this,
        context.Message.Year, context.Message.Revision, []);
}

internal static class EditionKits
{
    public static Task KeepAsync<T>(NotificationDbContext db, ConsumeContext<T> context, IConsumer consumer, int year, long revision, IReadOnlyList<KitItem> kit)
        where T : class => db.ConsumeOnceAsync(context, consumer, async ct =>
    {
        var known = await db.EditionKits.SingleOrDefaultAsync(k => k.Year == year, ct);
        if (known is null) db.EditionKits.Add(known = new EditionKit { Year = year });
        else if (revision <= known.Revision) return; // older news
        (known.Revision, known.Kit) = (revision, JsonSerializer.Serialize(kit, ContractJson.Options));
    });
}
