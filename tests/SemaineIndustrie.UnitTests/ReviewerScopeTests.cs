using System.Security.Claims;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.ServiceDefaults.Auth;
using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class ReviewerScopeTests
{
    private static ReviewCase Case(string region, string departement) =>
        ReviewCase.Open(new SubmissionReceived(Guid.NewGuid(), 1, "o", Lifecycle.Details(departement: departement, region: region), Lifecycle.T0),
            "o", Lifecycle.Details(departement: departement, region: region), "{}", Lifecycle.T0, Lifecycle.T0.AddDays(4)).Case;

    private static ClaimsPrincipal User(string role, string? region = null, params string[] departements)
    {
        var claims = new List<Claim> { new(PlatformClaims.Subject, "u"), new(PlatformClaims.Role, role) };
        if (region is not null) claims.Add(new(PlatformClaims.Region, region));
        claims.AddRange(departements.Select(d => new Claim(PlatformClaims.Departement, d)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", PlatformClaims.Subject, PlatformClaims.Role));
    }

    /// <summary>Both uses of the one rule must agree: the query filter (compiled here) and the in-memory check.</summary>
    private static bool Sees(ClaimsPrincipal user, ReviewCase c)
    {
        var scope = ReviewerScope.Of(user);
        var byQuery = scope.Filter<ReviewCase>(x => x.Region, x => x.Departement).Compile()(c);
        Assert.Equal(byQuery, scope.Allows(c.Region, c.Departement));
        return byQuery;
    }

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

    [Fact]
    public void Claims_that_do_not_match_grant_nothing_more()
    {
        Assert.False(Sees(User("reviewer", "76", "75"), Case("76", "32")));   // a département claim outside the région's cases
        Assert.False(Sees(User("reviewer", "11", "32"), Case("76", "32")));   // the right département under the wrong région
        Assert.True(Sees(User("reviewer", "76", "31", "32"), Case("76", "31"))); // several départements
    }

    /// <summary>The review service's copy of a committee member reads their scope as their tokens would carry it (Accounts/Standing).</summary>
    [Fact]
    public void A_known_person_sits_on_the_committee_their_tokens_would_review_for_and_the_national_team_on_none()
    {
        static SemaineIndustrie.Messaging.People.KnownPerson Person(string? role, string? region = null, string? administers = null, bool deleted = false, params string[] departements) =>
            new() { UserId = Guid.NewGuid().ToString(), Role = role, Region = region, AdminRegion = administers, Deleted = deleted, Departements = [.. departements] };
        var gers = Person("reviewer", "76", departements: "32");
        Assert.True(gers.SitsOnCommitteeOf("76", "32"));
        Assert.False(gers.SitsOnCommitteeOf("76", "65"));
        Assert.True(Person("reviewer", "76").SitsOnCommitteeOf("76", "65"));
        Assert.True(Person("reviewer", administers: "76").SitsOnCommitteeOf("76", "65")); // a regional admin reviews the whole région
        Assert.False(Person("reviewer", administers: "76").SitsOnCommitteeOf("75", "33"));
        Assert.False(Person("admin").SitsOnCommitteeOf("76", "32"));
        Assert.False(Person("organiser").SitsOnCommitteeOf("76", "32"));
        Assert.False(Person("reviewer", "76", deleted: true).SitsOnCommitteeOf("76", "32"));
    }
}
