using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace SemaineIndustrie.ServiceDefaults.Auth;

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer everywhere. With Auth:Authority set, tokens come from that OpenID Connect issuer.
    /// Without it, only a Development host accepts the local development issuer's tokens; any other
    /// environment refuses to start, so the development issuer cannot be switched on by accident.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var useDevIssuer = string.IsNullOrWhiteSpace(options.Authority);
        if (useDevIssuer && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Auth:Authority is required in the '{builder.Environment.EnvironmentName}' environment; " +
                "the development token issuer exists only in Development.");
        }

        if (!useDevIssuer && string.IsNullOrWhiteSpace(options.Audience))
        {
            throw new InvalidOperationException(
                $"Auth:Audience is required with Auth:Authority (environment '{builder.Environment.EnvironmentName}'): " +
                "tokens issued for another API must not be accepted here.");
        }

        if (useDevIssuer)
        {
            builder.Services.AddSingleton(new DevTokenIssuer(options.DevSigningKey ?? DevTokenIssuer.DefaultDevelopmentKey));
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.Audience = options.Audience ?? DevTokenIssuer.Audience;
                jwt.TokenValidationParameters.NameClaimType = PlatformClaims.Subject;
                jwt.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
                if (useDevIssuer)
                {
                    jwt.TokenValidationParameters.ValidIssuer = DevTokenIssuer.Issuer;
                    jwt.TokenValidationParameters.ValidAudience = DevTokenIssuer.Audience;
                    jwt.TokenValidationParameters.IssuerSigningKey =
                        new DevTokenIssuer(options.DevSigningKey ?? DevTokenIssuer.DefaultDevelopmentKey).Key;
                    jwt.RequireHttpsMetadata = false;
                }
                else
                {
                    jwt.Authority = options.Authority;
                }
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PlatformClaims.OrganiserPolicy, p => p.RequireAuthenticatedUser().RequireRole(PlatformClaims.OrganiserRole)
                .RequireClaim(PlatformClaims.Organisation)) // an organiser acts for an organisation, never for themself alone
            .AddPolicy(PlatformClaims.ReviewerPolicy, p => p.RequireAuthenticatedUser().RequireRole(PlatformClaims.ReviewerRole, PlatformClaims.AdminRole))
            .AddPolicy(PlatformClaims.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(PlatformClaims.AdminRole));
        return builder;
    }
}
