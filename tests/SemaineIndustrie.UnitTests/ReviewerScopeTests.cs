using System.Security.Claims;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.ServiceDefaults.Auth;
using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class ReviewerScopeTests
{
    private static ReviewCase Case(string region, string departement) => new()
    {
        OrganiserId = "o", Title = "t", CommuneInsee = "00000", Region = region, Departement = departement,
        Sectors = [], Details = "{}", PreChecks = "[]",
    };

    private static ClaimsPrincipal User(string role, string? region = null, params string[] departements)
    {
        var claims = new List<Claim> { new(PlatformClaims.Subject, "u"), new(PlatformClaims.Role, role) };
        if (region is not null) claims.Add(new(PlatformClaims.Region, region));
        claims.AddRange(departements.Select(d => new Claim(PlatformClaims.Departement, d)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", PlatformClaims.Subject, PlatformClaims.Role));
    }

    private static bool Sees(ClaimsPrincipal user, ReviewCase c) => ReviewerScope.Of(user).Filter().Compile()(c);

    [Fact]
    public void A_departmental_committee_sees_only_its_departements()
    {
        var gers = User("reviewer", "76", "32");
        Assert.True(Sees(gers, Case("76", "32")));
        Assert.False(Sees(gers, Case("76", "31")));
        Assert.False(Sees(gers, Case("75", "32")));
    }

    [Fact]
    public void A_regional_reviewer_sees_every_departement_of_the_region_and_nothing_else()
    {
        var occitanie = User("reviewer", "76");
        Assert.True(Sees(occitanie, Case("76", "32")));
        Assert.True(Sees(occitanie, Case("76", "31")));
        Assert.False(Sees(occitanie, Case("94", "2A")));
    }

    [Fact]
    public void An_admin_sees_everything_and_a_reviewer_without_region_nothing()
    {
        Assert.True(Sees(User("admin"), Case("94", "2B")));
        Assert.False(Sees(User("reviewer"), Case("76", "32")));
    }
}
