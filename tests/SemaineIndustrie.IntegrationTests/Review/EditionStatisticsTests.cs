using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Review;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.LabellingReview;
using SemaineIndustrie.LabellingReview.Cases;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Review;

/// <summary>
/// Queues, cases and statistics are per edition (the current one by default, the year as a filter), and the national
/// dashboard compares an edition with the previous one at the same number of days before its week. Two far editions
/// (2051, 2052) are published through the editions API, so the review service learns them from events; their cases are
/// staged in the review database with the past instants a year-over-year comparison needs (the platform's clock cannot go
/// back a year), their audit trails written as the review itself writes them.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EditionStatisticsTests(Platform platform)
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);

    [Fact]
    public async Task Statistics_and_cases_are_per_edition_and_an_edition_is_compared_with_the_previous_one_at_the_same_days_before_its_week()
    {
        using var dge = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.NationalAdmin));
        await PublishedAsync(dge, 2051, new DateOnly(2051, 3, 20));
        await PublishedAsync(dge, 2052, new DateOnly(2052, 3, 18));
        await Eventually.Until(() => platform.QueryAsync<ServiceMarker, ReviewDbContext, int>(db => db.Editions.CountAsync(e => e.Year >= 2051 && e.Year <= 2052 && e.Content != null)),
            count => count == 2, "the review service's copy of the 2051 and 2052 editions");

        // The platform's clock is 15 February 2018, 12 450 days before the 2052 week: 2051 is compared as it stood 12 450
        // days before its own week, around 16 February 2017.
        var a = Case(2051, new DateOnly(2051, 3, 21));
        var b = Case(2051, new DateOnly(2051, 3, 22));
        var c = Case(2051, new DateOnly(2051, 3, 23));
        var d = Case(2052, new DateOnly(2052, 3, 19));
        var e = Case(2052, new DateOnly(2052, 3, 20));
        await platform.QueryAsync<ServiceMarker, ReviewDbContext, int>(async db =>
        {
            var labelledA = Open(db, a, At(2017, 1, 10));
            Decide(db, labelledA, CaseStatus.Labelled, At(2017, 1, 20)); // 240 h, before the cut
            var refusedB = Open(db, b, At(2017, 1, 12));
            Decide(db, refusedB, CaseStatus.Refused, At(2017, 1, 14)); // 48 h, before the cut
            foreach (var change in refusedB.ReceiveVersion(b with { SubmissionVersion = 2 }, b.Event, Json(b), At(2017, 3, 1), At(2017, 3, 8)))
                db.Record(refusedB, CaseAuditEntry.System, change.Action, At(2017, 3, 1), change.Detail); // revised after the cut…
            Decide(db, refusedB, CaseStatus.Labelled, At(2017, 3, 5)); // …and labelled: at the cut it stood refused
            Open(db, c, At(2017, 3, 1)); // received after the cut
            var labelledD = Open(db, d, At(2018, 2, 10));
            Decide(db, labelledD, CaseStatus.Labelled, At(2018, 2, 11)); // 24 h
            Open(db, e, At(2018, 2, 12)); // pending
            return await db.SaveChangesAsync();
        });

        var yoy = await dge.GetAsync<YearOverYear>("/api/review/statistics/year-over-year?edition=2052");
        Assert.Equal((2052, 2051), (yoy.Edition, yoy.Previous));
        Assert.InRange(yoy.PreviousAt!.Value, At(2017, 2, 10), At(2017, 2, 25));
        Assert.Equal(new DateOnly(2052, 3, 18).DayNumber - yoy.DaysBeforeWeek, DateOnly.FromDateTime(yoy.At.ToOffset(Winter).DateTime).DayNumber);
        var occitanie = Assert.Single(yoy.Regions);
        Assert.Equal("76", occitanie.Region);
        Assert.Equal(new EditionProgress(2, 1, 0, 24), occitanie.Edition);
        Assert.Equal(new EditionProgress(2, 1, 1, 144), occitanie.Previous); // A labelled, B refused then; C not received yet
        Assert.Equal(occitanie.Edition, yoy.Total);

        // Per edition: 2051 as it stands now (B labelled since), 2052 alone; the default (the current edition, 2018) has neither.
        var of2051 = await dge.GetAsync<ReviewStatistics>("/api/review/statistics?edition=2051");
        Assert.Equal(2051, of2051.Edition);
        var region2051 = Assert.Single(of2051.Regions);
        Assert.Equal((3, 2, 0, 1), (region2051.Received, region2051.Labelled, region2051.Refused, region2051.Pending));
        var queues2052 = await dge.GetAsync<List<QueueView>>("/api/review/queues?edition=2052");
        Assert.Equal((2, 1, 1), (Assert.Single(queues2052).Received, queues2052[0].Pending, queues2052[0].Decided));
        Assert.Equal(2018, (await dge.GetAsync<ReviewStatistics>("/api/review/statistics")).Edition);
        var week2052 = "departement=32&from=2052-03-18&to=2052-03-24";
        Assert.Empty((await dge.GetAsync<CasePage>($"/api/review/cases?{week2052}")).Items);
        Assert.Equal(new[] { d.SubmissionId, e.SubmissionId }.Order(),
            (await dge.GetAsync<CasePage>($"/api/review/cases?edition=2052&{week2052}")).Items.Select(i => i.SubmissionId).Order());

        // The Gers committee sees the same per edition, in its scope; a year out of range is a clear refusal.
        using var gers = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.GersReviewer));
        Assert.Equal(2, Assert.Single((await gers.GetAsync<ReviewStatistics>("/api/review/statistics?edition=2052")).Regions).Received);
        var refused = await gers.GetAsync("/api/review/statistics?edition=1999");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"edition\"", await refused.Content.ReadAsStringAsync());
    }

    private static async Task PublishedAsync(HttpClient dge, int year, DateOnly firstDay)
    {
        var edition = new EditionRequest(year, year - 2010, $"Semaine de l'Industrie {year}", "Les métiers de demain", firstDay, firstDay.AddDays(6),
            new DateTimeOffset(year - 1, 10, 1, 0, 0, 0, TimeSpan.FromHours(2)), new DateTimeOffset(firstDay.AddDays(-14).ToDateTime(TimeOnly.MinValue), Winter),
            [new CodeLabel("aeronautique", "Aéronautique et spatial")], [new Audience("grand-public", "Grand public", true)]);
        var created = await dge.PostAsJsonAsync("/api/editions", edition);
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, created.StatusCode.ToString()); // once per platform
        Assert.Equal(HttpStatusCode.OK, (await dge.PostAsync($"/api/editions/{year}/publication", null)).StatusCode);
    }

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 10, 0, 0, Winter);

    private static SubmissionReceived Case(int edition, DateOnly day)
    {
        var details = new EventDetails(new EditionFrame(edition, day, day, ["grand-public"]),
            $"Atelier de l'édition {edition}", "Visite des ateliers et rencontre avec les apprentis.", "openDay",
            new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), Winter), new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), Winter),
            new Venue("Atelier", "1 rue de l'Industrie", "32000", "32013", "Auch", "32", "76"), ["aeronautique"], ["grand-public"], true, 20,
            new Registration(false, null, null, null), new Accessibility(null, null), new OrganisingBody("Atelier du Gers", "company", null));
        return new SubmissionReceived(Guid.NewGuid(), 1, "org-yoy", details, default);
    }

    private static string Json(SubmissionReceived version) => JsonSerializer.Serialize(version.Event, ContractJson.Options);

    /// <summary>The case opened at <paramref name="at"/>, its audit lines recorded (not its announcements: nothing else knows these submissions).</summary>
    private static ReviewCase Open(ReviewDbContext db, SubmissionReceived version, DateTimeOffset at)
    {
        var (opened, changes) = ReviewCase.Open(version, version.OrganiserId, version.Event, Json(version), at, at.AddDays(6));
        db.Cases.Add(opened);
        foreach (var change in changes) db.Record(opened, CaseAuditEntry.System, change.Action, at, change.Detail);
        return opened;
    }

    private static void Decide(ReviewDbContext db, ReviewCase reviewCase, CaseStatus decision, DateTimeOffset at)
    {
        var change = reviewCase.Decide(decision, "copil-32", decision == CaseStatus.Labelled ? null : "Hors sujet.", null, at);
        db.Record(reviewCase, "copil-32", change.Action, at, change.Detail);
    }
}
