using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.LabellingReview.Decisions;
using SemaineIndustrie.LabellingReview.PreChecks;
using SemaineIndustrie.LabellingReview.Queues;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Review;

/// <summary>The reviewers' API through the gateway: queues, scope, claims, decisions, revisions, audit.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ReviewApiTests(Platform platform)
{
    private static readonly DevTokenRequest Admin = new("admin", "dge");

    private async Task<HttpClient> Reviewer(string subject, string? region, params string[] departements) =>
        await platform.ClientAsync(new DevTokenRequest("reviewer", subject, Region: region, Departements: departements));

    private async Task<(HttpClient Organiser, Guid SubmissionId)> SubmitAsync(string postal, string commune, string? title = null, string? org = null, string day = "2018-03-27")
    {
        var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "u", OrganisationId: org ?? "org-" + Guid.NewGuid().ToString("N")[..8]));
        var body = Samples.Submission(title ?? "Visite d'usine " + Guid.NewGuid().ToString("N")[..6]);
        body["venue"] = new JsonObject { ["name"] = "Usine", ["street"] = "1 rue de l'Industrie", ["postalCode"] = postal, ["commune"] = commune };
        body["startsAt"] = $"{day}T09:00";
        body["endsAt"] = $"{day}T12:00";
        var response = await organiser.PostAsJsonAsync("/api/submissions", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (organiser, (await response.ReadAsync<SubmissionView>()).Id);
    }

    private static async Task<CaseSummary> CaseOfAsync(HttpClient reviewer, Guid submissionId, Func<CaseSummary, bool>? until = null) =>
        (await Eventually.Until(async () => (await reviewer.CaseSummariesAsync()).FirstOrDefault(c => c.SubmissionId == submissionId),
            c => c is not null && (until?.Invoke(c) ?? true), $"the case of {submissionId}"))!;

    private static Guid Id(CaseSummary reviewCase) => reviewCase.Id;

    private static Task<CaseDetail> DetailAsync(HttpClient reviewer, Guid caseId) => reviewer.GetAsync<CaseDetail>($"/api/review/cases/{caseId}");

    private static Task<SubmissionView> SubmissionAsync(HttpClient organiser, Guid submissionId) => organiser.GetAsync<SubmissionView>($"/api/submissions/{submissionId}");

    [Theory]
    [InlineData("32000", "Auch", "76", "32")]
    [InlineData("20000", "Ajaccio", "94", "2A")]
    [InlineData("97400", "Saint-Denis", "04", "974")]
    public async Task A_submission_lands_in_the_queue_of_its_region_and_departement(string postal, string commune, string region, string departement)
    {
        var (_, submissionId) = await SubmitAsync(postal, commune);
        using var committee = await Reviewer("copil-" + departement, region, departement);
        var reviewCase = await CaseOfAsync(committee, submissionId);
        Assert.Equal((region, departement), (reviewCase.Region, reviewCase.Departement));

        using var elsewhere = await Reviewer("elsewhere", region == "76" ? "94" : "76");
        Assert.DoesNotContain(await elsewhere.CaseSummariesAsync(), c => c.SubmissionId == submissionId);
    }

    [Fact]
    public async Task Scope_matrix_committee_region_admin_and_outsiders()
    {
        var (_, gersSubmission) = await SubmitAsync("32000", "Auch");
        var (_, toulouseSubmission) = await SubmitAsync("31000", "Toulouse");
        using var gers = await Reviewer("copil-32", "76", "32");
        using var occitanie = await Reviewer("direccte-occitanie", "76");
        using var admin = await platform.ClientAsync(Admin);
        using var corsica = await Reviewer("direccte-corse", "94");
        using var noRegion = await Reviewer("nobody", null);

        var gersCase = Id(await CaseOfAsync(gers, gersSubmission));
        var toulouseCase = Id(await CaseOfAsync(occitanie, toulouseSubmission));

        Assert.DoesNotContain(await gers.CaseSummariesAsync(), c => c.Id == toulouseCase);            // committee: its département only
        Assert.Contains(await occitanie.CaseSummariesAsync(), c => c.Id == gersCase);                 // région: all its départements
        Assert.Contains(await admin.CaseSummariesAsync(), c => c.Id == toulouseCase);                 // admin: everything
        Assert.Empty(await noRegion.CaseSummariesAsync());

        foreach (var outsider in new[] { corsica, noRegion })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/review/cases/{gersCase}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/review/cases/{gersCase}/audit")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/review/cases/{gersCase}/claim", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/review/cases/{gersCase}/release", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/review/cases/{gersCase}/notes", new { text = "x" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/review/cases/{gersCase}/decision", new { decision = "label" })).StatusCode);
        }
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", OrganisationId: "org-x"));
        using var anonymous = await platform.ClientAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await organiser.GetAsync("/api/review/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/review/queues")).StatusCode);
        Assert.Equal(CaseStatus.Pending, (await DetailAsync(gers, gersCase)).Status);
    }

    [Fact]
    public async Task Of_reviewers_claiming_at_once_exactly_one_wins_and_only_the_holder_decides()
    {
        var (_, submissionId) = await SubmitAsync("32000", "Auch");
        var reviewers = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => Reviewer($"reviewer-{i}", "76", "32")));
        var caseId = Id(await CaseOfAsync(reviewers[0], submissionId));

        var claims = await Task.WhenAll(reviewers.Select(r => r.PostAsync($"/api/review/cases/{caseId}/claim", null)));
        Assert.Single(claims, c => c.StatusCode == HttpStatusCode.OK);
        Assert.Equal(5, claims.Count(c => c.StatusCode == HttpStatusCode.Conflict));
        var winner = reviewers[Array.FindIndex(claims, c => c.StatusCode == HttpStatusCode.OK)];
        var loser = reviewers.First(r => r != winner);

        Assert.Equal(HttpStatusCode.OK, (await winner.PostAsync($"/api/review/cases/{caseId}/claim", null)).StatusCode); // renewal
        Assert.Equal(HttpStatusCode.Conflict, (await loser.PostAsJsonAsync($"/api/review/cases/{caseId}/decision", new { decision = "label" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await loser.PostAsync($"/api/review/cases/{caseId}/release", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await winner.PostAsync($"/api/review/cases/{caseId}/release", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await loser.PostAsync($"/api/review/cases/{caseId}/claim", null)).StatusCode);
        var decided = await loser.PostAsJsonAsync($"/api/review/cases/{caseId}/decision", new { decision = "label", version = 1 });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var view = await decided.ReadAsync<CaseDetail>();
        Assert.Equal(CaseStatus.Labelled, view.Status);
        Assert.Null(view.Claim);
        Assert.Equal(CaseStatus.Labelled, view.Decision!.Outcome);
    }

    [Fact]
    public async Task Every_decision_path_changes_the_case_and_tells_the_organiser()
    {
        using var gers = await Reviewer("copil-32", "76", "32");
        var (organiser, submissionId) = await SubmitAsync("32000", "Auch");
        var caseId = Id(await CaseOfAsync(gers, submissionId));

        async Task<HttpStatusCode> Decide(object body) => (await gers.PostAsJsonAsync($"/api/review/cases/{caseId}/decision", body)).StatusCode;
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await Decide(new { decision = "refuse" }));              // motivation required
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await Decide(new { decision = "request_changes" }));     // message required
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await Decide(new { decision = "approve" }));
        Assert.Equal(HttpStatusCode.Conflict, await Decide(new { decision = "label", version = 2 }));             // not the version on the case

        // request changes → the organiser revises → the case is back in the queue at version 2
        Assert.Equal(HttpStatusCode.OK, await Decide(new { decision = "request_changes", motivation = "Précisez l'horaire d'accueil." }));
        await Eventually.Until(async () => (await SubmissionAsync(organiser, submissionId)).Status,
            s => s == SubmissionStatus.ChangesRequested, "organiser sees changes requested");
        Assert.Equal(HttpStatusCode.Conflict, await Decide(new { decision = "label" }));                         // waiting for the organiser
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/submissions/{submissionId}") { Content = JsonContent.Create(Samples.Submission("Visite d'usine, accueil à 9 h")) })
        {
            put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            Assert.Equal(HttpStatusCode.OK, (await organiser.SendAsync(put)).StatusCode);
        }
        var reopened = await CaseOfAsync(gers, submissionId, c => c.SubmissionVersion == 2);
        Assert.Equal(CaseStatus.Pending, reopened.Status);

        // refuse → motivated → the organiser sees the motivation
        Assert.Equal(HttpStatusCode.OK, await Decide(new { decision = "refuse", motivation = "Événement payant.", version = 2 }));
        var refused = await Eventually.Until(() => SubmissionAsync(organiser, submissionId),
            s => s.Status == SubmissionStatus.Refused, "organiser sees the refusal");
        Assert.Equal("Événement payant.", refused.ReviewerMessage);
        Assert.Equal(HttpStatusCode.Conflict, await Decide(new { decision = "label" }));                         // already decided

        // a withdrawal closes the case for good
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsync($"/api/submissions/{submissionId}/withdraw", null)).StatusCode);
        await CaseOfAsync(gers, submissionId, c => c.Status == CaseStatus.Withdrawn);

        // the organiser's timeline: every step, with the version and the reviewers' words ("in review" may
        // arrive after a decision it preceded, and then is rightly not recorded: it is left out here)
        var timeline = (await organiser.GetAsync<StatusChangeView[]>($"/api/submissions/{submissionId}/history"))
            .Where(h => h.Status != SubmissionStatus.InReview).ToArray();
        Assert.Equal([SubmissionStatus.Submitted, SubmissionStatus.ChangesRequested, SubmissionStatus.Revised, SubmissionStatus.Refused, SubmissionStatus.Withdrawn],
            timeline.Select(h => h.Status));
        Assert.Equal([1, 1, 2, 2, 2], timeline.Select(h => h.Version));
        Assert.Equal("Précisez l'horaire d'accueil.", timeline[1].Message);
        Assert.Equal("Événement payant.", timeline[3].Message);
        var stranger = await platform.ClientAsync(new DevTokenRequest("organiser", "u", OrganisationId: "org-stranger"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/submissions/{submissionId}/history")).StatusCode); // another organisation

        var audit = await gers.GetAsync<AuditEntryView[]>($"/api/review/cases/{caseId}/audit");
        Assert.Equal(["opened", "changes-requested", "reopened", "refused", "withdrawn"], audit.Select(a => a.Action));
        Assert.Equal([1, 1, 2, 2, 2], audit.Select(a => a.SubmissionVersion));
        Assert.Equal("copil-32", audit[1].Actor);
        Assert.Equal("system", audit[0].Actor);
    }

    [Fact]
    public async Task A_bulk_decision_answers_case_by_case()
    {
        using var occitanie = await Reviewer("direccte-occitanie", "76");
        var (_, a) = await SubmitAsync("32000", "Auch");
        var (_, b) = await SubmitAsync("31000", "Toulouse");
        var caseA = Id(await CaseOfAsync(occitanie, a));
        var caseB = Id(await CaseOfAsync(occitanie, b));
        var unknown = Guid.NewGuid();

        var response = await occitanie.PostAsJsonAsync("/api/review/cases/decisions", new
        {
            decisions = new object[]
            {
                new { caseId = caseA, decision = "label" },
                new { caseId = caseB, decision = "refuse" },
                new { caseId = unknown, decision = "label" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.ReadAsync<BulkDecisionResult[]>()).ToDictionary(r => r.CaseId);
        Assert.Equal((200, "labelled"), (results[caseA].Status, results[caseA].Outcome));
        Assert.Equal(422, results[caseB].Status);
        Assert.Equal(404, results[unknown].Status);
        Assert.Equal(CaseStatus.Pending, (await DetailAsync(occitanie, caseB)).Status);

        var empty = await occitanie.PostAsJsonAsync("/api/review/cases/decisions", new { decisions = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
    }

    [Fact]
    public async Task A_case_shows_its_pre_checks_notes_and_likely_duplicates()
    {
        using var gers = await Reviewer("copil-32", "76", "32");
        var org = "org-dup-" + Guid.NewGuid().ToString("N")[..6];
        var (_, first) = await SubmitAsync("32000", "Auch", "Portes ouvertes de la fonderie", org, "2018-03-29");
        var (_, second) = await SubmitAsync("32000", "Auch", "Fonderie : portes ouvertes", org, "2018-03-29");
        var (_, other) = await SubmitAsync("32000", "Auch", "Conférence sur l'usine du futur", org, "2018-03-29");
        var firstCase = Id(await CaseOfAsync(gers, first, c => c.Location == LocationStatus.Located));
        var secondCase = Id(await CaseOfAsync(gers, second, c => c.PossibleDuplicate));
        var otherCase = Id(await CaseOfAsync(gers, other));

        var detail = await DetailAsync(gers, firstCase);
        var checks = detail.PreChecks.ToDictionary(c => c.Code, c => c.Outcome);
        Assert.Equal(CheckOutcome.Pass, checks[PreCheckRules.FreeOfCharge]);
        Assert.Equal(CheckOutcome.Pass, checks[PreCheckRules.WithinEdition]);
        Assert.Equal(CheckOutcome.Pass, checks[PreCheckRules.OpenToPublic]);
        Assert.Equal(CheckOutcome.Pass, checks[PreCheckRules.AboutIndustry]);
        Assert.Equal(CheckOutcome.Pass, checks[PreCheckRules.VenueLocated]);
        Assert.Equal(CheckOutcome.Fail, checks[PreCheckRules.LikelyDuplicate]); // flagged though the similar case came later
        Assert.Equal(CheckOutcome.Fail, (await DetailAsync(gers, secondCase)).PreChecks.Single(c => c.Code == PreCheckRules.LikelyDuplicate).Outcome);
        Assert.Equal(CheckOutcome.Pass, (await DetailAsync(gers, otherCase)).PreChecks.Single(c => c.Code == PreCheckRules.LikelyDuplicate).Outcome);
        Assert.Contains(secondCase, detail.PossibleDuplicates);
        Assert.DoesNotContain(otherCase, detail.PossibleDuplicates);
        Assert.Equal("Visite des ateliers de maintenance et rencontre avec les apprentis.", detail.Event.Description);

        var note = await gers.PostAsJsonAsync($"/api/review/cases/{firstCase}/notes", new { text = "Appeler l'organisateur pour l'accueil PMR." });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await gers.PostAsJsonAsync($"/api/review/cases/{firstCase}/notes", new { text = " " })).StatusCode);
        var notes = (await DetailAsync(gers, firstCase)).Notes;
        Assert.Equal(("copil-32", "Appeler l'organisateur pour l'accueil PMR."), (notes[0].Author, notes[0].Text));
    }

    [Fact]
    public async Task Similar_submissions_arriving_together_are_still_flagged_as_likely_duplicates_of_each_other()
    {
        using var gers = await Reviewer("copil-32-race", "76", "32");
        var pairs = Enumerable.Range(0, 8).Select(i => "org-race-" + Guid.NewGuid().ToString("N")[..6]).ToList();
        var submitted = await Task.WhenAll(pairs.SelectMany(org => new[]
        {
            SubmitAsync("32000", "Auch", "Portes ouvertes de la chaudronnerie", org, "2018-03-28"),
            SubmitAsync("32000", "Auch", "Chaudronnerie : portes ouvertes", org, "2018-03-28"),
        }));
        foreach (var (_, id) in submitted)
        {
            await CaseOfAsync(gers, id, c => c.PossibleDuplicate); // each one of a pair sees the other, however close they came
        }
    }

    [Fact]
    public async Task Queues_count_what_waits_and_what_is_late_with_decision_times()
    {
        // Haute-Saône (70) is used by this test only: its counts are exact.
        using var committee = await Reviewer("copil-70", "27", "70");
        var (_, waiting) = await SubmitAsync("70000", "Vesoul");
        var (_, toDecide) = await SubmitAsync("70000", "Vesoul");
        var (_, toClaim) = await SubmitAsync("70000", "Vesoul");

        // A version received on Thursday 1 February 2018 was due by Wednesday 7 February: overdue now (15 February).
        var late = Guid.NewGuid();
        var details = (await DetailAsync(committee, Id(await CaseOfAsync(committee, waiting)))).Event;
        await platform.PublishAsync(new SubmissionReceived(late, 1, "org-late", details, DateTimeOffset.Parse("2018-02-01T10:00:00+01:00")));

        await CaseOfAsync(committee, late);
        Assert.Equal(HttpStatusCode.OK, (await committee.PostAsJsonAsync($"/api/review/cases/{Id(await CaseOfAsync(committee, toDecide))}/decision", new { decision = "label" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await committee.PostAsync($"/api/review/cases/{Id(await CaseOfAsync(committee, toClaim))}/claim", null)).StatusCode);

        var queue = (await committee.GetAsync<QueueView[]>("/api/review/queues")).Single();
        Assert.Equal(("27", "70"), (queue.Region, queue.Departement));
        Assert.Equal((4, 2, 1, 1, 1), (queue.Received, queue.Pending, queue.Claimed, queue.Decided, queue.Overdue));
        Assert.True(queue.MedianHoursToDecision >= 0);

        var overdue = await committee.CaseSummariesAsync("overdue=true");
        Assert.Equal([late], overdue.Select(c => c.SubmissionId));
        Assert.True(overdue[0].Overdue);
        Assert.Equal(2, (await committee.CaseSummariesAsync("status=unclaimed")).Count);
        Assert.Single(await committee.CaseSummariesAsync("status=claimed"));
        Assert.Equal(HttpStatusCode.BadRequest, (await committee.GetAsync("/api/review/cases?status=lost")).StatusCode);
    }

    [Fact]
    public async Task The_case_list_is_oldest_first_and_cursor_paginated()
    {
        using var committee = await Reviewer("copil-2b", "94", "2B");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add((await SubmitAsync("20200", "Bastia")).SubmissionId);
        foreach (var id in ids) await CaseOfAsync(committee, id);

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await committee.GetAsync<CasePage>("/api/review/cases?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.Items.Select(c => c.SubmissionId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(ids, seen.Where(ids.Contains));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Statistics_count_a_committees_cases_by_state_and_sector_and_time_its_decisions()
    {
        using var lozere = await Reviewer("copil-48", "76", "48"); // no other test submits in Lozère: these numbers are this test's
        var cases = new List<Guid>();
        for (var i = 0; i < 3; i++) cases.Add(Id(await CaseOfAsync(lozere, (await SubmitAsync("48000", "Mende")).SubmissionId)));
        Assert.Equal(HttpStatusCode.OK, (await lozere.PostAsJsonAsync($"/api/review/cases/{cases[0]}/decision", new { decision = "label" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lozere.PostAsJsonAsync($"/api/review/cases/{cases[1]}/decision", new { decision = "refuse", motivation = "Événement payant." })).StatusCode);

        var statistics = await lozere.GetAsync<ReviewStatistics>("/api/review/statistics");
        var region = Assert.Single(statistics.Regions);
        Assert.Equal(("76", 3, 1, 1, 1, 0), (region.Region, region.Received, region.Labelled, region.Refused, region.Pending, region.Overdue));
        Assert.NotNull(region.MedianHoursToDecision);
        Assert.True(region.P90HoursToDecision >= region.MedianHoursToDecision);
        var queue = Assert.Single(statistics.Queues);
        Assert.Equal(("48", 3, 2), (queue.Departement, queue.Received, queue.Decided));
        var sector = Assert.Single(statistics.Sectors);
        Assert.Equal(("aeronautique", 3, 1), (sector.Sector, sector.Received, sector.Labelled));

        using var elsewhere = await Reviewer("direccte-corse", "94");
        Assert.DoesNotContain((await elsewhere.GetAsync<ReviewStatistics>("/api/review/statistics")).Regions, r => r.Region == "76");
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "u", OrganisationId: "org-curious"));
        Assert.Equal(HttpStatusCode.Forbidden, (await organiser.GetAsync("/api/review/statistics")).StatusCode);
    }

    [Fact]
    public async Task A_committees_motivation_templates_are_shared_in_its_region_only()
    {
        using var gers = await Reviewer("copil-32-templates", "76", "32");
        var title = "Payant " + Guid.NewGuid().ToString("N")[..6];
        var created = await gers.PostAsJsonAsync("/api/review/motivations", new { title, text = "L'événement doit être gratuit pour le public." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var template = await created.ReadAsync<MotivationTemplateView>();
        Assert.Equal("76", template.Region);

        using var occitanie = await Reviewer("direccte-occitanie-templates", "76");
        Assert.Contains(await occitanie.GetAsync<MotivationTemplateView[]>("/api/review/motivations"), t => t.Id == template.Id);
        using var aquitaine = await Reviewer("direccte-na-templates", "75");
        Assert.DoesNotContain(await aquitaine.GetAsync<MotivationTemplateView[]>("/api/review/motivations"), t => t.Id == template.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await aquitaine.DeleteAsync($"/api/review/motivations/{template.Id}")).StatusCode);

        foreach (var (body, field) in new (object, string)[]
        {
            (new { title = "", text = "Gratuit." }, "title"),
            (new { title = "Trop long", text = new string('x', 2001) }, "text"),
            (new { title = "Contrôle", text = "x\u0000y" }, "text"),
        })
        {
            var bad = await gers.PostAsJsonAsync("/api/review/motivations", body);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        using var admin = await platform.ClientAsync(Admin);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/review/motivations")).StatusCode); // an admin names the région
        Assert.Contains(await admin.GetAsync<MotivationTemplateView[]>("/api/review/motivations?region=76"), t => t.Id == template.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await occitanie.DeleteAsync($"/api/review/motivations/{template.Id}")).StatusCode);
        Assert.DoesNotContain(await gers.GetAsync<MotivationTemplateView[]>("/api/review/motivations"), t => t.Id == template.Id);
    }
}
