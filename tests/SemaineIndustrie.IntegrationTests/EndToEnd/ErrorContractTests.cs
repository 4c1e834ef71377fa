using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.ServiceDefaults.Auth;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.EndToEnd;

/// <summary>Bad input gets RFC 9457 problem+json naming the field at fault, never a 500, and stores nothing.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ErrorContractTests(Platform platform)
{
    private static readonly DevTokenRequest Organiser = new("organiser", "bob", OrganisationId: "org-errors");

    [Theory]
    [InlineData("{\"title\": \"x\",", "body")]
    [InlineData("{\"title\": 12}", "title")]
    [InlineData("{\"freeOfCharge\": \"perhaps\"}", "freeOfCharge")]
    [InlineData("{\"venue\": {\"postalCode\": 32000}}", "venue.postalCode")]
    public async Task An_unreadable_body_is_a_400_problem_naming_the_field(string body, string field)
    {
        using var organiser = await platform.ClientAsync(Organiser);
        var response = await organiser.PostAsync("/api/submissions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task An_invalid_submission_is_a_422_listing_every_field_at_fault_and_nothing_is_stored()
    {
        using var organiser = await platform.ClientAsync(Organiser with { OrganisationId = "org-invalid" });
        var response = await organiser.PostAsJsonAsync("/api/submissions", new
        {
            title = "",
            startsAt = "2018-03-27T12:00",
            endsAt = "2018-03-27T09:00",
            venue = new { name = "Atelier", street = "1 rue", postalCode = "3200", commune = "Nulle part" },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "title", "description", "eventType", "endsAt", "venue.postalCode", "sectors", "audiences", "freeOfCharge", "registration", "organisingBody", "privateContact" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"errors should name '{field}': {errors}");
        }
        Assert.Equal(0, (await organiser.GetFromJsonAsync<JsonElement>("/api/submissions")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Missing_or_wrong_credentials_and_unknown_routes_are_problems_not_500s()
    {
        using var anonymous = await platform.ClientAsync();
        using var reviewer = await platform.ClientAsync(new DevTokenRequest("reviewer", Region: "76"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/submissions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/api/submissions")).StatusCode);
        var notFound = await anonymous.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("application/problem+json", notFound.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_organiser_cannot_read_another_organisers_submission()
    {
        using var alice = await platform.ClientAsync(new DevTokenRequest("organiser", "alice", OrganisationId: "org-a"));
        using var mallory = await platform.ClientAsync(new DevTokenRequest("organiser", "mallory", OrganisationId: "org-b"));
        var created = await alice.PostAsJsonAsync("/api/submissions", Samples.Submission());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/submissions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mallory.GetAsync($"/api/submissions/{id}")).StatusCode);
        Assert.DoesNotContain((await mallory.GetFromJsonAsync<JsonElement>("/api/submissions")).GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task A_reviewer_outside_the_cases_scope_neither_sees_nor_decides_it()
    {
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "carol", OrganisationId: "org-scope"));
        using var gers = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-32", Region: "76", Departements: ["32"]));
        using var hauteGaronne = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-31", Region: "76", Departements: ["31"]));
        using var corsica = await platform.ClientAsync(new DevTokenRequest("reviewer", "direccte-corse", Region: "94"));
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission());
        var submissionId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var reviewCase = await Eventually.Until(
            async () => (await gers.CasesAsync()).FirstOrDefault(c => c.GetProperty("submissionId").GetGuid() == submissionId),
            c => c.ValueKind == JsonValueKind.Object, "the case in the Gers queue");
        var caseId = reviewCase.GetProperty("id").GetGuid();

        foreach (var outsider in new[] { hauteGaronne, corsica })
        {
            Assert.DoesNotContain((await outsider.CasesAsync()), c => c.GetProperty("id").GetGuid() == caseId);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/review/cases/{caseId}")).StatusCode);
            var decision = await outsider.PostAsJsonAsync($"/api/review/cases/{caseId}/decision", new { decision = "label" });
            Assert.Equal(HttpStatusCode.NotFound, decision.StatusCode);
        }
        Assert.Equal("pending", (await gers.GetFromJsonAsync<JsonElement>($"/api/review/cases/{caseId}")).GetProperty("status").GetString());
    }
}
