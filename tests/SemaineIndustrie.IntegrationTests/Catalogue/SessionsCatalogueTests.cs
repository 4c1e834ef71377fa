using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Catalogue;

/// <summary>
/// An event of three sessions (Tuesday, Thursday, Saturday), labelled through the real chain: one marker on the map, three
/// VEVENTs with stable UIDs in the iCalendar file, three sub-events in its JSON-LD, and the date filters find it by any of
/// its sessions' days — not by a day between them.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SessionsCatalogueTests(Platform platform)
{
    [Fact]
    public async Task An_event_of_three_sessions_is_one_marker_three_calendar_entries_and_found_by_any_of_its_days_only()
    {
        var word = "Seances" + Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "sessions", OrganisationId: "org-sessions-" + word));
        var request = Samples.Submission($"Atelier de soudure {word}");
        request.Remove("startsAt");
        request.Remove("endsAt");
        request["sessions"] = new JsonArray(
            new JsonObject { ["startsAt"] = "2018-03-27T09:00", ["endsAt"] = "2018-03-27T12:00" },
            new JsonObject { ["startsAt"] = "2018-03-29T14:00", ["endsAt"] = "2018-03-29T17:00", ["capacity"] = 12, ["registrationUrl"] = "https://example.org/jeudi" },
            new JsonObject { ["startsAt"] = "2018-03-31T10:00", ["endsAt"] = "2018-03-31T12:00" });
        var created = await organiser.PostAsJsonAsync("/api/submissions", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<SubmissionView>()).Id;
        using var gers = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-32-sessions", Region: "76", Departements: ["32"]));
        Assert.Equal(HttpStatusCode.OK, (await gers.PostAsJsonAsync($"/api/review/cases/{await platform.CaseOfAsync(id)}/decision", new { decision = "label" })).StatusCode);
        using var anonymous = await platform.ClientAsync();
        var shown = await Eventually.Until(async () =>
        {
            var answer = await anonymous.GetAsync($"/api/catalogue/events/{id}");
            return answer.StatusCode == HttpStatusCode.OK ? await answer.ReadAsync<PublicEvent>() : null;
        }, e => e is not null, "the event of three sessions in the catalogue");
        Assert.Equal(3, shown!.Sessions!.Count);

        var calendar = await anonymous.GetStringAsync($"/api/catalogue/events.ics?q={word}");
        Assert.Equal(3, calendar.Split("BEGIN:VEVENT").Length - 1);
        foreach (var n in new[] { 1, 2, 3 }) Assert.Contains($"UID:{id}-{n}@semaine-industrie.gouv.fr", calendar);
        Assert.Contains("DTSTART;TZID=Europe/Paris:20180329T140000", calendar);
        Assert.Contains("URL:https://example.org/jeudi", calendar);

        var map = JsonNode.Parse(await anonymous.GetStringAsync($"/api/catalogue/events.geojson?q={word}"))!;
        var feature = Assert.Single(map["features"]!.AsArray());
        Assert.Equal(3, feature!["properties"]!["sessions"]!.GetValue<int>());

        var jsonLd = JsonNode.Parse(await anonymous.GetStringAsync($"/api/catalogue/events/{id}.jsonld"))!;
        Assert.Equal(3, jsonLd["subEvent"]!.AsArray().Count);
        Assert.Equal(12, jsonLd["subEvent"]![1]!["maximumAttendeeCapacity"]!.GetValue<int>());

        // The event's page lists the sessions, with their own capacity and registration link.
        var html = await anonymous.GetStringAsync($"/evenements/{id}");
        Assert.Contains("id=\"seances\"", html);
        Assert.Contains("https://example.org/jeudi", html);
        Assert.Contains("12 places", html);

        async Task<bool> FoundOnAsync(string day) =>
            (await anonymous.GetAsync<EventPage>($"/api/catalogue/events?q={word}&from={day}&to={day}")).Items.Any(e => e.Id == id);
        Assert.True(await FoundOnAsync("2018-03-29"));  // its second session only
        Assert.False(await FoundOnAsync("2018-03-28")); // between two sessions
        Assert.True(await FoundOnAsync("2018-03-31"));
    }
}
