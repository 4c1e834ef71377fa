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
}
