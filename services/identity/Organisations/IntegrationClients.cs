using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SemaineIndustrie.Identity.Organisations;

/// <summary>
/// An organisation's own API clients (client credentials): a federation's information system posts
/// submissions as its organisation. The secret is shown once at creation; OpenIddict stores only its hash.
/// </summary>
public sealed class IntegrationClients(IOpenIddictApplicationManager applications)
{
    public const string OrganisationProperty = "org";
    public const string CreatedByProperty = "created_by";
    public const string CreatedAtProperty = "created_at";

    public sealed record Created(string ClientId, string ClientSecret, string DisplayName);
    public sealed record Listed(string ClientId, string DisplayName, string? CreatedAt);

    public async Task<Created> CreateAsync(string organisation, string displayName, string createdBy, DateTimeOffset now, CancellationToken ct,
        string? clientId = null, string? secret = null)
    {
        clientId ??= "org-" + organisation[..8] + "-" + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant().Replace('_', 'x').Replace('-', 'y');
        secret ??= Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = displayName,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + Tokens.PlatformScopes.Submissions,
            },
        };
        descriptor.Properties[OrganisationProperty] = JsonSerializer.SerializeToElement(organisation);
        descriptor.Properties[CreatedByProperty] = JsonSerializer.SerializeToElement(createdBy);
        descriptor.Properties[CreatedAtProperty] = JsonSerializer.SerializeToElement(now);
        await applications.CreateAsync(descriptor, ct);
        return new Created(clientId, secret, displayName);
    }

    public async Task<List<Listed>> ListAsync(string organisation, CancellationToken ct)
    {
        var result = new List<Listed>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, ct))
        {
            var properties = await applications.GetPropertiesAsync(application, ct);
            if (properties.TryGetValue(OrganisationProperty, out var org) && org.GetString() == organisation)
            {
                result.Add(new Listed((await applications.GetClientIdAsync(application, ct))!,
                    (await applications.GetDisplayNameAsync(application, ct)) ?? "",
                    properties.TryGetValue(CreatedAtProperty, out var at) ? at.GetString() : null));
            }
        }
        return result;
    }

    /// <summary>Deletes the client (and, through OpenIddict, its stored tokens): no new token; issued ones expire within their lifetime.</summary>
    public async Task<bool> RevokeAsync(string organisation, string clientId, CancellationToken ct)
    {
        var application = await applications.FindByClientIdAsync(clientId, ct);
        if (application is null) return false;
        var properties = await applications.GetPropertiesAsync(application, ct);
        if (!properties.TryGetValue(OrganisationProperty, out var org) || org.GetString() != organisation) return false;
        await applications.DeleteAsync(application, ct);
        return true;
    }
}
