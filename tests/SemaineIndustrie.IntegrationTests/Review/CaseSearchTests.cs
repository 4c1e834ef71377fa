using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SemaineIndustrie.Contracts.Review;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Review;

/// <summary>Finding cases by words (accents and case ignored, every word required, within the reviewer's scope) and keeping named views.</summary>
[Collection(PlatformCollection.Name)]
public sealed class CaseSearchTests(Platform platform)
{
    [Fact]
    public async Task Words_of_the_commune_organiser_title_or_number_find_a_case_accents_ignored_and_only_in_scope()
    {
        var word = "Cuves" + Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "search", OrganisationId: "org-search-" + word));
        var request = Samples.Submission($"Chaudronnerie ouverte {word}");
        request["venue"] = new JsonObject { ["name"] = "Chai de la Ténarèze", ["street"] = "2 route de Condom", ["postalCode"] = "32800", ["commune"] = "Éauze" };
        request["organisingBody"] = new JsonObject { ["name"] = "Tonnellerie Armagnacaise", ["kind"] = "company" };
        var created = await organiser.PostAsJsonAsync("/api/submissions", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var caseId = await platform.CaseOfAsync((await created.ReadAsync<SubmissionView>()).Id);

        using var gers = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-32-search", Region: "76", Departements: ["32"]));
        async Task<bool> FoundAsync(HttpClient reviewer, string q) =>
            (await reviewer.GetAsync<CasePage>($"/api/review/cases?status=pending&limit=200&q={Uri.EscapeDataString(q)}")).Items.Any(c => c.Id == caseId);

        Assert.True(await FoundAsync(gers, $"eauze {word}"));             // the commune without its accent
        Assert.True(await FoundAsync(gers, $"ÉAUZE {word.ToUpperInvariant()}"));
        Assert.True(await FoundAsync(gers, $"tenareze {word}"));          // the venue, its accents left out
        Assert.True(await FoundAsync(gers, $"armagnacaise {word}"));      // the organiser
        Assert.True(await FoundAsync(gers, $"chaudron {word}"));          // part of a word of the title
        Assert.True(await FoundAsync(gers, caseId.ToString("N")[..8]));  // the case number
        Assert.False(await FoundAsync(gers, $"auch {word}"));             // every word must appear
        using var nord = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-59-search", Region: "32", Departements: ["59"]));
        Assert.False(await FoundAsync(nord, word));

        var tooLong = await gers.GetAsync("/api/review/cases?q=" + new string('a', 201));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await tooLong.ReadAsync<HttpValidationProblemDetails>()).Errors.ContainsKey("q"));
    }

    [Fact]
    public async Task A_reviewer_saves_views_by_name_replaces_one_by_its_name_and_sees_only_their_own()
    {
        using var me = await platform.ClientAsync(new DevTokenRequest("reviewer", "views-" + Guid.NewGuid().ToString("N")[..6], Region: "76", Departements: ["32"]));
        using var colleague = await platform.ClientAsync(new DevTokenRequest("reviewer", "views-colleague", Region: "76", Departements: ["32"]));
        Assert.Equal(HttpStatusCode.OK, (await me.PostAsJsonAsync("/api/review/views", new SavedViewRequest("Gers en retard", "departement=32&statut=overdue"))).StatusCode);
        var replaced = await me.PostAsJsonAsync("/api/review/views", new SavedViewRequest("Gers en retard", "?departement=32&statut=overdue&q=eauze"));
        var view = await replaced.ReadAsync<SavedViewView>();
        Assert.Equal("departement=32&statut=overdue&q=eauze", view.Query);
        Assert.Equal(view.Id, Assert.Single(await me.GetAsync<List<SavedViewView>>("/api/review/views")).Id);
        Assert.DoesNotContain(await colleague.GetAsync<List<SavedViewView>>("/api/review/views"), v => v.Id == view.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.DeleteAsync($"/api/review/views/{view.Id}")).StatusCode);

        var unknown = await me.PostAsJsonAsync("/api/review/views", new SavedViewRequest("Autre", "statut=pending&cursor=x"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.True((await unknown.ReadAsync<HttpValidationProblemDetails>()).Errors.ContainsKey("query"));
        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync($"/api/review/views/{view.Id}")).StatusCode);
        Assert.Empty(await me.GetAsync<List<SavedViewView>>("/api/review/views"));
    }
}
