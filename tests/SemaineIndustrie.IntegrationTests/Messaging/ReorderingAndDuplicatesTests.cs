using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.Publication;
using SemaineIndustrie.Publication.Catalogue;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Messaging;

/// <summary>
/// The publication service alone on its own virtual host, fed messages in every order and twice each:
/// the outcome must not depend on arrival order or duplicates.
/// </summary>
public sealed class ReorderingAndDuplicatesTests(PublicationAlone publication) : IClassFixture<PublicationAlone>
{
    [Fact]
    public async Task Content_location_and_label_in_any_order_and_delivered_twice_publish_the_version_exactly_once()
    {
        var now = DateTimeOffset.UtcNow;
        var orders = Permutations([0, 1]).ToList();
        var submissions = orders.Select(_ => Guid.NewGuid()).ToList();
        var sent = new List<Guid>();
        for (var i = 0; i < orders.Count; i++)
        {
            var id = submissions[i];
            object[] parts =
            [
                new VenueLocated(id, 1, 43.6465, 0.5855, LocationPrecision.Municipality, "test", null, now, Details("v1")), // content travels with the location
                new LabelGranted(id, 1, Guid.NewGuid(), "reviewer", now),
            ];
            foreach (var part in orders[i].Select(p => parts[p]))
            {
                var messageId = NewId.NextGuid();
                await PublishAsync(part, messageId);
                await PublishAsync(part, messageId); // the broker may deliver anything twice
                sent.Add(messageId);
            }
        }

        await Eventually.Until(async () => await CountAsync<InboxMessage>(m => sent.Contains(m.MessageId)) == sent.Count, "every message consumed");
        foreach (var id in submissions)
        {
            var entry = await QueryAsync(db => db.Catalogue.AsNoTracking().SingleOrDefaultAsync(e => e.SubmissionId == id));
            Assert.NotNull(entry);
            Assert.Equal(1, entry.Version);
        }
        var published = await QueryAsync(db => db.Set<OutboxMessage>().Where(m => m.MessageType == MessageTypeNames.Of(typeof(EventPublished))).ToListAsync());
        Assert.Equal(submissions.Count, published.Count);
        Assert.Equal(submissions.Select(s => s.ToString()).Order(), published.Select(p => p.PartitionKey).Order());
    }

    [Fact]
    public async Task A_revision_keeps_the_labelled_version_public_until_it_is_labelled_and_late_older_news_changes_nothing()
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await ConsumedAsync(new VenueLocated(id, 1, 43.6465, 0.5855, LocationPrecision.Municipality, "test", null, now, Details("version one")));
        await ConsumedAsync(new LabelGranted(id, 1, Guid.NewGuid(), "reviewer", now));
        Assert.Equal(1, (await EntryAsync(id)).Version);

        await ConsumedAsync(new VenueLocated(id, 2, 43.8486, 0.6631, LocationPrecision.Municipality, "test", null, now, Details("version two")));
        var stillFirst = await EntryAsync(id);
        Assert.Equal(1, stillFirst.Version);
        Assert.Equal("version one", stillFirst.Title);

        await ConsumedAsync(new LabelGranted(id, 2, Guid.NewGuid(), "reviewer", now));
        var second = await EntryAsync(id);
        Assert.Equal(2, second.Version);
        Assert.Equal("version two", second.Title);
        Assert.Equal(43.8486, second.Latitude, 4);

        // Late news about version 1 (a redelivery after a long outage) must not roll the map back.
        await ConsumedAsync(new VenueLocated(id, 1, 10, 10, LocationPrecision.Municipality, "late", null, now, Details("version one")));
        await ConsumedAsync(new LabelGranted(id, 1, Guid.NewGuid(), "reviewer", now));
        var after = await EntryAsync(id);
        Assert.Equal(2, after.Version);
        Assert.Equal(43.8486, after.Latitude, 4);
    }

    private static EventDetails Details(string title) => PublicationAlone.Details(title);

    private Task PublishAsync(object message, Guid messageId) => publication.PublishAsync(message, messageId);

    private Task ConsumedAsync(object message) => publication.ConsumedAsync(message);

    private async Task<CatalogueEntry> EntryAsync(Guid id) => (await publication.EntryAsync(id))!;

    private Task<int> CountAsync<T>(System.Linq.Expressions.Expression<Func<T, bool>> predicate) where T : class =>
        publication.QueryAsync(db => db.Set<T>().CountAsync(predicate));

    private Task<T> QueryAsync<T>(Func<PublicationDbContext, Task<T>> query) => publication.QueryAsync(query);

    private static IEnumerable<int[]> Permutations(int[] items) => items.Length <= 1
        ? [items]
        : items.SelectMany(item => Permutations(items.Where(i => i != item).ToArray()).Select(rest => new[] { item }.Concat(rest).ToArray()));
}
