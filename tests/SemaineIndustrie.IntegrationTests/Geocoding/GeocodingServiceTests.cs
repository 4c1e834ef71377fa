using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Geocoding;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Messaging.Outbox;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Geocoding;

/// <summary>The geocoding service with BAN configured (the fake server): from SubmissionReceived to VenueLocated.</summary>
public sealed class GeocodingServiceTests : IAsyncLifetime
{
    private readonly IsolatedInfrastructure infra = new();
    private FakeBan ban = null!;
    private ServiceHost<SemaineIndustrie.Geocoding.ServiceMarker> geocoding = null!;

    public async Task InitializeAsync()
    {
        await infra.InitializeAsync();
        ban = await FakeBan.StartAsync();
        geocoding = new ServiceHost<SemaineIndustrie.Geocoding.ServiceMarker>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = await infra.DatabaseAsync("geocoding"),
            ["ConnectionStrings:RabbitMq"] = infra.RabbitMq.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Geocoding:Ban:BaseUrl"] = ban.Address.ToString(),
            ["Auth:Authority"] = "http://127.0.0.1:9/", // nothing here authenticates: no token is ever validated
        });
        geocoding.Start();
    }

    public async Task DisposeAsync()
    {
        await geocoding.DisposeAsync();
        await ban.DisposeAsync();
        await infra.DisposeAsync();
    }

    private async Task<T> QueryAsync<T>(Func<GeocodingDbContext, Task<T>> query)
    {
        await using var scope = geocoding.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<GeocodingDbContext>());
    }

    private async Task<VenueLocated> LocatedAsync(Guid id, int version) => await Eventually.Until(async () =>
    {
        var rows = await QueryAsync(db => db.Set<OutboxMessage>().Where(m => m.PartitionKey == id.ToString()).OrderBy(m => m.SequenceNumber).ToListAsync());
        return rows.Select(r => System.Text.Json.JsonSerializer.Deserialize<VenueLocated>(r.Body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!)
            .FirstOrDefault(v => v.SubmissionVersion == version);
    }, v => v is not null, $"VenueLocated v{version}") ?? throw new InvalidOperationException();

    [Fact]
    public async Task A_venue_is_placed_at_its_housenumber_by_BAN_and_an_unchanged_address_is_not_asked_again()
    {
        var id = Guid.NewGuid();
        var details = PublicationAlone.Details("Visite de l'atelier");
        var bus = geocoding.Services.GetRequiredService<IBus>();
        await bus.Publish(new SubmissionReceived(id, 1, "org", details, DateTimeOffset.UtcNow));

        var v1 = await LocatedAsync(id, 1);
        Assert.Equal((LocationPrecision.Housenumber, "ban", 0.93), (v1.Precision, v1.Source, v1.Score));
        Assert.Single(ban.Requests);

        await bus.Publish(new SubmissionRevised(id, 2, "org", details with { Title = "Visite de l'atelier, nouvel horaire" }, DateTimeOffset.UtcNow));
        var v2 = await LocatedAsync(id, 2);
        Assert.Equal((v1.Latitude, v1.Longitude, v1.Precision), (v2.Latitude, v2.Longitude, v2.Precision));
        Assert.Single(ban.Requests); // same address: nothing asked
        // Each version's answer carries that version's content: publication learns it from this message alone.
        Assert.Equal(("Visite de l'atelier", "Visite de l'atelier, nouvel horaire"), (v1.Event?.Title, v2.Event?.Title));
        Assert.Equal(2, await QueryAsync(db => db.Set<InboxMessage>().CountAsync()));
    }
}
