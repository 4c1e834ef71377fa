using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using SemaineIndustrie.Contracts.Review;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Review;

/// <summary>Who holds what in the committee, and an absent member's cases taken over or released in one action, audited.</summary>
[Collection(PlatformCollection.Name)]
public sealed class WorkloadTests(Platform platform)
{
    [Fact]
    public async Task A_colleague_takes_over_an_absent_member_s_cases_in_one_action_and_the_workload_shows_who_holds_them()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "load", OrganisationId: "org-load-" + run));
        var cases = new List<Guid>();
        foreach (var n in new[] { 1, 2 })
        {
            var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission($"Atelier de charge {run} {n}"));
            cases.Add(await platform.CaseOfAsync((await created.ReadAsync<SubmissionView>()).Id));
        }
        using var absent = await platform.ClientAsync(new DevTokenRequest("reviewer", "absent-" + run, Region: "76", Departements: ["32"]));
        using var colleague = await platform.ClientAsync(new DevTokenRequest("reviewer", "colleague-" + run, Region: "76", Departements: ["32"]));
        using var elsewhere = await platform.ClientAsync(new DevTokenRequest("reviewer", "elsewhere-" + run, Region: "32", Departements: ["59"]));
        foreach (var id in cases) Assert.Equal(HttpStatusCode.OK, (await absent.PostAsync($"/api/review/cases/{id}/claim", null)).StatusCode);

        ReviewerLoad? LoadOf(CommitteeWorkload load, string who) => load.Reviewers.SingleOrDefault(r => r.Reviewer == who + "-" + run);
        var before = await colleague.GetAsync<CommitteeWorkload>("/api/review/workload");
        Assert.Equal(2, LoadOf(before, "absent")!.Held);
        Assert.Null(LoadOf(before, "colleague"));

        // Outside the absent member's département, nothing moves; one's own cases are not "absent".
        Assert.Equal(0, (await (await elsewhere.PostAsJsonAsync($"/api/review/reviewers/absent-{run}/cover", new CoverRequest("me"))).ReadAsync<CoverResult>()).Cases);
        var self = await absent.PostAsJsonAsync($"/api/review/reviewers/absent-{run}/cover", new CoverRequest(null));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, self.StatusCode);

        var taken = await (await colleague.PostAsJsonAsync($"/api/review/reviewers/absent-{run}/cover", new CoverRequest("me"))).ReadAsync<CoverResult>();
        Assert.Equal((2, "colleague-" + run), (taken.Cases, taken.To));
        var after = await colleague.GetAsync<CommitteeWorkload>("/api/review/workload");
        Assert.Null(LoadOf(after, "absent"));
        Assert.Equal(2, LoadOf(after, "colleague")!.Held);
        var audit = await colleague.GetAsync<List<AuditEntryView>>($"/api/review/cases/{cases[0]}/audit");
        Assert.Contains(audit, a => a.Action == "handed-over" && a.Actor == "colleague-" + run);

        // Back from absence, the first member finds them held by the colleague; the colleague releases none of theirs by mistake:
        // another member releases the colleague's claims, and they are free again.
        Assert.Equal(HttpStatusCode.Conflict, (await absent.PostAsync($"/api/review/cases/{cases[0]}/claim", null)).StatusCode);
        var released = await (await absent.PostAsJsonAsync($"/api/review/reviewers/colleague-{run}/cover", new CoverRequest(null))).ReadAsync<CoverResult>();
        Assert.Equal((2, (string?)null), (released.Cases, released.To));
        Assert.Null((await absent.GetAsync<CaseDetail>($"/api/review/cases/{cases[1]}")).Claim);
        var bad = await absent.PostAsJsonAsync($"/api/review/reviewers/colleague-{run}/cover", new CoverRequest("someone-else"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.True((await bad.ReadAsync<HttpValidationProblemDetails>()).Errors.ContainsKey("to"));
    }

    [Fact]
    public async Task Cases_overdue_by_two_working_days_are_signalled_to_the_region_and_by_five_to_the_national_team()
    {
        // The domain clock is Thursday 15 February 2018, 10:00 (Paris).
        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "late", OrganisationId: "org-late-" + run));
        var dueAt = new Dictionary<Guid, DateTimeOffset>();
        foreach (var (n, due) in new[] { (5, "2018-02-08"), (2, "2018-02-13"), (1, "2018-02-14") })
        {
            var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission($"Atelier en retard {run} {n}"));
            var id = await platform.CaseOfAsync((await created.ReadAsync<SubmissionView>()).Id);
            var at = DateTimeOffset.Parse(due + "T00:00:00+01:00"); // the end of the day before, Paris midnight
            await platform.QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, SemaineIndustrie.LabellingReview.ReviewDbContext, int>(db =>
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(db.Cases.Where(c => c.Id == id), set => set.SetProperty(c => c.DueAt, at)));
            dueAt[id] = at;
        }
        using var occitanie = await platform.ClientAsync(new DevTokenRequest("admin", "admin-76-" + run, Region: "76"));
        using var nord = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-59-late", Region: "32", Departements: ["59"]));
        var late = (await occitanie.GetAsync<List<EscalatedCase>>("/api/review/escalations")).Where(e => dueAt.ContainsKey(e.CaseId)).ToList();
        Assert.Equal([(5, "national"), (2, "region")], late.Select(e => (e.WorkingDaysLate, e.Level)));
        Assert.DoesNotContain(await nord.GetAsync<List<EscalatedCase>>("/api/review/escalations"), e => dueAt.ContainsKey(e.CaseId));
    }
}
