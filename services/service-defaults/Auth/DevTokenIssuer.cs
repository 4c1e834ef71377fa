using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SemaineIndustrie.ServiceDefaults.Auth;

public sealed record DevTokenRequest(
    string Role,
    string? Subject = null,
    string? OrganisationId = null,
    string? Region = null,
    IReadOnlyList<string>? Departements = null,
    int LifetimeMinutes = 480);

/// <summary>
/// Mints HS256 tokens for local runs and tests. It exists only where the environment is Development
/// (see <see cref="AuthenticationSetup"/>); Production validates tokens from an OpenID Connect authority.
/// </summary>
public sealed class DevTokenIssuer(string signingKey)
{
    public const string Issuer = "semaine-industrie-dev";
    public const string Audience = "semaine-industrie";

    /// <summary>Used in Development when Auth:DevSigningKey is not set. Never accepted outside Development.</summary>
    public const string DefaultDevelopmentKey = "semaine-industrie-development-signing-key-not-for-production";

    public SymmetricSecurityKey Key { get; } = new(Encoding.UTF8.GetBytes(signingKey));

    public string Mint(DevTokenRequest request)
    {
        var role = request.Role?.Trim().ToLowerInvariant();
        if (role is not (PlatformClaims.OrganiserRole or PlatformClaims.ReviewerRole or PlatformClaims.AdminRole))
        {
            throw new ArgumentException($"unknown role '{request.Role}'", "role");
        }
        // Claims end up in stored columns (created_by, claimed_by…): the same limits a real issuer's would meet.
        Check(request.Subject, "subject");
        Check(request.OrganisationId, "organisationId");
        Check(request.Region, "region");
        for (var i = 0; i < (request.Departements?.Count ?? 0); i++) Check(request.Departements![i], $"departements[{i}]");

        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, request.Subject ?? $"{role}-{Guid.NewGuid():N}"[..20]),
            new(PlatformClaims.Role, role),
        };
        if (request.OrganisationId is { Length: > 0 } org) claims.Add(new(PlatformClaims.Organisation, org));
        if (request.Region is { Length: > 0 } region) claims.Add(new(PlatformClaims.Region, region));
        foreach (var dep in request.Departements ?? []) claims.Add(new(PlatformClaims.Departement, dep));

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(Math.Clamp(request.LifetimeMinutes, 1, 24 * 60)),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }

    private static void Check(string? value, string field)
    {
        if (value is null) return;
        if (value.Length is 0 or > MaxClaimLength || value.Any(c => char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c)))
            throw new ArgumentException($"1 to {MaxClaimLength} visible characters.", field);
    }

    public const int MaxClaimLength = 100;
}
