using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SemaineIndustrie.ServiceDefaults.Auth;

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer tokens from the platform's OpenID Connect provider (the identity service), found through
    /// <c>Auth:Authority</c>'s discovery document: signing keys come from its JWKS, never from a shared secret.
    /// Every environment needs the authority and this API's audience; plain-HTTP discovery is allowed only
    /// in Development (local runs and tests).
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            throw new InvalidOperationException(
                $"Auth:Authority is required (environment '{builder.Environment.EnvironmentName}'): the issuer URL of the " +
                "identity service, e.g. http://127.0.0.1:8080/ locally (deploy/run.sh sets it).");
        }
        var audiences = options.AcceptedAudiences();
        if (audiences.Count == 0)
        {
            throw new InvalidOperationException(
                $"Auth:Audience is required with Auth:Authority (environment '{builder.Environment.EnvironmentName}'): " +
                "tokens issued for another API must not be accepted here.");
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.Authority = options.Authority;
                if (InternalAuthorityHandler.For(options.Authority, options.InternalAuthority) is { } internalAddress) jwt.BackchannelHttpHandler = internalAddress;
                jwt.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
                jwt.TokenValidationParameters.ValidAudiences = audiences;
                jwt.TokenValidationParameters.ValidTypes = ["at+jwt", "JWT"];
                jwt.TokenValidationParameters.ClockSkew = options.ClockSkew;
                jwt.TokenValidationParameters.NameClaimType = PlatformClaims.Subject;
                jwt.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
                jwt.Events = new SigningKeysUnavailable();
            });
        builder.Services.AddSingleton<SigningKeysWarmUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SigningKeysWarmUp>());
        builder.Services.AddHealthChecks().AddCheck<SigningKeysWarmUp>("signing-keys", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>The platform's policies, on whichever scheme authenticates the caller.</summary>
    public static IHostApplicationBuilder AddPlatformAuthorization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PlatformClaims.OrganiserPolicy, p => p.RequireAuthenticatedUser().RequireRole(PlatformClaims.OrganiserRole)
                .RequireClaim(PlatformClaims.Organisation)) // an organiser acts for an organisation, never for themself alone
            .AddPolicy(PlatformClaims.ReviewerPolicy, p => p.RequireAuthenticatedUser().RequireRole(PlatformClaims.ReviewerRole, PlatformClaims.AdminRole))
            .AddPolicy(PlatformClaims.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(PlatformClaims.AdminRole));
        return builder;
    }
}
