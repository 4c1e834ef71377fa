using System.Net;
using System.Net.Http.Json;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Submissions;

/// <summary>
/// Drafts through the API (what an integration does): saved with anything missing, listed with what is missing, private
/// to the organisation, checked only when submitted — then the demand is created and the draft gone, or refused with the
/// fields at fault and the draft kept.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DraftsApiTests(Platform platform)
{
    [Fact]
    public async Task A_draft_is_kept_with_what_it_misses_private_to_its_organisation_and_becomes_a_demand_only_when_complete()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "drafting", OrganisationId: "org-drafts-" + run));
        using var stranger = await platform.ClientAsync(new DevTokenRequest("organiser", "stranger", OrganisationId: "org-strangers-" + run));

        var created = await organiser.PostAsJsonAsync("/api/drafts", new { title = "Portes ouvertes " + run });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await created.ReadAsync<DraftView>();
        Assert.Equal($"/api/drafts/{draft.Id}", created.Headers.Location!.OriginalString);
        Assert.Contains("description", draft.Missing.Keys);
        Assert.Contains("startsAt", draft.Missing.Keys);
        Assert.DoesNotContain("title", draft.Missing.Keys);
        var listed = Assert.Single(await organiser.GetAsync<List<DraftSummary>>("/api/drafts"));
        Assert.Equal(("Portes ouvertes " + run, draft.Id), (listed.Title, listed.Id));
        Assert.Contains("venue", listed.Missing);

        // Another organisation: no such draft, whatever it tries.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/drafts/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutAsJsonAsync($"/api/drafts/{draft.Id}", new { title = "Pris" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/drafts/{draft.Id}/submission", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/drafts/{draft.Id}")).StatusCode);
        Assert.Empty(await stranger.GetAsync<List<DraftSummary>>("/api/drafts"));

        // Submitted incomplete: the fields at fault, the draft kept.
        var incomplete = await organiser.PostAsync($"/api/drafts/{draft.Id}/submission", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        Assert.Contains("\"description\"", await incomplete.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"/api/drafts/{draft.Id}")).StatusCode);

        // Completed, then submitted: a demand, and the draft gone.
        var completed = await organiser.PutAsJsonAsync($"/api/drafts/{draft.Id}", Samples.Submission("Portes ouvertes " + run));
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Empty((await completed.ReadAsync<DraftView>()).Missing);
        var submitted = await organiser.PostAsync($"/api/drafts/{draft.Id}/submission", null);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var demand = await submitted.ReadAsync<SubmissionView>();
        Assert.Equal(SubmissionStatus.Submitted, demand.Status);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"/api/submissions/{demand.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"/api/drafts/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.PostAsync($"/api/drafts/{draft.Id}/submission", null)).StatusCode); // not twice
        await platform.CaseOfAsync(demand.Id); // reviewed like any demand

        // Deleted: gone.
        var other = await (await organiser.PostAsJsonAsync("/api/drafts", new { title = "À jeter " + run })).ReadAsync<DraftView>();
        Assert.Equal(HttpStatusCode.NoContent, (await organiser.DeleteAsync($"/api/drafts/{other.Id}")).StatusCode);
        Assert.Empty(await organiser.GetAsync<List<DraftSummary>>("/api/drafts"));
    }

    /// <summary>
    /// A page saves its draft every few seconds and again when it is sent: two saves of one draft may meet. Both are the
    /// whole form as typed, so the later one is kept; neither is told the draft does not exist (it does).
    /// </summary>
    [Fact]
    public async Task Saves_of_one_draft_at_the_same_moment_all_succeed_and_the_last_one_is_kept()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "typing", OrganisationId: "org-typing-" + run));
        var draft = await (await organiser.PostAsJsonAsync("/api/drafts", new { title = "Ateliers " + run })).ReadAsync<DraftView>();

        for (var round = 0; round < 5; round++)
        {
            var saves = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                organiser.PutAsJsonAsync($"/api/drafts/{draft.Id}", new { title = $"Ateliers {run} {round}-{i}" })));
            Assert.All(saves, save => Assert.Equal(HttpStatusCode.OK, save.StatusCode));
        }
        var kept = await organiser.GetAsync<DraftView>($"/api/drafts/{draft.Id}");
        Assert.StartsWith($"Ateliers {run} 4-", kept.Submission.Title);
    }
}
