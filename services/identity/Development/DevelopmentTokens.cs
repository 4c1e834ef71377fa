using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Tokens;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Identity.Development;

/// <summary>POST /dev/tokens: an account's e-mail (its real standing), or explicit claims (tests).</summary>
public sealed record DevTokenRequest(
    string? Role = null, string? Subject = null, string? OrganisationId = null, string? Region = null,
    IReadOnlyList<string>? Departements = null, int LifetimeMinutes = 60, string? Email = null);

public sealed record TokenResponse(string Token, string TokenType = "Bearer");

/// <summary>
/// Development only (never mapped elsewhere): access tokens for tests and curl, signed by this provider's
/// own signing key, with its issuer — the same single signing authority as the real flows. Either a
/// seeded or registered account by e-mail (its real standing), or explicit claims for tests.
/// </summary>
public static class DevelopmentTokens
{
    public static WebApplication MapDevelopmentTokens(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return app;
        app.MapPost("/dev/tokens", Mint).AllowAnonymous().WithTags("Development");
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Mint(DevTokenRequest request, HttpContext context,
        IOptionsMonitor<OpenIddictServerOptions> server, UserManager<PlatformUser> users, PlatformIdentityDbContext db)
    {
        ClaimsIdentity identity;
        if (request.Email is { } email)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null) return Problems.Field(StatusCodes.Status422UnprocessableEntity, "Cannot mint this token", "email", "No account has this address.");
            var standing = await Standing.OfAsync(db, user.Id, context.RequestAborted);
            identity = Claims(user.Id, standing.Role, standing.Organisation, standing.Region, standing.Departements);
            identity.AddClaim(new Claim("name", user.DisplayName)); // as the real flows carry it
        }
        else
        {
            var role = request.Role?.Trim().ToLowerInvariant();
            if (role is not (PlatformClaims.OrganiserRole or PlatformClaims.ReviewerRole or PlatformClaims.AdminRole))
                return Problems.Field(StatusCodes.Status422UnprocessableEntity, "Cannot mint this token", "role", "organiser, reviewer or admin.");
            foreach (var (value, field) in new (string? Value, string Field)[] { (request.Subject, "subject"), (request.OrganisationId, "organisationId"), (request.Region, "region") }
                .Concat((request.Departements ?? []).Select((d, i) => ((string?)d, $"departements[{i}]"))))
            {
                if (value is not null && (value.Length is 0 or > 100 || value.Any(c => char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c))))
                    return Problems.Field(StatusCodes.Status422UnprocessableEntity, "Cannot mint this token", field, "1 to 100 visible characters.");
            }
            identity = Claims(request.Subject ?? $"{role}-{Guid.NewGuid():N}"[..20], role, request.OrganisationId, request.Region, request.Departements ?? []);
        }

        var options = server.CurrentValue;
        var role2 = identity.FindFirst(PlatformClaims.Role)!.Value;
        var audiences = PlatformScopes.ResourcesOf(PlatformScopes.AllowedFor(role2)).ToList();
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = (options.Issuer ?? new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/")).AbsoluteUri,
            Subject = identity,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(Math.Clamp(request.LifetimeMinutes, 1, 24 * 60)),
            TokenType = "at+jwt",
            SigningCredentials = options.SigningCredentials.First(),
        };
        foreach (var audience in audiences) descriptor.Audiences.Add(audience);
        var token = new JsonWebTokenHandler().CreateToken(descriptor);
        return TypedResults.Ok(new TokenResponse(token));
    }

    private static ClaimsIdentity Claims(string subject, string role, string? organisation, string? region, IReadOnlyList<string> departements)
    {
        var claims = new List<Claim> { new(PlatformClaims.Subject, subject), new(PlatformClaims.Role, role) };
        if (organisation is { Length: > 0 }) claims.Add(new(PlatformClaims.Organisation, organisation));
        if (region is { Length: > 0 }) claims.Add(new(PlatformClaims.Region, region));
        claims.AddRange(departements.Select(d => new Claim(PlatformClaims.Departement, d)));
        return new ClaimsIdentity(claims);
    }
}
