using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SemaineIndustrie.ServiceDefaults.Auth;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>Every service validates tokens through the identity service's discovery document, in every environment.</summary>
public sealed class TokenValidationSetupTests
{
    private static WebApplicationBuilder Builder(string environment, string? authority, params string[] audiences)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = Path.GetTempPath() }); // no appsettings.json of a referenced project
        if (authority is not null) builder.Configuration.AddInMemoryCollection([new("Auth:Authority", authority)]);
        for (var i = 0; i < audiences.Length; i++) builder.Configuration.AddInMemoryCollection([new($"Auth:Audiences:{i}", audiences[i])]);
        return builder;
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void Without_an_authority_a_service_refuses_to_start_in_every_environment(string environment)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder(environment, null, PlatformAudiences.Review).AddPlatformAuthentication());
        Assert.Contains("Auth:Authority", error.Message);
    }

    [Fact]
    public void The_audience_is_required_too()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder("Production", "https://connexion.semaine-industrie.gouv.fr/").AddPlatformAuthentication());
        Assert.Contains("Auth:Audience", error.Message);
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Development", false)]
    public void Keys_come_from_discovery_with_https_required_outside_Development(string environment, bool httpsRequired)
    {
        var builder = Builder(environment, "https://connexion.semaine-industrie.gouv.fr/", PlatformAudiences.Submission, PlatformAudiences.Review);
        builder.AddPlatformAuthentication();
        using var services = builder.Services.BuildServiceProvider();
        var jwt = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        Assert.Equal("https://connexion.semaine-industrie.gouv.fr/", jwt.Authority);
        Assert.Equal(httpsRequired, jwt.RequireHttpsMetadata);
        Assert.Null(jwt.TokenValidationParameters.IssuerSigningKey); // no shared secret: the JWKS of the authority
        Assert.Equal([PlatformAudiences.Submission, PlatformAudiences.Review], jwt.TokenValidationParameters.ValidAudiences);
    }
}
