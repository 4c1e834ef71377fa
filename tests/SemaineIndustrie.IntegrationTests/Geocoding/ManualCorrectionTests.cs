using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Geocoding.Corrections;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.Submission.Submissions;
using SemaineIndustrie.ServiceDefaults.Auth;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Geocoding;

/// <summary>A reviewer places a venue by hand: through the gateway, to the review case and the public map.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ManualCorrectionTests(Platform platform)
{
    private static async Task<LocationView> LocationAsync(HttpClient reviewer, Guid submissionId, Func<LocationView, bool> until, string what) =>
        (await Eventually.Until(async () =>
        {
            var response = await reviewer.GetAsync($"/api/geocoding/venues/{submissionId}");
            return response.IsSuccessStatusCode ? await response.ReadAsync<LocationView>() : null;
        }, l => l is not null && until(l), what))!;

    private static async Task<HttpResponseMessage> CorrectAsync(HttpClient client, Guid submissionId, double latitude, double longitude) =>
        await client.PutAsJsonAsync($"/api/geocoding/venues/{submissionId}/location", new { latitude, longitude });

    [Fact]
    public async Task A_correction_in_scope_moves_the_pin_and_holds_until_the_address_changes()
    {
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "u", OrganisationId: "org-pin"));
        using var gers = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-32", Region: "76", Departements: ["32"]));
        using var corsica = await platform.ClientAsync(new DevTokenRequest("reviewer", "direccte-corse", Region: "94"));
        using var visitor = await platform.ClientAsync();
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission("Portes ouvertes de la tonnellerie"));
        var submissionId = (await created.ReadAsync<SubmissionView>()).Id;

        var automatic = await LocationAsync(gers, submissionId, l => l.Precision == LocationPrecision.Municipality, "the automatic location");
        Assert.Equal("gazetteer:g", automatic.Source);

        Assert.Equal(HttpStatusCode.NotFound, (await CorrectAsync(corsica, submissionId, 43.6501, 0.5712)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await CorrectAsync(organiser, submissionId, 43.6501, 0.5712)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CorrectAsync(visitor, submissionId, 43.6501, 0.5712)).StatusCode);
        var toulouse = await CorrectAsync(gers, submissionId, 43.6045, 1.4440); // Haute-Garonne, not the Gers
        Assert.Equal(HttpStatusCode.UnprocessableEntity, toulouse.StatusCode);
        Assert.True((await toulouse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("location", out _));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await CorrectAsync(gers, submissionId, 95, 0)).StatusCode);

        var corrected = await CorrectAsync(gers, submissionId, 43.6501, 0.5712);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var view = await corrected.ReadAsync<LocationView>();
        Assert.Equal((LocationPrecision.Manual, "copil-32"), (view.Precision, view.CorrectedBy));

        // The review case shows it, and once labelled the map has the corrected pin.
        var reviewCase = (await Eventually.Until(async () => (await gers.CaseSummariesAsync()).FirstOrDefault(c => c.SubmissionId == submissionId),
            c => c?.Location == LocationStatus.Corrected, "the case showing the correction"))!;
        Assert.Equal(HttpStatusCode.OK, (await gers.PostAsJsonAsync($"/api/review/cases/{reviewCase.Id}/decision", new { decision = "label" })).StatusCode);
        var pin = await Eventually.Until(async () => await visitor.GetAsync($"/api/catalogue/events/{submissionId}"), r => r.IsSuccessStatusCode, "published");
        var location = (await pin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("location");
        Assert.Equal((43.6501, 0.5712), (location.GetProperty("latitude").GetDouble(), location.GetProperty("longitude").GetDouble()));

        // A revision that keeps the address keeps the manual position…
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/submissions/{submissionId}") { Content = JsonContent.Create(Samples.Submission("Portes ouvertes de la tonnellerie (horaires)")) })
        {
            put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            Assert.Equal(HttpStatusCode.OK, (await organiser.SendAsync(put)).StatusCode);
        }
        var kept = await LocationAsync(gers, submissionId, l => l.SubmissionVersion == 2, "version 2 located");
        Assert.Equal((LocationPrecision.Manual, 43.6501), (kept.Precision, kept.Latitude));

        // …a new address is geocoded again.
        var moved = Samples.Submission("Portes ouvertes de la tonnellerie (nouveau site)");
        moved["venue"] = new JsonObject { ["name"] = "Nouveau site", ["street"] = "3 avenue de la Marne", ["postalCode"] = "32000", ["commune"] = "Auch" };
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/submissions/{submissionId}") { Content = JsonContent.Create(moved) })
        {
            put.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
            Assert.Equal(HttpStatusCode.OK, (await organiser.SendAsync(put)).StatusCode);
        }
        var again = await LocationAsync(gers, submissionId, l => l.SubmissionVersion == 3, "version 3 located");
        Assert.Equal(LocationPrecision.Municipality, again.Precision);
        Assert.Null(again.CorrectedBy);
    }
}
