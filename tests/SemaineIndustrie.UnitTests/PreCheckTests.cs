using SemaineIndustrie.Contracts;
using SemaineIndustrie.LabellingReview.PreChecks;
using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class PreCheckTests
{
    private static readonly EditionFrame Edition2018 = new(2018, new DateOnly(2018, 3, 26), new DateOnly(2018, 4, 1), ["jeunes", "demandeurs-emploi", "grand-public"]);

    private static EventDetails Event(bool free = true, string starts = "2018-03-27T09:00:00+02:00", string[]? audiences = null, string[]? sectors = null) => new(
        Edition2018, "Visite", "Description de la visite", "companyVisit", DateTimeOffset.Parse(starts), DateTimeOffset.Parse(starts).AddHours(3),
        new Venue("Usine", "1 rue", "32000", "32013", "Auch", "32", "76"), sectors ?? ["bois"], audiences ?? ["jeunes"], free, null,
        new Registration(false, null, "a@b.fr", null), new Accessibility(null, null), new OrganisingBody("Scierie", "company", null));

    private static CheckOutcome Outcome(EventDetails e, string code) => PreCheckRules.Conditions(e).Single(c => c.Code == code).Outcome;

    [Fact]
    public void A_conforming_event_passes_the_four_conditions() =>
        Assert.All(PreCheckRules.Conditions(Event()), c => Assert.Equal(CheckOutcome.Pass, c.Outcome));

    [Fact]
    public void Each_condition_fails_on_its_own()
    {
        Assert.Equal(CheckOutcome.Fail, Outcome(Event(free: false), PreCheckRules.FreeOfCharge));
        Assert.Equal(CheckOutcome.Fail, Outcome(Event(starts: "2018-04-02T09:00:00+02:00"), PreCheckRules.WithinEdition));
        Assert.Equal(CheckOutcome.Fail, Outcome(Event(audiences: ["enseignants"]), PreCheckRules.OpenToPublic));
        Assert.Equal(CheckOutcome.Fail, Outcome(Event(sectors: []), PreCheckRules.AboutIndustry));
    }

    [Theory]
    [InlineData("Portes ouvertes de la fonderie", "Fonderie : portes ouvertes", true)]
    [InlineData("Portes ouvertes", "PORTES OUVERTES de l'usine Airbus", true)]  // one contains the other
    [InlineData("Visite de l'usine d'emboutissage", "Visite de l’usine d’emboutissage", true)]
    [InlineData("Portes ouvertes de la fonderie", "Conférence sur l'usine du futur", false)]
    [InlineData("Job dating métiers du bois", "Portes ouvertes de la scierie", false)]
    public void Titles_are_similar_when_they_share_most_meaningful_words(string a, string b, bool similar) =>
        Assert.Equal(similar, PreCheckRules.SimilarTitles(a, b));
}
