using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SemaineIndustrie.Identity.Tokens;

/// <summary>
/// Registers the platform services named in Identity:ServiceClients as confidential clients of the client
/// credentials grant, each limited to its scopes (created or updated at start; secrets from configuration).
/// </summary>
public sealed class ServiceClientRegistration(IServiceProvider services, IOptions<PlatformIdentityOptions> options) : IHostedService
{
    /// <summary>The scopes a service client may hold, stored with the client: their presence marks a platform service.</summary>
    public const string ScopesProperty = "service_scopes";

    public async Task StartAsync(CancellationToken ct)
    {
        if (options.Value.ServiceClients.Count == 0) return;
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in options.Value.ServiceClients)
        {
            if (client.Scopes.Count == 0 || client.Scopes.Any(s => !PlatformScopes.Resources.ContainsKey(s)))
                throw new InvalidOperationException($"Identity:ServiceClients '{client.ClientId}': scopes must be platform scopes ({string.Join(", ", PlatformScopes.Resources.Keys)}).");
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = client.ClientId,
                ClientSecret = client.ClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = "Platform service " + client.ClientId,
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            };
            foreach (var s in client.Scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + s);
            descriptor.Properties[ScopesProperty] = JsonSerializer.SerializeToElement(client.Scopes);
            var existing = await applications.FindByClientIdAsync(client.ClientId, ct);
            if (existing is null) await applications.CreateAsync(descriptor, ct);
            else await applications.UpdateAsync(existing, descriptor, ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
