using System.Security.Claims;

namespace SemaineIndustrie.ServiceDefaults.Auth;

/// <summary>The claims our tokens carry, and the roles and policies built on them.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Organisation = "org";
    public const string Region = "region";
    public const string Departement = "departement";

    public const string OrganiserRole = "organiser";
    public const string ReviewerRole = "reviewer";
    public const string AdminRole = "admin";

    public const string OrganiserPolicy = "organiser";
    public const string ReviewerPolicy = "reviewer";
    public const string AdminPolicy = "admin";

    public static string SubjectId(this ClaimsPrincipal user) =>
        user.FindFirstValue(Subject) ?? throw new InvalidOperationException("authenticated principal without 'sub'");

    /// <summary>Organisers act for an organisation: the organiser policy refuses a token without one (403).</summary>
    public static string OrganiserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(Organisation) ?? throw new InvalidOperationException("organiser principal without 'org'");
}
