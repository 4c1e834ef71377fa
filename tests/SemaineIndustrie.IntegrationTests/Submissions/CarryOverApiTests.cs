using System.Net;
using System.Net.Http.Json;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Submissions;

/// <summary>
/// GET /api/submissions/{id}/carry-over ("Reconduire"): a demand as the request of a new demand for the first later edition
/// open now — refused with the field at fault when there is none, or when it names the demand's own edition; another
/// organisation's demand is not found. Nothing is stored until the organiser posts the request.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CarryOverApiTests(Platform platform)
{
    private const int Year = 2047;

    [Fact]
    public async Task A_demand_is_carried_over_into_the_first_later_edition_open_now_and_nowhere_else()
    {
        var organisation = "org-carry-" + Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "carry", OrganisationId: organisation));
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission("Portes ouvertes à reconduire"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<SubmissionView>()).Id;

        // Into an edition whose window is not open (2019 opens on 1 October 2018): a clear refusal on "edition".
        var closed = await organiser.GetAsync($"/api/submissions/{id}/carry-over?edition=2019");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, closed.StatusCode);
        Assert.Contains("The 2019 edition does not accept submissions now", await closed.Content.ReadAsStringAsync());

        using (var dge = await platform.ClientAsync(new DevTokenRequest(Email: SemaineIndustrie.Identity.Development.DevelopmentAccounts.NationalAdmin)))
        {
            var edition = new EditionRequest(Year, 37, $"Semaine de l'Industrie {Year}", "L'industrie du futur", new DateOnly(Year, 3, 18), new DateOnly(Year, 3, 24),
                new DateTimeOffset(2018, 2, 1, 0, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(Year, 3, 1, 23, 59, 0, TimeSpan.FromHours(1)),
                [new CodeLabel("aeronautique", "Aéronautique et spatial")], [new Audience("jeunes", "Jeunes", true)], [new FocusTag("mixite", "Mixité dans l'industrie")]);
            var opened = await dge.PostAsJsonAsync("/api/editions", edition);
            Assert.True(opened.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, opened.StatusCode.ToString()); // once per platform
            Assert.Equal(HttpStatusCode.OK, (await dge.PostAsync($"/api/editions/{Year}/publication", null)).StatusCode);
        }
        Assert.Contains(await organiser.GetAsync<List<Edition>>("/api/editions/open"), e => e.Year == Year);

        var carried = await organiser.GetAsync<CarryOverView>($"/api/submissions/{id}/carry-over"); // the first later edition open (other tests open later ones)
        Assert.Equal((id, 2018, Year), (carried.From, carried.FromEdition, carried.ToEdition));
        Assert.Equal(($"{Year}-03-19T09:00", $"{Year}-03-19T12:00"), (carried.Submission.StartsAt, carried.Submission.EndsAt)); // Tuesday → Tuesday
        Assert.Equal(["demandeurs-emploi"], carried.DroppedAudiences);
        Assert.Equal(["jeunes"], carried.Submission.Audiences);

        // Posted as it is (with the edition's focus), it is a new demand of the new edition.
        var posted = await organiser.PostAsJsonAsync("/api/submissions", carried.Submission with { FocusTags = ["mixite"] }, ApiJson.Options);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var view = await posted.ReadAsync<SubmissionView>();
        Assert.NotEqual(id, view.Id);
        Assert.Equal(Year, view.Event.Edition.Year);
        Assert.Equal(["mixite"], view.Event.FocusTags!);
        var unknownFocus = await organiser.PostAsJsonAsync("/api/submissions", carried.Submission with { FocusTags = ["inconnue"] }, ApiJson.Options);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownFocus.StatusCode);
        Assert.Contains("\"focusTags\"", await unknownFocus.Content.ReadAsStringAsync());

        // Into its own edition: refused; another organisation's demand: not found.
        var same = await organiser.GetAsync($"/api/submissions/{view.Id}/carry-over?edition={Year}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, same.StatusCode);
        Assert.Contains("duplicate it instead", await same.Content.ReadAsStringAsync());
        using var stranger = await platform.ClientAsync(new DevTokenRequest("organiser", "stranger", OrganisationId: "org-stranger-" + Guid.NewGuid().ToString("N")[..6]));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/submissions/{id}/carry-over")).StatusCode);
    }
}
