using System.Net;
using System.Net.Http.Json;
using SemaineIndustrie.Identity;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Identity;

/// <summary>
/// The identity service announces people on the broker, but the front door does not depend on it: with no broker at all
/// it starts, reports ready and issues tokens, and what it would announce waits in its outbox.
/// </summary>
public sealed class IdentityWithoutBrokerTests
{
    [Fact]
    public async Task The_identity_service_starts_ready_and_signs_people_in_while_the_broker_is_down()
    {
        await using var identity = await IdentityAlone.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMq"] = "amqp://nobody:nothing@127.0.0.1:1/", // nothing listens there
        });
        using var http = new HttpClient { BaseAddress = identity.Address };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/dev/tokens", new DevTokenRequest(Email: DevelopmentAccounts.Organiser))).StatusCode);

        // The seeded people are announced: into the outbox, for when the broker is back.
        var pending = await Eventually.Until(() => identity.QueryAsync<PlatformIdentityDbContext, int>(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Set<SemaineIndustrie.Messaging.Outbox.OutboxMessage>(), m => m.SentAt == null)),
            n => n > 0, "people announced into the outbox");
        Assert.True(pending >= 5, $"{pending} announcement(s) waiting");
    }
}
