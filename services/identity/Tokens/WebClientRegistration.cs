using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SemaineIndustrie.Identity.Tokens;

/// <summary>
/// Registers the web front-ends named in Identity:WebClients as confidential clients of the authorization
/// code flow with PKCE (created or updated at start; their secrets come from configuration/secrets).
/// </summary>
public sealed class WebClientRegistration(IServiceProvider services, IOptions<PlatformIdentityOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (options.Value.WebClients.Count == 0) return;
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in options.Value.WebClients)
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = client.ClientId,
                ClientSecret = client.ClientSecret,
                ClientType = ClientTypes.Confidential,
                ConsentType = ConsentTypes.Implicit, // first-party front-ends of the platform
                DisplayName = client.DisplayName,
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession, Permissions.Endpoints.Revocation,
                    Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Profile, Permissions.Scopes.Email,
                    Permissions.Prefixes.Scope + PlatformScopes.Submissions, Permissions.Prefixes.Scope + PlatformScopes.Review,
                    Permissions.Prefixes.Scope + PlatformScopes.Account, Permissions.Prefixes.Scope + PlatformScopes.Operations,
                    Permissions.Prefixes.Scope + PlatformScopes.Siret,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            foreach (var uri in client.RedirectUris) descriptor.RedirectUris.Add(uri);
            foreach (var uri in client.PostLogoutRedirectUris) descriptor.PostLogoutRedirectUris.Add(uri);

            var existing = await applications.FindByClientIdAsync(client.ClientId, ct);
            if (existing is null) await applications.CreateAsync(descriptor, ct);
            else await applications.UpdateAsync(existing, descriptor, ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
