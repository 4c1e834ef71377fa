using System.Net;
using System.Net.Sockets;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Identity;

/// <summary>
/// Asking for a password reset does the same work whether the address has an account or not: the mail leaves
/// later, from a queue. Played against a mail relay that accepts connections and never answers: before, the
/// request for a known address waited on it (15 s, the SMTP timeout) while an unknown one answered at once —
/// which told anyone who has an account.
/// </summary>
public sealed class ResetRequestTests : IAsyncLifetime
{
    private readonly TcpListener silentRelay = new(IPAddress.Loopback, 0);
    private readonly List<Socket> held = [];
    private IdentityAlone identity = null!;

    public async Task InitializeAsync()
    {
        silentRelay.Start();
        _ = Task.Run(async () =>
        {
            try { while (true) held.Add(await silentRelay.AcceptSocketAsync()); } // accepted, never greeted
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        });
        identity = await IdentityAlone.StartAsync(new Dictionary<string, string?>
        {
            ["Mail:Port"] = ((IPEndPoint)silentRelay.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    [Fact]
    public async Task A_reset_for_a_known_address_answers_without_waiting_on_the_mail_relay_like_one_for_an_unknown_address()
    {
        foreach (var email in new[] { DevelopmentAccounts.Organiser, $"inconnu-{Guid.NewGuid():N}@organisateurs.test" })
        {
            using var person = new Person(identity.Address);
            person.Http.Timeout = TimeSpan.FromSeconds(5); // far below the relay's 15 s: only a request that waits on SMTP reaches it
            var answer = await person.SubmitAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = email });
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("Si un compte existe", await answer.Content.ReadAsStringAsync());
        }
    }

    public async Task DisposeAsync()
    {
        await identity.DisposeAsync();
        silentRelay.Stop();
        foreach (var socket in held) socket.Dispose();
    }
}
