using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SemaineIndustrie.ServiceDefaults.Auth;
using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class DevelopmentIssuerTests
{
    private static WebApplicationBuilder Builder(string environment, string? authority = null, string? audience = "semaine-industrie-api")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        if (authority is not null) builder.Configuration.AddInMemoryCollection([new("Auth:Authority", authority)]);
        if (authority is not null && audience is not null) builder.Configuration.AddInMemoryCollection([new("Auth:Audience", audience)]);
        return builder;
    }

    [Fact]
    public void With_an_authority_the_audience_is_required_too()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder("Production", "https://auth.example.gouv.fr/realms/semaine", audience: null).AddPlatformAuthentication());
        Assert.Contains("Auth:Audience", error.Message);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_Development_a_service_without_an_authority_refuses_to_start(string environment)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder(environment).AddPlatformAuthentication());
        Assert.Contains("Auth:Authority", error.Message);
    }

    [Fact]
    public void With_an_authority_the_development_issuer_is_not_registered()
    {
        var builder = Builder("Production", "https://auth.example.gouv.fr/realms/semaine");
        builder.AddPlatformAuthentication();
        Assert.DoesNotContain(builder.Services, s => s.ServiceType == typeof(DevTokenIssuer));
    }

    [Fact]
    public void In_Development_the_issuer_mints_tokens_only_for_known_roles()
    {
        var builder = Builder("Development");
        builder.AddPlatformAuthentication();
        using var services = builder.Services.BuildServiceProvider();
        var issuer = services.GetRequiredService<DevTokenIssuer>();
        Assert.NotEmpty(issuer.Mint(new DevTokenRequest("reviewer", Region: "76", Departements: ["32"])));
        Assert.Throws<ArgumentException>(() => issuer.Mint(new DevTokenRequest("superuser")));
    }
}
