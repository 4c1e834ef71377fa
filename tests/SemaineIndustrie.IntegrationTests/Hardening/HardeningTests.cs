using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Geocoding;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.LabellingReview;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.Submission;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Hardening;

/// <summary>The defects found by probing the platform as a hostile user would, each pinned by a test through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class HardeningTests(Platform platform)
{
    private static string NewOrg() => "org-hard-" + Guid.NewGuid().ToString("N")[..8];

    private Task<HttpClient> Organiser(string org) => platform.ClientAsync(new DevTokenRequest("organiser", "u-" + org, OrganisationId: org));

    private Task<HttpClient> Reviewer(string subject, string region, params string[] departements) =>
        platform.ClientAsync(new DevTokenRequest("reviewer", subject, Region: region, Departements: departements));

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {body}");
        return problem;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(HttpClient Organiser, Guid SubmissionId)> SubmitAsync(JsonObject? body = null, string? org = null)
    {
        var organiser = await Organiser(org ?? NewOrg());
        var response = await organiser.PostAsJsonAsync("/api/submissions", body ?? Samples.Submission("Visite " + Guid.NewGuid().ToString("N")[..6]));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (organiser, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private static async Task<JsonElement> CaseOfAsync(HttpClient reviewer, Guid submissionId, Func<JsonElement, bool>? until = null) =>
        await Eventually.Until(async () => (await reviewer.CasesAsync()).FirstOrDefault(c => c.GetProperty("submissionId").GetGuid() == submissionId),
            c => c.ValueKind == JsonValueKind.Object && (until?.Invoke(c) ?? true), $"the case of {submissionId}");

    private Task<int> AuditCountAsync(Guid caseId) =>
        platform.QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, ReviewDbContext, int>(db => db.Audit.CountAsync(a => a.CaseId == caseId));

    [Fact]
    public async Task A_bulk_decision_with_an_unacceptable_item_decides_nothing_and_a_null_item_is_a_422()
    {
        using var occitanie = await Reviewer("direccte-bulk", "76");
        var (organiser, first) = await SubmitAsync();
        var (_, second) = await SubmitAsync();
        var firstCase = (await CaseOfAsync(occitanie, first)).GetProperty("id").GetGuid();
        var secondCase = (await CaseOfAsync(occitanie, second)).GetProperty("id").GetGuid();
        var audit = await AuditCountAsync(firstCase);

        var response = await occitanie.PostAsJsonAsync("/api/review/cases/decisions", new
        {
            decisions = new object[]
            {
                new { caseId = firstCase, decision = "request_changes", motivation = "Précisez l'horaire." },
                new { caseId = secondCase, decision = "refuse", motivation = "Payant\u0000" },
            },
        });
        await ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "decisions[1].motivation");
        Assert.Equal("pending", (await occitanie.GetFromJsonAsync<JsonElement>($"/api/review/cases/{firstCase}")).GetProperty("status").GetString());
        Assert.Equal(audit, await AuditCountAsync(firstCase));
        Assert.NotEqual("changesRequested", (await organiser.GetFromJsonAsync<JsonElement>($"/api/submissions/{first}")).GetProperty("status").GetString());

        await ProblemAsync(await occitanie.PostAsync("/api/review/cases/decisions", Json("""{"decisions":[null]}""")), HttpStatusCode.UnprocessableEntity, "decisions[0]");
        await ProblemAsync(await occitanie.PostAsync("/api/review/cases/decisions", Json("""{"decisions":[{"decision":"label"}]}""")), HttpStatusCode.UnprocessableEntity, "decisions[0].caseId");
        await ProblemAsync(await occitanie.PostAsync($"/api/review/cases/{firstCase}/decision", Json("""{"decision":"refuse","motivation":"a\u0000b"}""")),
            HttpStatusCode.UnprocessableEntity, "motivation");
        await ProblemAsync(await occitanie.PostAsync($"/api/review/cases/{firstCase}/notes", Json("""{"text":"note\u0000"}""")), HttpStatusCode.UnprocessableEntity, "text");
        await ProblemAsync(await occitanie.PostAsync($"/api/review/cases/{firstCase}/decision", Json("""{"decision":"label","version":"1"}""")), HttpStatusCode.BadRequest, "version");
        Assert.Equal(audit, await AuditCountAsync(firstCase));
    }

    [Theory]
    [InlineData("endsAt", "0001-01-01T00:00")]
    [InlineData("startsAt", "0001-01-01T00:00")]
    [InlineData("endsAt", "9999-12-31T23:59")]
    [InlineData("startsAt", "0001-01-01T00:00:00+14:00")]
    [InlineData("startsAt", "9999-12-31T23:59:59-12:00")]
    [InlineData("startsAt", "2018-02-30T10:00")]
    public async Task Dates_out_of_range_are_a_422_never_a_500(string field, string value)
    {
        var org = NewOrg();
        using var organiser = await Organiser(org);
        var body = Samples.Submission();
        body[field] = value;
        await ProblemAsync(await organiser.PostAsJsonAsync("/api/submissions", body), HttpStatusCode.UnprocessableEntity, field);
        Assert.Equal(0, await platform.QueryAsync<SemaineIndustrie.Submission.ServiceMarker, SubmissionDbContext, int>(db => db.Submissions.CountAsync(s => s.OrganiserId == org)));
    }

    [Theory]
    [InlineData("2018-03-27T07:00Z", "2018-03-27T09:00:00+02:00")]
    [InlineData("2018-03-27T07:00:00Z", "2018-03-27T09:00:00+02:00")]
    [InlineData("2018-03-27T09:00:00.000+02:00", "2018-03-27T09:00:00+02:00")]
    [InlineData("2018-03-27T09:00", "2018-03-27T09:00:00+02:00")]
    [InlineData("2018-03-27T09:00:00", "2018-03-27T09:00:00+02:00")]
    public async Task Every_iso_8601_form_the_docs_promise_is_accepted(string startsAt, string paris)
    {
        var body = Samples.Submission();
        body["startsAt"] = startsAt;
        var (organiser, id) = await SubmitAsync(body);
        Assert.Equal(paris, (await organiser.GetFromJsonAsync<JsonElement>($"/api/submissions/{id}")).GetProperty("event").GetProperty("startsAt").GetString());
    }

    [Theory]
    [InlineData("https://example.org/a\r\nATTACH:http://evil")]
    [InlineData("https://example.org/a\nATTACH:http://evil")]
    [InlineData("https://example.org/a b")]
    [InlineData("https://example.org/\"onmouseover=\"x")]
    [InlineData("javascript:alert(1)")]
    public async Task A_registration_url_must_be_an_absolute_http_address_without_spaces_quotes_or_controls(string url)
    {
        using var organiser = await Organiser(NewOrg());
        var body = Samples.Submission();
        body["registration"]!["url"] = url;
        await ProblemAsync(await organiser.PostAsJsonAsync("/api/submissions", body), HttpStatusCode.UnprocessableEntity, "registration.url");
    }

    [Theory]
    [InlineData("title", "Portes ouvertes\r\nATTACH:x")]
    [InlineData("title", "Portes\touvertes de l'atelier")]
    [InlineData("description", "Une description\u0007 assez longue pour passer.")]
    public async Task Single_line_fields_refuse_line_breaks_and_every_field_refuses_control_characters(string field, string value)
    {
        using var organiser = await Organiser(NewOrg());
        var body = Samples.Submission();
        body[field] = value;
        await ProblemAsync(await organiser.PostAsJsonAsync("/api/submissions", body), HttpStatusCode.UnprocessableEntity, field);
    }

    [Fact]
    public async Task A_multi_line_description_keeps_its_line_breaks()
    {
        var body = Samples.Submission();
        body["description"] = "Première ligne de la visite.\r\n\tDeuxième ligne, avec une tabulation.";
        var (organiser, id) = await SubmitAsync(body);
        Assert.Equal("Première ligne de la visite.\r\n\tDeuxième ligne, avec une tabulation.",
            (await organiser.GetFromJsonAsync<JsonElement>($"/api/submissions/{id}")).GetProperty("event").GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("""{"capacity":"40"}""", "capacity")]
    [InlineData("""{"freeOfCharge":"true"}""", "freeOfCharge")]
    [InlineData("""{"capacity":1e400}""", "capacity")]
    [InlineData("""{"capacity":2147483648}""", "capacity")]
    public async Task Numbers_and_booleans_sent_as_strings_or_out_of_range_are_a_400_naming_the_field(string patch, string field)
    {
        using var organiser = await Organiser(NewOrg());
        var body = Samples.Submission();
        foreach (var (key, value) in JsonNode.Parse(patch)!.AsObject()) body[key] = value?.DeepClone();
        await ProblemAsync(await organiser.PostAsync("/api/submissions", Json(body.ToJsonString())), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_geocoding_correction_with_coordinates_as_strings_is_a_400()
    {
        using var gers = await Reviewer("copil-32-geo", "76", "32");
        var (_, id) = await SubmitAsync();
        await CaseOfAsync(gers, id, c => c.GetProperty("location").GetString() == "located");
        await ProblemAsync(await gers.PutAsync($"/api/geocoding/venues/{id}/location", Json("""{"latitude":"43.65","longitude":0.58}""")), HttpStatusCode.BadRequest, "latitude");
    }

    [Fact]
    public async Task If_match_is_compared_strongly_and_if_none_match_weakly()
    {
        var (organiser, id) = await SubmitAsync();
        using var weakPut = new HttpRequestMessage(HttpMethod.Put, $"/api/submissions/{id}") { Content = JsonContent.Create(Samples.Submission("Version deux de l'événement")) };
        weakPut.Headers.TryAddWithoutValidation("If-Match", "W/\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await organiser.SendAsync(weakPut)).StatusCode);

        await Eventually.Until(async () =>
        {
            var current = (await organiser.GetAsync($"/api/submissions/{id}")).Headers.ETag!.Tag;
            using var weakGet = new HttpRequestMessage(HttpMethod.Get, $"/api/submissions/{id}");
            weakGet.Headers.TryAddWithoutValidation("If-None-Match", "W/" + current);
            return (await organiser.SendAsync(weakGet)).StatusCode == HttpStatusCode.NotModified; // unless the status moved in between
        }, "a weak If-None-Match answered 304");
        Assert.Equal(1, (await organiser.GetFromJsonAsync<JsonElement>($"/api/submissions/{id}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task An_organiser_token_without_an_organisation_is_refused()
    {
        using var orphan = await platform.ClientAsync(new DevTokenRequest("organiser", "solo"));
        Assert.Equal(HttpStatusCode.Forbidden, (await orphan.GetAsync("/api/submissions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await orphan.PostAsJsonAsync("/api/submissions", Samples.Submission())).StatusCode);
        using var direct = await platform.ClientAsync(new DevTokenRequest("organiser", "solo"), platform.Submission);
        Assert.Equal(HttpStatusCode.Forbidden, (await direct.GetAsync("/api/submissions")).StatusCode); // the service checks too
    }

    [Fact]
    public async Task A_revision_that_moves_a_case_to_another_queue_releases_the_old_reviewers_claim()
    {
        using var gers = await Reviewer("copil-32-move", "76", "32");
        using var hauteGaronne = await Reviewer("copil-31-move", "76", "31");
        var (organiser, id) = await SubmitAsync();
        var caseId = (await CaseOfAsync(gers, id)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await gers.PostAsync($"/api/review/cases/{caseId}/claim", null)).StatusCode);

        var toulouse = Samples.Submission("Visite déplacée à Toulouse");
        toulouse["venue"] = new JsonObject { ["name"] = "Usine", ["street"] = "1 allée de l'Industrie", ["postalCode"] = "31000", ["commune"] = "Toulouse" };
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/submissions/{id}") { Content = JsonContent.Create(toulouse) };
        put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.OK, (await organiser.SendAsync(put)).StatusCode);

        var moved = await CaseOfAsync(hauteGaronne, id, c => c.GetProperty("submissionVersion").GetInt32() == 2);
        Assert.Equal(HttpStatusCode.OK, (await hauteGaronne.PostAsync($"/api/review/cases/{caseId}/claim", null)).StatusCode); // at once, not in 30 minutes
        var audit = await hauteGaronne.GetFromJsonAsync<JsonElement[]>($"/api/review/cases/{caseId}/audit");
        Assert.Contains(audit!, a => a.GetProperty("action").GetString() == "released" && a.GetProperty("actor").GetString() == "system");
        Assert.Equal("31", moved.GetProperty("departement").GetString());
    }

    [Fact]
    public async Task A_street_whose_normalised_key_is_longer_than_its_column_is_still_located()
    {
        using var gers = await Reviewer("copil-32-long", "76", "32");
        var body = Samples.Submission();
        body["venue"]!["street"] = new string('œ', 200);
        var (_, id) = await SubmitAsync(body);
        var reviewCase = await CaseOfAsync(gers, id, c => c.GetProperty("location").GetString() != "unknown");
        Assert.Equal("located", reviewCase.GetProperty("location").GetString());
        using var admin = await platform.ClientAsync(new DevTokenRequest("admin", "dge"), platform.Geocoding);
        var errorQueues = await admin.GetFromJsonAsync<JsonElement[]>("/admin/messaging/error-queues");
        Assert.All(errorQueues!, q => Assert.Equal(0, q.GetProperty("messages").GetInt32()));
    }

    [Fact]
    public async Task Quick_revisions_a_b_a_processed_concurrently_end_located_at_a()
    {
        // v1 at A is located first; v2 (B) and v3 (A) then arrive together, many times over.
        var details = PublicationAlone.Details("Visite A-B-A");
        var elsewhere = details with { Venue = details.Venue with { Street = "99 avenue de la Marne" } };
        var ids = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var id in ids) await platform.PublishAsync(new SubmissionReceived(id, 1, "org-aba", details, DateTimeOffset.UtcNow));
        await Eventually.Until(() => platform.QueryAsync<SemaineIndustrie.Geocoding.ServiceMarker, GeocodingDbContext, int>(db =>
            db.VenueLocations.CountAsync(v => ids.Contains(v.SubmissionId) && v.Latitude != null)), n => n == ids.Length, "version 1 located");

        await Task.WhenAll(ids.SelectMany(id => new[]
        {
            platform.PublishAsync(new SubmissionRevised(id, 2, "org-aba", elsewhere, DateTimeOffset.UtcNow)),
            platform.PublishAsync(new SubmissionRevised(id, 3, "org-aba", details, DateTimeOffset.UtcNow)),
        }));
        var locations = await Eventually.Until(() => platform.QueryAsync<SemaineIndustrie.Geocoding.ServiceMarker, GeocodingDbContext, List<SemaineIndustrie.Geocoding.Locating.VenueLocation>>(db =>
            db.VenueLocations.AsNoTracking().Where(v => ids.Contains(v.SubmissionId)).ToListAsync()), l => l.All(v => v.SubmissionVersion == 3), "version 3 everywhere");
        Assert.All(locations, v => Assert.True(v.Latitude is not null && v.Longitude is not null, $"{v.SubmissionId} lost its location: {v.UnlocatedReason}"));
        Assert.Single(locations.Select(v => v.AddressKey).Distinct());
    }

    [Fact]
    public async Task A_manual_correction_wins_in_review_over_automatic_news_of_the_same_version_in_any_order()
    {
        var orders = new[] { "auto manual unlocated", "auto unlocated manual", "manual auto unlocated", "manual unlocated auto", "unlocated auto manual", "unlocated manual auto" };
        foreach (var order in orders)
        {
            var id = Guid.NewGuid();
            var now = DateTimeOffset.UtcNow;
            foreach (var step in order.Split(' '))
            {
                object news = step switch
                {
                    "auto" => new VenueLocated(id, 1, 43.6, 0.5, LocationPrecision.Street, "ban", 0.9, now),
                    "manual" => new VenueLocated(id, 1, 43.65, 0.59, LocationPrecision.Manual, "reviewer", null, now),
                    _ => new VenueUnlocated(id, 1, "No provider could place it.", now),
                };
                var messageId = Guid.NewGuid();
                await platform.PublishAsync(news, messageId);
                await Eventually.Until(() => platform.QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, ReviewDbContext, bool>(db =>
                    db.Set<SemaineIndustrie.Messaging.Inbox.InboxMessage>().AnyAsync(m => m.MessageId == messageId)), $"{step} consumed by review ({order})");
            }
            var status = await platform.QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, ReviewDbContext, LocationStatus>(db =>
                db.Locations.Where(l => l.SubmissionId == id).Select(l => l.Status).SingleAsync());
            Assert.True(status == LocationStatus.Corrected, $"order '{order}' ended {status}");
        }

    }

    [Fact]
    public async Task Idempotency_keys_are_forgotten_after_their_retention()
    {
        var org = NewOrg();
        using var organiser = await Organiser(org);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/submissions") { Content = JsonContent.Create(Samples.Submission()) };
        request.Headers.Add("Idempotency-Key", "purge-me");
        Assert.Equal(HttpStatusCode.Created, (await organiser.SendAsync(request)).StatusCode);
        await platform.QueryAsync<SemaineIndustrie.Submission.ServiceMarker, SubmissionDbContext, int>(db => db.IdempotencyKeys
            .Where(k => k.OrganiserId == org).ExecuteUpdateAsync(s => s.SetProperty(k => k.CreatedAt, k => k.CreatedAt.AddDays(-8))));
        var fresh = new HttpRequestMessage(HttpMethod.Post, "/api/submissions") { Content = JsonContent.Create(Samples.Submission()) };
        fresh.Headers.Add("Idempotency-Key", "keep-me");
        Assert.Equal(HttpStatusCode.Created, (await organiser.SendAsync(fresh)).StatusCode);

        var purged = await platform.QueryAsync<SemaineIndustrie.Submission.ServiceMarker, IdempotencyKeyPurge, int>(purge => purge.PurgeAsync(CancellationToken.None));
        Assert.True(purged >= 1);
        var keys = await platform.QueryAsync<SemaineIndustrie.Submission.ServiceMarker, SubmissionDbContext, List<string>>(db =>
            db.IdempotencyKeys.Where(k => k.OrganiserId == org).Select(k => k.Key).ToListAsync());
        Assert.Equal(["keep-me"], keys);
    }

    [Fact]
    public async Task The_2018_edition_stops_taking_submissions_on_monday_12_march()
    {
        using var anonymous = await platform.ClientAsync();
        var edition = await anonymous.GetFromJsonAsync<JsonElement>("/api/editions/2018");
        Assert.Equal(DateTimeOffset.Parse("2018-03-12T23:59:59+01:00"), edition.GetProperty("submissionsClose").GetDateTimeOffset());
    }

    [Fact]
    public async Task Parked_outbox_rows_are_listed_for_admins_on_each_service()
    {
        foreach (var service in new[] { platform.Submission, platform.Review, platform.Geocoding, platform.Publication })
        {
            using var admin = await platform.ClientAsync(new DevTokenRequest("admin", "dge"), service);
            var response = await admin.GetAsync("/admin/messaging/outbox/parked");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(JsonValueKind.Array, (await response.Content.ReadFromJsonAsync<JsonElement>()).ValueKind);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/admin/messaging/outbox/parked/999999/replay", null)).StatusCode);
        }
        using var reviewer = await platform.ClientAsync(new DevTokenRequest("reviewer", "r", Region: "76"), platform.Review);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/admin/messaging/outbox/parked")).StatusCode);
    }
}
