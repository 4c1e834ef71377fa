using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.ServiceDefaults.Auth;
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
        return (organiser, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private static async Task<JsonElement> CaseOfAsync(HttpClient reviewer, Guid submissionId, Func<JsonElement, bool>? until = null) =>
        await Eventually.Until(async () => (await reviewer.CasesAsync()).FirstOrDefault(c => c.GetProperty("submissionId").GetGuid() == submissionId),
            c => c.ValueKind == JsonValueKind.Object && (until?.Invoke(c) ?? true), $"the case of {submissionId}");

    private static Guid Id(JsonElement reviewCase) => reviewCase.GetProperty("id").GetGuid();

    [Theory]
    [InlineData("32000", "Auch", "76", "32")]
    [InlineData("20000", "Ajaccio", "94", "2A")]
    [InlineData("97400", "Saint-Denis", "04", "974")]
    public async Task A_submission_lands_in_the_queue_of_its_region_and_departement(string postal, string commune, string region, string departement)
    {
        var (_, submissionId) = await SubmitAsync(postal, commune);
        using var committee = await Reviewer("copil-" + departement, region, departement);
        var reviewCase = await CaseOfAsync(committee, submissionId);
        Assert.Equal((region, departement), (reviewCase.GetProperty("region").GetString(), reviewCase.GetProperty("departement").GetString()));

        using var elsewhere = await Reviewer("elsewhere", region == "76" ? "94" : "76");
        Assert.DoesNotContain(await elsewhere.CasesAsync(), c => c.GetProperty("submissionId").GetGuid() == submissionId);
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

        Assert.DoesNotContain(await gers.CasesAsync(), c => Id(c) == toulouseCase);            // committee: its département only
        Assert.Contains(await occitanie.CasesAsync(), c => Id(c) == gersCase);                 // région: all its départements
        Assert.Contains(await admin.CasesAsync(), c => Id(c) == toulouseCase);                 // admin: everything
        Assert.Empty(await noRegion.CasesAsync());

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
        Assert.Equal("pending", (await gers.GetFromJsonAsync<JsonElement>($"/api/review/cases/{gersCase}")).GetProperty("status").GetString());
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
        var view = await decided.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("labelled", view.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("claim").ValueKind);
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
        await Eventually.Until(async () => (await organiser.GetFromJsonAsync<JsonElement>($"/api/submissions/{submissionId}")).GetProperty("status").GetString(),
            s => s == "changesRequested", "organiser sees changes requested");
        Assert.Equal(HttpStatusCode.Conflict, await Decide(new { decision = "label" }));                         // waiting for the organiser
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/submissions/{submissionId}") { Content = JsonContent.Create(Samples.Submission("Visite d'usine, accueil à 9 h")) })
        {
            put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            Assert.Equal(HttpStatusCode.OK, (await organiser.SendAsync(put)).StatusCode);
        }
        var reopened = await CaseOfAsync(gers, submissionId, c => c.GetProperty("submissionVersion").GetInt32() == 2);
        Assert.Equal("pending", reopened.GetProperty("status").GetString());

        // refuse → motivated → the organiser sees the motivation
        Assert.Equal(HttpStatusCode.OK, await Decide(new { decision = "refuse", motivation = "Événement payant.", version = 2 }));
        var refused = await Eventually.Until(async () => await organiser.GetFromJsonAsync<JsonElement>($"/api/submissions/{submissionId}"),
            s => s.GetProperty("status").GetString() == "refused", "organiser sees the refusal");
        Assert.Equal("Événement payant.", refused.GetProperty("reviewerMessage").GetString());
        Assert.Equal(HttpStatusCode.Conflict, await Decide(new { decision = "label" }));                         // already decided

        // a withdrawal closes the case for good
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsync($"/api/submissions/{submissionId}/withdraw", null)).StatusCode);
        await CaseOfAsync(gers, submissionId, c => c.GetProperty("status").GetString() == "withdrawn");

        var audit = (await gers.GetFromJsonAsync<JsonElement[]>($"/api/review/cases/{caseId}/audit"))!;
        Assert.Equal(["opened", "changes-requested", "reopened", "refused", "withdrawn"], audit.Select(a => a.GetProperty("action").GetString()));
        Assert.Equal([1, 1, 2, 2, 2], audit.Select(a => a.GetProperty("submissionVersion").GetInt32()));
        Assert.Equal("copil-32", audit[1].GetProperty("actor").GetString());
        Assert.Equal("system", audit[0].GetProperty("actor").GetString());
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
        var results = (await response.Content.ReadFromJsonAsync<JsonElement[]>())!.ToDictionary(r => r.GetProperty("caseId").GetGuid());
        Assert.Equal(200, results[caseA].GetProperty("status").GetInt32());
        Assert.Equal("labelled", results[caseA].GetProperty("outcome").GetString());
        Assert.Equal(422, results[caseB].GetProperty("status").GetInt32());
        Assert.Equal(404, results[unknown].GetProperty("status").GetInt32());
        Assert.Equal("pending", (await occitanie.GetFromJsonAsync<JsonElement>($"/api/review/cases/{caseB}")).GetProperty("status").GetString());

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
        var firstCase = Id(await CaseOfAsync(gers, first, c => c.GetProperty("location").GetString() == "located"));
        var secondCase = Id(await CaseOfAsync(gers, second, c => c.GetProperty("possibleDuplicate").GetBoolean()));
        var otherCase = Id(await CaseOfAsync(gers, other));

        var detail = await gers.GetFromJsonAsync<JsonElement>($"/api/review/cases/{firstCase}");
        var checks = detail.GetProperty("preChecks").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("outcome").GetString());
        Assert.Equal("pass", checks["free-of-charge"]);
        Assert.Equal("pass", checks["within-edition"]);
        Assert.Equal("pass", checks["open-to-public"]);
        Assert.Equal("pass", checks["about-industry"]);
        Assert.Equal("pass", checks["venue-located"]);
        Assert.Equal("fail", checks["likely-duplicate"]); // flagged though the similar case came later
        var secondChecks = (await gers.GetFromJsonAsync<JsonElement>($"/api/review/cases/{secondCase}")).GetProperty("preChecks").EnumerateArray();
        Assert.Equal("fail", secondChecks.Single(c => c.GetProperty("code").GetString() == "likely-duplicate").GetProperty("outcome").GetString());
        var otherChecks = (await gers.GetFromJsonAsync<JsonElement>($"/api/review/cases/{otherCase}")).GetProperty("preChecks").EnumerateArray();
        Assert.Equal("pass", otherChecks.Single(c => c.GetProperty("code").GetString() == "likely-duplicate").GetProperty("outcome").GetString());
        Assert.Contains(secondCase, detail.GetProperty("possibleDuplicates").EnumerateArray().Select(d => d.GetGuid()));
        Assert.DoesNotContain(otherCase, detail.GetProperty("possibleDuplicates").EnumerateArray().Select(d => d.GetGuid()));
        Assert.Equal("Visite des ateliers de maintenance et rencontre avec les apprentis.", detail.GetProperty("event").GetProperty("description").GetString());

        var note = await gers.PostAsJsonAsync($"/api/review/cases/{firstCase}/notes", new { text = "Appeler l'organisateur pour l'accueil PMR." });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await gers.PostAsJsonAsync($"/api/review/cases/{firstCase}/notes", new { text = " " })).StatusCode);
        var notes = (await gers.GetFromJsonAsync<JsonElement>($"/api/review/cases/{firstCase}")).GetProperty("notes");
        Assert.Equal("copil-32", notes[0].GetProperty("author").GetString());
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
        var sample = (await committee.GetFromJsonAsync<JsonElement>($"/api/review/cases/{Id(await CaseOfAsync(committee, waiting))}")).GetProperty("event");
        var details = sample.Deserialize<EventDetails>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        await platform.PublishAsync(new SubmissionReceived(late, 1, "org-late", details, DateTimeOffset.Parse("2018-02-01T10:00:00+01:00")));

        await CaseOfAsync(committee, late);
        Assert.Equal(HttpStatusCode.OK, (await committee.PostAsJsonAsync($"/api/review/cases/{Id(await CaseOfAsync(committee, toDecide))}/decision", new { decision = "label" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await committee.PostAsync($"/api/review/cases/{Id(await CaseOfAsync(committee, toClaim))}/claim", null)).StatusCode);

        var queue = (await committee.GetFromJsonAsync<JsonElement[]>("/api/review/queues"))!.Single();
        Assert.Equal(("27", "70"), (queue.GetProperty("region").GetString(), queue.GetProperty("departement").GetString()));
        Assert.Equal(4, queue.GetProperty("received").GetInt32());
        Assert.Equal(2, queue.GetProperty("pending").GetInt32());
        Assert.Equal(1, queue.GetProperty("claimed").GetInt32());
        Assert.Equal(1, queue.GetProperty("decided").GetInt32());
        Assert.Equal(1, queue.GetProperty("overdue").GetInt32());
        Assert.True(queue.GetProperty("medianHoursToDecision").GetDouble() >= 0);

        var overdue = await committee.CasesAsync("overdue=true");
        Assert.Equal([late], overdue.Select(c => c.GetProperty("submissionId").GetGuid()));
        Assert.True(overdue[0].GetProperty("overdue").GetBoolean());
        Assert.Equal(2, (await committee.CasesAsync("status=unclaimed")).Length);
        Assert.Single(await committee.CasesAsync("status=claimed"));
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
            var page = await committee.GetFromJsonAsync<JsonElement>("/api/review/cases?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("submissionId").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(ids, seen.Where(ids.Contains));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }
}
