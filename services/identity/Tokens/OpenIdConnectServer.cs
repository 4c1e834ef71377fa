using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;
using SemaineIndustrie.Identity.External;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SemaineIndustrie.Identity.Tokens;

/// <summary>
/// OpenIddict as the platform's OpenID Connect provider: authorization code + PKCE (web front-ends,
/// confidential clients), client credentials (organisations' integrations), refresh tokens; discovery at
/// /.well-known/openid-configuration and JWKS at /.well-known/jwks. Access tokens are signed JWTs (not
/// encrypted) so that every API validates them with standard JWT bearer through discovery.
/// </summary>
public static class OpenIdConnectServer
{
    public static IHostApplicationBuilder AddOpenIdConnectServer(this IHostApplicationBuilder builder, PlatformIdentityOptions options)
    {
        var development = builder.Environment.IsDevelopment();
        if (options.Issuer is null && !development)
            throw new InvalidOperationException("Identity:Issuer is required outside Development (the URL clients and services know the provider by).");
        var (signing, encryption) = KeyRing.Load(options.Keys, development);
        builder.AddExternalSignIn(options, signing, encryption);

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<PlatformIdentityDbContext>())
            .AddServer(server =>
            {
                if (options.Issuer is { } issuer) server.SetIssuer(issuer);
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetRevocationEndpointUris("connect/revoke");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess,
                    PlatformScopes.Submissions, PlatformScopes.Review, PlatformScopes.Account, PlatformScopes.Operations, PlatformScopes.Siret);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(options.RefreshTokenLifetime)
                    .SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(2));
                foreach (var key in signing) server.AddSigningKey(key);
                foreach (var key in encryption) server.AddEncryptionKey(key);
                server.DisableAccessTokenEncryption();

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                // Plain HTTP only for local runs and tests; behind the gateway the scheme is the client's (X-Forwarded-Proto).
                if (development) aspNetCore.DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(ServiceDefaults.Auth.PlatformAudiences.Identity);
                validation.UseAspNetCore();
            });

        builder.Services.AddAuthorizationBuilder().AddPolicy(AccountPolicy, policy => policy
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>The identity API's callers: a bearer token issued by this provider for the <c>si-identity</c> audience.</summary>
    public const string AccountPolicy = "account";
}
