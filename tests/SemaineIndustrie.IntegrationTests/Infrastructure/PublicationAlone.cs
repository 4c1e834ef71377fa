using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Publication;
using SemaineIndustrie.Publication.Catalogue;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>
/// The publication service alone, on its own virtual host and database, fed messages directly: arrival
/// order, duplicates and every publication rule can be staged exactly.
/// </summary>
public sealed class PublicationAlone : IAsyncLifetime
{
    private readonly IsolatedInfrastructure infra = new();
    private ServiceHost<SemaineIndustrie.Publication.ServiceMarker> host = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await infra.InitializeAsync();
        host = new ServiceHost<SemaineIndustrie.Publication.ServiceMarker>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = await infra.DatabaseAsync("publication"),
            ["ConnectionStrings:RabbitMq"] = infra.RabbitMq.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Auth:Authority"] = "http://127.0.0.1:9/", // nothing here authenticates: no token is ever validated
        });
        Client = new HttpClient { BaseAddress = host.Start() };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await host.DisposeAsync();
        await infra.DisposeAsync();
    }

    public Task PublishAsync(object message, Guid messageId) =>
        host.Services.GetRequiredService<IBus>().Publish(message, message.GetType(), context => context.MessageId = messageId);

    /// <summary>Publishes and waits until publication's inbox has recorded the message.</summary>
    public async Task ConsumedAsync(object message)
    {
        var messageId = NewId.NextGuid();
        await PublishAsync(message, messageId);
        await Eventually.Until(async () => await QueryAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId)), $"{message.GetType().Name} consumed");
    }

    /// <summary>Content and location (geocoding's answer carries both), then the label of a version: the event is then public.</summary>
    public async Task PublishEventAsync(Guid id, EventDetails details, double latitude, double longitude, int version = 1)
    {
        var now = DateTimeOffset.UtcNow;
        await ConsumedAsync(new VenueLocated(id, version, latitude, longitude, LocationPrecision.Municipality, "test", null, now, details));
        await ConsumedAsync(new LabelGranted(id, version, Guid.NewGuid(), "reviewer", now));
    }

    public Task<CatalogueEntry?> EntryAsync(Guid id) => QueryAsync(db => db.Catalogue.AsNoTracking().SingleOrDefaultAsync(e => e.SubmissionId == id));

    public async Task<T> QueryAsync<T>(Func<PublicationDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PublicationDbContext>());
    }

    public static EventDetails Details(string title, string postal = "32000", string insee = "32013", string commune = "Auch", string departement = "32",
        string region = "76", string day = "2018-03-27", string? lastDay = null, string[]? sectors = null, string[]? audiences = null, string description = "Une description de l'événement.") =>
        new(new EditionFrame(2018, new DateOnly(2018, 3, 26), new DateOnly(2018, 4, 1), ["jeunes", "demandeurs-emploi", "grand-public"]),
            title, description, "openDay",
            DateTimeOffset.Parse($"{day}T09:00:00+02:00"), DateTimeOffset.Parse($"{lastDay ?? day}T17:00:00+02:00"),
            new Venue("Site de " + commune, "1 rue de l'Industrie", postal, insee, commune, departement, region),
            sectors ?? ["aeronautique"], audiences ?? ["jeunes"], true, 30,
            new Registration(true, "https://example.org/inscription", "accueil@example.org", null), new Accessibility(true, null),
            new OrganisingBody("Organisme " + commune, "company", "73282932000074"));
}
