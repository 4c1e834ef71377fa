using System.Net.Http.Headers;
using System.Net.Http.Json;
using SemaineIndustrie.Gateway;
using SemaineIndustrie.ServiceDefaults.Auth;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>
/// The whole platform in the test process: the identity service, the four services, the web front-end and
/// the gateway, each on its own Kestrel socket, configured from deploy/platform.settings as deploy/run.sh
/// configures them (<see cref="PlatformSettings"/>), against this class's own databases and RabbitMQ virtual
/// host and the shared SMTP server. Identity starts first: every other process reads its discovery document and
/// keys from it before it is ready. Consumers start before anything can publish. What differs from a person's run
/// is added here and says why: databases, quick retries, generous limits (every test calls from 127.0.0.1).
/// </summary>
public sealed class Platform : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> hosts = [];
    private readonly Dictionary<Type, IServiceProvider> services = [];
    private readonly Dictionary<string, string> placeholders = new()
    {
        ["clock-start"] = Samples.ClockStart,
        // One anchor for the platform's life: a service restarted by a test keeps the others' domain time.
        ["clock-anchor"] = DateTimeOffset.UtcNow.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        ["smtp-host"] = InfrastructureSettings.Instance.SmtpHost,
        ["smtp-port"] = InfrastructureSettings.Instance.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["keys-folder"] = Path.Combine(Path.GetTempPath(), "si-test-identity-keys"),
        ["web-client-secret"] = TestWebClient.Secret,
        // Not started in every platform: a route to nowhere until they are.
        ["notification"] = "http://127.0.0.1:1/",
        ["web"] = "http://127.0.0.1:1/",
    };
    private int gatewayPort;
    private ServiceHost<SemaineIndustrie.Identity.ServiceMarker>? identityHost;
    private Dictionary<string, string?>? identitySettings;
    private int identityPort;
    private readonly List<SemaineIndustrie.ServiceDefaults.Web.ResponseContract?> retiredContracts = [];

    private readonly Dictionary<Type, (IAsyncDisposable Host, Func<(IAsyncDisposable Host, IServiceProvider Services)> Restart)> restartable = [];

    public Platform() : this(new IsolatedInfrastructure()) { }

    /// <summary>A platform on other servers than the shared ones (the backup drill's own PostgreSQL).</summary>
    internal Platform(IsolatedInfrastructure infra) => Infra = infra;

    public IsolatedInfrastructure Infra { get; }
    /// <summary>The tokens' issuer: the gateway's public address, as on a person's run.</summary>
    public Uri Issuer { get; private set; } = null!;
    public Uri Identity { get; private set; } = null!;
    public Uri Submission { get; private set; } = null!;
    public Uri Review { get; private set; } = null!;
    public Uri Geocoding { get; private set; } = null!;
    public Uri Publication { get; private set; } = null!;
    public Uri Notification { get; private set; } = null!;
    public Uri Gateway { get; private set; } = null!;
    public Uri Web { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Infra.InitializeAsync();
        // The pages read the APIs through the gateway, the gateway routes pages to the web front-end, and tokens name
        // the gateway as their issuer: its port is chosen first so that all know it.
        var gatewayPort = this.gatewayPort = ServiceHost<GatewayMarker>.FreePort();
        Issuer = new Uri($"http://127.0.0.1:{gatewayPort}/");
        placeholders["issuer"] = Issuer.ToString();
        Identity = await StartIdentityAsync();
        Publication = Known("publication", await StartServiceAsync<SemaineIndustrie.Publication.ServiceMarker>("publication", "publication"));
        Review = Known("review", await StartServiceAsync<SemaineIndustrie.LabellingReview.ServiceMarker>("labelling-review", "review"));
        Geocoding = Known("geocoding", await StartServiceAsync<SemaineIndustrie.Geocoding.ServiceMarker>("geocoding", "geocoding"));
        Notification = Known("notification", await StartServiceAsync<SemaineIndustrie.Notification.ServiceMarker>("notification", "notification",
            NotificationSettings.TestOnly, NotificationSettings.CrashAfterSendOnceFor));
        Submission = Known("submission", await StartServiceAsync<SemaineIndustrie.Submission.ServiceMarker>("submission", "submission"));

        var web = new ServiceHost<SemaineIndustrie.Web.SharedResource>(With(Settings("web"), new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" }));
        hosts.Add(web);
        Web = Known("web", web.Start());
        Gateway = StartGateway(new Dictionary<string, string?>(), gatewayPort);
        await PeopleKnownAsync(); // the seeded accounts: announced by identity, kept by notification (asked once it started)
        // ... and notification and review recorded identity's answer to each one's own request, so they stop asking (they would ask every 5 s forever if the record failed).
        await Eventually.Until(() => QueryAsync<SemaineIndustrie.Notification.ServiceMarker, SemaineIndustrie.Notification.NotificationDbContext, bool>(db =>
            db.Set<SemaineIndustrie.Messaging.People.PeopleResyncAnswer>().AnyAsync()), "the notification service's people resync answered and recorded");
        await Eventually.Until(() => QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, SemaineIndustrie.LabellingReview.ReviewDbContext, bool>(db =>
            db.Set<SemaineIndustrie.Messaging.People.PeopleResyncAnswer>().AnyAsync()), "the review service's people resync answered and recorded");
    }

    /// <summary>
    /// Waits until the notification service knows these people (every person of the identity service when none is named)
    /// as identity holds them: confirmed address, organisation, committee seat. What identity announces arrives within
    /// a second; a test that stages people straight in identity's database waits for it before it expects mails.
    /// </summary>
    public async Task PeopleKnownAsync(params string[] userIds)
    {
        var wanted = (await QueryAsync<SemaineIndustrie.Identity.ServiceMarker, SemaineIndustrie.Identity.PlatformIdentityDbContext, List<(string, string?, Guid?, string?, List<string>?)>>(async db =>
            (await (from u in db.Users
                    join m in db.Members on u.Id equals m.UserId into ms from m in ms.DefaultIfEmpty()
                    join seat in db.Seats on u.Id equals seat.UserId into ss from seat in ss.DefaultIfEmpty()
                    where userIds.Length == 0 || userIds.Contains(u.Id)
                    select new { u.Id, Email = u.EmailConfirmed ? u.Email : null, Organisation = m == null ? (Guid?)null : m.OrganisationId, Region = seat == null ? null : seat.Region, Departements = seat == null ? null : seat.Departements })
                .ToListAsync()).Select(p => ((string, string?, Guid?, string?, List<string>?))(p.Id, p.Email, p.Organisation, p.Region, p.Departements)).ToList()))
            .Select(p => Facts(p.Item1, p.Item2, p.Item3?.ToString("N"), p.Item4, p.Item5)).ToList();
        var ids = wanted.Select(w => w.Split('|')[0]).ToList();
        await Eventually.Until(async () =>
        {
            var known = (await QueryAsync<SemaineIndustrie.Notification.ServiceMarker, SemaineIndustrie.Notification.NotificationDbContext, List<SemaineIndustrie.Messaging.People.KnownPerson>>(db =>
                db.People.AsNoTracking().Where(p => ids.Contains(p.UserId)).ToListAsync())).Select(p => Facts(p.UserId, p.Email, p.OrganisationId, p.Region, p.Departements));
            return wanted.Except(known).ToList();
        }, missing => missing.Count == 0, $"the notification service to know {wanted.Count} person(s) as identity holds them");

        static string Facts(string id, string? email, string? organisation, string? region, List<string>? departements) =>
            $"{id}|{email}|{organisation}|{region}|{string.Join(",", departements ?? [])}";
    }

    /// <summary>
    /// Stops the identity service, as an outage would, until the returned handle is disposed: that starts it again on the
    /// same address, database and keys. Tokens minted before keep working (every process holds identity's keys).
    /// </summary>
    public async Task<IAsyncDisposable> IdentityOutageAsync()
    {
        var stopped = identityHost!;
        retiredContracts.Add(stopped.Services.GetService<SemaineIndustrie.ServiceDefaults.Web.ResponseContract>());
        hosts.Remove(stopped);
        await stopped.DisposeAsync();
        return new Restart(() =>
        {
            StartIdentityHost();
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Stops a service (submission, review, geocoding, publication or notification), as an outage or a restore would, until the returned
    /// handle is disposed: that starts it again on the same address, database and virtual host.
    /// </summary>
    public async Task<IAsyncDisposable> ServiceOutageAsync<TMarker>() where TMarker : class
    {
        var (host, restart) = restartable[typeof(TMarker)];
        retiredContracts.Add(services[typeof(TMarker)].GetService<SemaineIndustrie.ServiceDefaults.Web.ResponseContract>());
        hosts.Remove(host);
        await host.DisposeAsync();
        return new Restart(() =>
        {
            var (again, provider) = restart();
            services[typeof(TMarker)] = provider;
            restartable[typeof(TMarker)] = (again, restart);
            return Task.CompletedTask;
        });
    }

    private sealed class Restart(Func<Task> restart) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(restart());
    }

    private Uri Known(string placeholder, Uri address)
    {
        placeholders[placeholder] = address.ToString();
        return address;
    }

    private Dictionary<string, string?> Settings(string process) =>
        PlatformSettings.For(process, new Dictionary<string, string>(placeholders) { ["process"] = process });

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, IReadOnlyDictionary<string, string?>? extra)
    {
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    /// <summary>
    /// A gateway in front of this platform's services. The shared one caches the catalogue for 1 s and
    /// has generous limits (every test calls from 127.0.0.1); edge tests start their own with other settings.
    /// </summary>
    public Uri StartGateway(IReadOnlyDictionary<string, string?> overrides, int port = 0)
    {
        var settings = With(Settings("gateway"), new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Gateway:PublicPermits"] = "100000",
            ["Gateway:OrganiserWritePermits"] = "100000",
            ["Gateway:StaffPermits"] = "100000",
            ["Gateway:CatalogueCacheDuration"] = "00:00:01",
            ["Auth:ClockSkew"] = "00:00:01",
        });
        var gateway = new ServiceHost<GatewayMarker>(With(settings, overrides), port: port);
        hosts.Add(gateway);
        return gateway.Start();
    }

    /// <summary>
    /// Another replica of the notification service — its own process-like host (container, bus consumers,
    /// connection pool) on the same database and virtual host — for the once-across-replicas tests.
    /// </summary>
    public async Task<IServiceProvider> NotificationReplicaAsync()
    {
        var (host, _) = await HostAsync<SemaineIndustrie.Notification.ServiceMarker>("notification", "notification", NotificationSettings.TestOnly,
            NotificationSettings.CrashAfterSendOnceFor);
        return host.Services;
    }

    private async Task<Uri> StartServiceAsync<TMarker>(string process, string database, IReadOnlyDictionary<string, string?>? extra = null,
        Action<IServiceCollection>? testServices = null) where TMarker : class
    {
        var (host, address) = await HostAsync<TMarker>(process, database, extra, testServices);
        services[typeof(TMarker)] = host.Services;
        var settings = host.Settings;
        restartable[typeof(TMarker)] = (host, () =>
        {
            var again = new ServiceHost<TMarker>(settings, port: address.Port, testServices: testServices);
            hosts.Add(again);
            again.Start();
            return (again, again.Services);
        });
        return address;
    }

    private async Task<(ServiceHost<TMarker> Host, Uri Address)> HostAsync<TMarker>(string process, string database, IReadOnlyDictionary<string, string?>? extra,
        Action<IServiceCollection>? testServices) where TMarker : class
    {
        var settings = With(Settings(process), new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = await Infra.DatabaseAsync(database),
            ["ConnectionStrings:RabbitMq"] = Infra.RabbitMq.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Auth:ClockSkew"] = "00:00:01",
            // Quick retries, as before the production default grew to ≈ 3 minutes (outlasting a replica restart, see
            // bench/chaos): several tests send news about submissions a service never saw, which must park in _error
            // within seconds, not hold the endpoint's prefetched slots for minutes while the next test waits.
            ["Messaging:Retry:Limit"] = "5",
            ["Messaging:Retry:MaxInterval"] = "00:00:10",
            ["Messaging:Retry:IntervalDelta"] = "00:00:00.500",
        });
        var host = new ServiceHost<TMarker>(With(settings, extra), testServices: testServices);
        hosts.Add(host);
        return (host, host.Start());
    }

    /// <summary>
    /// The OpenID Connect provider as deploy/run.sh starts it (its issuer the gateway's address, the web front-end as its
    /// client, announcing people on the platform's broker), with keys given in configuration as production has them, and for the tests a
    /// second confidential client that they act as, short access tokens and no limit on credential attempts.
    /// </summary>
    private async Task<Uri> StartIdentityAsync()
    {
        var port = ServiceHost<SemaineIndustrie.Identity.ServiceMarker>.FreePort();
        placeholders["identity"] = $"http://127.0.0.1:{port}/";
        var settings = await IdentityHostSettings.ForAsync(Infra, "identity", With(Settings("identity"), new Dictionary<string, string?>
        {
            ["Identity:CredentialPermitsPerMinute"] = "100000",
            // Short enough for the revocation test to watch a token die; the code-flow tests finish well within it.
            ["Identity:AccessTokenLifetime"] = TestKeys.AccessTokenLifetime.ToString(),
            ["Identity:WebClients:1:ClientId"] = TestWebClient.Id,
            ["Identity:WebClients:1:ClientSecret"] = TestWebClient.Secret,
            ["Identity:WebClients:1:DisplayName"] = "Test front-end",
            ["Identity:WebClients:1:RedirectUris:0"] = TestWebClient.RedirectUri,
        }));
        (identitySettings, identityPort) = (settings, port);
        return StartIdentityHost();
    }

    private Uri StartIdentityHost()
    {
        var host = identityHost = new ServiceHost<SemaineIndustrie.Identity.ServiceMarker>(identitySettings!, port: identityPort);
        hosts.Insert(0, host);
        var address = host.Start();
        services[typeof(SemaineIndustrie.Identity.ServiceMarker)] = host.Services;
        return address;
    }

    /// <summary>Publishes a message on the platform's broker as a service would (for scenarios the APIs cannot stage).</summary>
    public Task PublishAsync(object message, Guid? messageId = null) =>
        services[typeof(SemaineIndustrie.Submission.ServiceMarker)].GetRequiredService<MassTransit.IBus>()
            .Publish(message, message.GetType(), Pipe.Execute<PublishContext>(context => context.MessageId = messageId ?? context.MessageId));

    /// <summary>The review case opened for a submission, once the review service has it (read in its database).</summary>
    public Task<Guid> CaseOfAsync(Guid submissionId) => Eventually.Until(
        () => QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, SemaineIndustrie.LabellingReview.ReviewDbContext, Guid>(
            db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(db.Cases.Where(c => c.SubmissionId == submissionId).Select(c => c.Id))),
        id => id != Guid.Empty, "the review case of " + submissionId);

    /// <summary>One of a service's own singletons (a background job to run now, rather than wait for its interval).</summary>
    public T Service<TMarker, T>() where T : notnull => services[typeof(TMarker)].GetRequiredService<T>();

    /// <summary>Reads a service's own database (for what its API does not show, like its outbox).</summary>
    public async Task<T> QueryAsync<TMarker, TDb, T>(Func<TDb, Task<T>> query) where TDb : notnull
    {
        await using var scope = services[typeof(TMarker)].CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TDb>());
    }

    /// <summary>
    /// A client of the gateway, anonymous or carrying an access token from the identity service's
    /// Development helper (POST /dev/tokens: its real signing key and issuer).
    /// </summary>
    public async Task<HttpClient> ClientAsync(DevTokenRequest? identity = null, Uri? baseAddress = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress ?? Gateway };
        if (identity is null) return client;
        using var anonymous = new HttpClient { BaseAddress = Identity };
        var response = await anonymous.PostAsJsonAsync("/dev/tokens", identity);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record TokenBody(string Token);

    public async Task DisposeAsync()
    {
        // Every API answer the collection's tests caused must be one its endpoint declares (and so its OpenAPI document).
        var undeclared = ResponseCoverage.Record(services.Values.Select(s => s.GetService<SemaineIndustrie.ServiceDefaults.Web.ResponseContract>())
            .Concat(retiredContracts).OfType<SemaineIndustrie.ServiceDefaults.Web.ResponseContract>()).Order(StringComparer.Ordinal).ToList();
        for (var i = hosts.Count - 1; i >= 0; i--) await hosts[i].DisposeAsync();
        await Infra.DisposeAsync();
        if (undeclared.Count > 0)
            throw new InvalidOperationException($"{undeclared.Count} API answer(s) not declared by their endpoint (nor in its OpenAPI document):\n" + string.Join("\n", undeclared));
    }
}
