using SemaineIndustrie.Identity.Tokens;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>The identity service's keys in tests: given in configuration, as production gives them (one pair per test run).</summary>
public static class TestKeys
{
    public static readonly string Signing = KeyRing.NewPem();
    public static readonly string Encryption = KeyRing.NewPem();
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(20);
}

/// <summary>The confidential web client of the code flow that tests act as.</summary>
public static class TestWebClient
{
    public const string Id = "test-web";
    public const string Secret = "test-web-secret-not-for-production";
    public const string RedirectUri = "https://web.test/signin-oidc";
    /// <summary>The web front-end (web/SemaineIndustrie.Web) as the platform's Platform fixture registers it.</summary>
    public const string WebFrontEndId = "web";

    /// <summary>The identity settings that register this client (for an identity service started on its own).</summary>
    public static Dictionary<string, string?> Registered(Dictionary<string, string?> settings)
    {
        settings["Identity:WebClients:0:ClientId"] = Id;
        settings["Identity:WebClients:0:ClientSecret"] = Secret;
        settings["Identity:WebClients:0:RedirectUris:0"] = RedirectUri;
        return settings;
    }
}

/// <summary>
/// The settings every identity host in tests shares — its database and its infrastructure's virtual host (it announces
/// people), keys given in configuration (as production gives them), mail to the shared smtp4dev — plus the ones a test
/// adds or overrides.
/// </summary>
public static class IdentityHostSettings
{
    public static async Task<Dictionary<string, string?>> ForAsync(IsolatedInfrastructure infra, string database, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var smtp = InfrastructureSettings.Instance;
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = await infra.DatabaseAsync(database),
            ["ConnectionStrings:RabbitMq"] = infra.RabbitMq.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Identity:Keys:Signing:0"] = TestKeys.Signing,
            ["Identity:Keys:Encryption:0"] = TestKeys.Encryption,
            ["Mail:Host"] = smtp.SmtpHost,
            ["Mail:Port"] = smtp.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Security"] = "None",
            ["DataProtection:DevelopmentFolder"] = Path.Combine(Path.GetTempPath(), "si-test-identity-keys"), // the key ring's encryption certificate
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }
}
