using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Editions;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>"Reconduire": a past demand's dates move to the same weekday of the new week, at the same Paris times; the rest maps by code.</summary>
public sealed class CarryOverTests
{
    private static readonly EditionFrame Week2018 = new(2018, new DateOnly(2018, 3, 26), new DateOnly(2018, 4, 1), ["grand-public"]);

    private static Edition Week(int year, DateOnly first, DateOnly last) => new(year, year - 2010, $"Semaine {year}", "Thème", first, last,
        new DateTimeOffset(year - 1, 10, 1, 0, 0, 0, TimeSpan.FromHours(2)), new DateTimeOffset(first.AddDays(-14).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(1)),
        [new CodeLabel("aeronautique", "Aéronautique"), new CodeLabel("hydrogene", "Hydrogène")],
        [new Audience("grand-public", "Grand public", true)], [new FocusTag("mixite", "Mixité")], [], true);

    [Theory]
    // Tuesday 27 March 2018 (summer time from the 25th) → Tuesday 19 March 2019 (winter time): the same Paris clock time.
    [InlineData("2018-03-27T09:00:00+02:00", "2018-03-27T12:30:00+02:00", 2019, "2019-03-18", "2019-03-24", "2019-03-19T09:00", "2019-03-19T12:30")]
    // An event over two days keeps its length in Paris clock time; Sunday stays Sunday.
    [InlineData("2018-04-01T18:00:00+02:00", "2018-04-02T01:00:00+02:00", 2019, "2019-03-18", "2019-03-24", "2019-03-24T18:00", "2019-03-25T01:00")]
    // A week starting on a Saturday: Tuesday is still found in it.
    [InlineData("2018-03-27T09:00:00+02:00", "2018-03-27T12:00:00+02:00", 2020, "2020-03-14", "2020-03-20", "2020-03-17T09:00", "2020-03-17T12:00")]
    // A five-day week without the weekday: the same rank of day (the second), kept inside the week.
    [InlineData("2018-03-27T09:00:00+02:00", "2018-03-27T12:00:00+02:00", 2021, "2021-03-17", "2021-03-21", "2021-03-18T09:00", "2021-03-18T12:00")]
    public void Dates_move_to_the_same_weekday_of_the_new_week_at_the_same_Paris_times(string starts, string ends, int year, string first, string last,
        string expectedStart, string expectedEnd)
    {
        var moved = CarryOver.MoveDates(DateTimeOffset.Parse(starts), DateTimeOffset.Parse(ends), Week2018, Week(year, DateOnly.Parse(first), DateOnly.Parse(last)));
        Assert.Equal((expectedStart, expectedEnd), moved);
    }

    [Fact]
    public void Sectors_audiences_and_focus_tags_are_kept_by_code_and_what_the_new_edition_lacks_is_listed()
    {
        var past = new EventDetails(Week2018, "Portes ouvertes", "Visite des ateliers et rencontre avec les apprentis.", "openDay",
            DateTimeOffset.Parse("2018-03-27T09:00:00+02:00"), DateTimeOffset.Parse("2018-03-27T12:00:00+02:00"),
            new Venue("Atelier", "1 rue de l'Industrie", "32000", "32013", "Auch", "32", "76"), ["aeronautique", "chimie"], ["grand-public", "jeunes"], true, 20,
            new Registration(true, "https://example.org", null, null), new Accessibility(true, null), new OrganisingBody("Atelier du Gers", "company", "73282932000074"),
            ["mixite", "ancienne-thematique"]);
        var carried = CarryOver.Into(Guid.NewGuid(), past, new PrivateContact("Anne Martin", "anne@example.org", null), Week(2019, new DateOnly(2019, 3, 18), new DateOnly(2019, 3, 24)));

        Assert.Equal((2018, 2019), (carried.FromEdition, carried.ToEdition));
        Assert.Equal(["aeronautique"], carried.Submission.Sectors);
        Assert.Equal(["grand-public"], carried.Submission.Audiences);
        Assert.Equal(["mixite"], carried.Submission.FocusTags);
        Assert.Equal(["chimie"], carried.DroppedSectors);
        Assert.Equal(["jeunes"], carried.DroppedAudiences);
        Assert.Equal(("32013", "Atelier", Contracts.Submissions.EventType.OpenDay, OrganisationKind.Company), (carried.Submission.Venue!.CommuneInsee,
            carried.Submission.Venue.Name, carried.Submission.EventType!.Value, carried.Submission.OrganisingBody!.Kind!.Value));
        Assert.Equal("anne@example.org", carried.Submission.PrivateContact!.Email);
    }
}
