using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.Submission;
using SemaineIndustrie.Submission.Editions;
using SemaineIndustrie.Submission.Submissions;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Submissions;

/// <summary>The organiser's API through the gateway, on the real servers.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SubmissionApiTests(Platform platform)
{
    private static DevTokenRequest Organiser(string org) => new("organiser", $"user-{org}", OrganisationId: org);

    private static string NewOrg() => "org-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Posts a submission: its view when created (201), else the problem answered.</summary>
    private static async Task<(Guid Id, SubmissionView? View, HttpValidationProblemDetails? Problem, HttpResponseMessage Response)> CreateAsync(
        HttpClient client, JsonObject? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/submissions") { Content = JsonContent.Create(body ?? Samples.Submission()) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created) return (Guid.Empty, null, await response.ReadAsync<HttpValidationProblemDetails>(), response);
        var view = await response.ReadAsync<SubmissionView>();
        return (view.Id, view, null, response);
    }

    private static Task<SubmissionView> ReadAsync(HttpClient organiser, Guid id) => organiser.GetAsync<SubmissionView>($"/api/submissions/{id}");

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, JsonObject body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/submissions/{id}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    private async Task<int> CountOwnAsync(string org) =>
        await platform.QueryAsync<ServiceMarker, SubmissionDbContext, int>(db => db.Submissions.CountAsync(s => s.OrganiserId == org));

    [Fact]
    public async Task Creating_answers_201_with_location_and_etag_and_reading_honours_if_none_match()
    {
        using var organiser = await platform.ClientAsync(Organiser(NewOrg()));
        var (id, view, _, response) = await CreateAsync(organiser);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/submissions/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1.1\"", response.Headers.ETag?.Tag); // version 1, first status
        Assert.Equal(SubmissionStatus.Submitted, view!.Status);
        Assert.Equal("anne.martin@example.org", view.PrivateContact.Email);
        Assert.Equal(DateTimeOffset.Parse("2018-03-27T09:00:00+02:00"), view.Event.StartsAt);
        Assert.Equal(TimeSpan.FromHours(2), view.Event.StartsAt.Offset); // Paris time

        // Revalidating a copy: 304 while nothing changed; the review moving the status on gives the new copy.
        await Eventually.Until(async () =>
        {
            using var read = await organiser.GetAsync($"/api/submissions/{id}");
            using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/submissions/{id}");
            conditional.Headers.IfNoneMatch.Add(read.Headers.ETag!);
            return (await organiser.SendAsync(conditional)).StatusCode == HttpStatusCode.NotModified; // unless the status moved in between
        }, "a 304 for an unchanged copy");
        await Eventually.Until(async () => (await organiser.GetAsync<SubmissionView>($"/api/submissions/{id}")).Status, s => s == SubmissionStatus.InReview, "in review");
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/submissions/{id}");
        stale.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var fresh = await organiser.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode); // the status changed, the version did not: not "not modified"
        Assert.Equal(SubmissionStatus.InReview, (await fresh.ReadAsync<SubmissionView>()).Status);
        Assert.Equal("\"1.2\"", fresh.Headers.ETag?.Tag);
        // …while a revision made from the first copy is not refused for it: the content is still version 1.
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(organiser, id, Samples.Submission("Portes ouvertes, horaires précisés"), response.Headers.ETag!.Tag)).StatusCode);
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_give_the_same_201_and_one_submission_even_concurrently()
    {
        var org = NewOrg();
        using var organiser = await platform.ClientAsync(Organiser(org));
        var body = Samples.Submission();

        var first = await CreateAsync(organiser, body, "key-1");
        var again = await CreateAsync(organiser, body, "key-1");
        Assert.Equal(HttpStatusCode.Created, again.Response.StatusCode);
        Assert.Equal(first.Id, again.Id);

        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => CreateAsync(organiser, body, "key-2")));
        Assert.All(racing, r => Assert.Equal(HttpStatusCode.Created, r.Response.StatusCode));
        Assert.Single(racing.Select(r => r.Id).Distinct());
        Assert.Equal(2, await CountOwnAsync(org));

        var other = Samples.Submission("Un autre événement industriel");
        var reused = await CreateAsync(organiser, other, "key-1");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Response.StatusCode);
        Assert.True(reused.Problem!.Errors.ContainsKey("Idempotency-Key"));
        Assert.Equal(2, await CountOwnAsync(org));
    }

    [Fact]
    public async Task Revising_needs_the_current_etag_and_concurrent_revisions_cannot_both_win()
    {
        using var organiser = await platform.ClientAsync(Organiser(NewOrg()));
        var (id, _, _, _) = await CreateAsync(organiser);
        var revised = Samples.Submission("Portes ouvertes — nouvel horaire");
        revised["startsAt"] = "2018-03-28T14:00";
        revised["endsAt"] = "2018-03-28T17:00";

        Assert.Equal((HttpStatusCode)428, (await PutAsync(organiser, id, revised, null)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await PutAsync(organiser, id, revised, "\"7\"")).StatusCode);

        var ok = await PutAsync(organiser, id, revised, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.StartsWith("\"2.", ok.Headers.ETag?.Tag); // version 2 (the status part counts the timeline)
        var view = await ok.ReadAsync<SubmissionView>();
        Assert.Equal((2, SubmissionStatus.Revised), (view.Version, view.Status));
        Assert.Equal(DateTimeOffset.Parse("2018-03-28T14:00:00+02:00"), view.Event.StartsAt);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await PutAsync(organiser, id, revised, "\"1\"")).StatusCode);

        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PutAsync(organiser, id, revised, "\"2\"")));
        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(racing.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        Assert.Equal(3, (await ReadAsync(organiser, id)).Version);
    }

    [Fact]
    public async Task Withdrawing_is_final_and_every_change_published_its_event_with_its_version()
    {
        using var organiser = await platform.ClientAsync(Organiser(NewOrg()));
        var (id, _, _, _) = await CreateAsync(organiser);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(organiser, id, Samples.Submission("Portes ouvertes, version deux"), "\"1\"")).StatusCode);

        var withdrawn = await organiser.PostAsync($"/api/submissions/{id}/withdraw", null);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(SubmissionStatus.Withdrawn, (await withdrawn.ReadAsync<SubmissionView>()).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsync($"/api/submissions/{id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PutAsync(organiser, id, Samples.Submission(), "\"2\"")).StatusCode);

        var events = await platform.QueryAsync<ServiceMarker, SubmissionDbContext, List<OutboxMessage>>(db =>
            db.Set<OutboxMessage>().Where(m => m.PartitionKey == id.ToString()).OrderBy(m => m.SequenceNumber).ToListAsync());
        Assert.Equal(["SubmissionReceived", "SubmissionRevised", "SubmissionWithdrawn"],
            events.Select(e => MessageTypeNames.Short(e.MessageType)));
        Assert.Equal([1, 2, 2], events.Select(e => JsonSerializer.Deserialize<SubmissionWithdrawn>(e.Body, ContractJson.Options)!.SubmissionVersion));
        Assert.All(events, e => Assert.DoesNotContain("anne.martin", e.Body)); // the private contact stays here
    }

    [Fact]
    public async Task The_status_follows_the_review_in_review_then_changes_requested_then_revised()
    {
        using var organiser = await platform.ClientAsync(Organiser(NewOrg()));
        using var gers = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-32", Region: "76", Departements: ["32"]));
        var (id, _, _, _) = await CreateAsync(organiser);

        await Eventually.Until(async () => (await ReadAsync(organiser, id)).Status, s => s == SubmissionStatus.InReview, "in review once the case is opened");
        var reviewCase = (await gers.CaseSummariesAsync("departement=32")).Single(c => c.SubmissionId == id);
        var decided = await gers.PostAsJsonAsync($"/api/review/cases/{reviewCase.Id}/decision",
            new { decision = "request_changes", motivation = "Précisez l'accueil des groupes scolaires." });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        var changes = await Eventually.Until(() => ReadAsync(organiser, id), s => s.Status == SubmissionStatus.ChangesRequested, "changes requested");
        Assert.Equal("Précisez l'accueil des groupes scolaires.", changes.ReviewerMessage);

        var revised = await PutAsync(organiser, id, Samples.Submission("Portes ouvertes avec accueil des classes"), "\"1\"");
        Assert.Equal(SubmissionStatus.Revised, (await revised.ReadAsync<SubmissionView>()).Status);
    }

    [Fact]
    public async Task Only_organisers_use_the_organiser_routes_and_only_on_their_own_submissions()
    {
        using var owner = await platform.ClientAsync(Organiser(NewOrg()));
        var (id, _, _, _) = await CreateAsync(owner);
        using var otherOrganiser = await platform.ClientAsync(Organiser(NewOrg()));
        using var reviewer = await platform.ClientAsync(new DevTokenRequest("reviewer", Region: "76"));
        using var admin = await platform.ClientAsync(new DevTokenRequest("admin"));
        using var anonymous = await platform.ClientAsync();

        var routes = new (HttpMethod Method, string Path, bool Body)[]
        {
            (HttpMethod.Post, "/api/submissions", true), (HttpMethod.Get, "/api/submissions", false),
            (HttpMethod.Get, $"/api/submissions/{id}", false), (HttpMethod.Put, $"/api/submissions/{id}", true),
            (HttpMethod.Post, $"/api/submissions/{id}/withdraw", false),
        };
        foreach (var (client, expected) in new[] { (anonymous, HttpStatusCode.Unauthorized), (reviewer, HttpStatusCode.Forbidden), (admin, HttpStatusCode.Forbidden) })
        {
            foreach (var (method, path, body) in routes)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body ? JsonContent.Create(Samples.Submission()) : null };
                request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
                Assert.Equal(expected, (await client.SendAsync(request)).StatusCode);
            }
        }
        foreach (var (method, path, body) in routes.Skip(2))
        {
            using var request = new HttpRequestMessage(method, path) { Content = body ? JsonContent.Create(Samples.Submission()) : null };
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            Assert.Equal(HttpStatusCode.NotFound, (await otherOrganiser.SendAsync(request)).StatusCode);
        }
        // None of those attempts changed anything: still version 1, not withdrawn.
        var untouched = await ReadAsync(owner, id);
        Assert.Equal(1, untouched.Version);
        Assert.Contains(untouched.Status, new[] { SubmissionStatus.Submitted, SubmissionStatus.InReview });
    }

    [Theory]
    [InlineData("20000", "Ajaccio", "2A004", "2A", "94")]
    [InlineData("20200", "Bastia", "2B033", "2B", "94")]
    [InlineData("97400", "Saint-Denis", "97411", "974", "04")]
    [InlineData("97200", "Fort-de-France", "97209", "972", "02")]
    public async Task Corsican_and_overseas_venues_resolve_to_their_departement_and_region(string postal, string commune, string insee, string departement, string region)
    {
        using var organiser = await platform.ClientAsync(Organiser(NewOrg()));
        var body = Samples.Submission();
        body["venue"] = new JsonObject { ["name"] = "Usine", ["street"] = "1 rue du Port", ["postalCode"] = postal, ["commune"] = commune };
        var (_, view, _, response) = await CreateAsync(organiser, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var venue = view!.Event.Venue;
        Assert.Equal((insee, departement, region), (venue.CommuneInsee, venue.Departement, venue.Region));
    }

    [Fact]
    public async Task A_postal_code_shared_by_several_communes_gets_a_422_listing_them()
    {
        using var organiser = await platform.ClientAsync(Organiser(NewOrg()));
        var body = Samples.Submission();
        body["venue"] = new JsonObject { ["name"] = "Usine", ["street"] = "1 route de Toulouse", ["postalCode"] = "32200" };
        var (_, _, problem, response) = await CreateAsync(organiser, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(problem!.Errors.ContainsKey("venue.commune"));
        var candidates = ((JsonElement)problem.Extensions["communeCandidates"]!).EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("Gimont", candidates);
        Assert.True(candidates.Count > 1);
    }

    [Fact]
    public async Task Oversized_bodies_get_413_and_unknown_enum_values_400()
    {
        using var organiser = await platform.ClientAsync(Organiser(NewOrg()));
        var huge = Samples.Submission();
        huge["description"] = new string('x', 70_000);
        var tooBig = await organiser.PostAsJsonAsync("/api/submissions", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);

        var party = Samples.Submission();
        party["eventType"] = "party";
        var unknown = await organiser.PostAsJsonAsync("/api/submissions", party);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.ReadAsync<HttpValidationProblemDetails>()).Errors.ContainsKey("eventType"));
    }

    [Fact]
    public async Task The_own_list_is_paginated_newest_first_and_filters_by_status()
    {
        var org = NewOrg();
        using var organiser = await platform.ClientAsync(Organiser(org));
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add((await CreateAsync(organiser, Samples.Submission($"Événement numéro {i + 1}"))).Id);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsync($"/api/submissions/{ids[0]}/withdraw", null)).StatusCode);

        var first = await organiser.GetAsync<SubmissionPage>("/api/submissions?limit=2");
        Assert.Equal([ids[2], ids[1]], first.Items.Select(i => i.Id));
        var second = await organiser.GetAsync<SubmissionPage>($"/api/submissions?limit=2&cursor={first.NextCursor}");
        Assert.Equal([ids[0]], second.Items.Select(i => i.Id));
        Assert.Null(second.NextCursor);

        var withdrawn = await organiser.GetAsync<SubmissionPage>("/api/submissions?status=withdrawn");
        Assert.Equal([ids[0]], withdrawn.Items.Select(i => i.Id));
        Assert.Equal(SubmissionStatus.Withdrawn, withdrawn.Items.Single().Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.GetAsync("/api/submissions?limit=500")).StatusCode);
    }

    [Fact]
    public async Task Editions_are_public_and_the_2018_edition_is_current_inside_its_window()
    {
        using var anonymous = await platform.ClientAsync();
        var current = await anonymous.GetAsync("/api/editions/current");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("public, max-age=300", current.Headers.CacheControl?.ToString());
        var edition = await current.ReadAsync<Edition>();
        Assert.Equal((2018, new DateOnly(2018, 3, 26), new DateOnly(2018, 4, 1)), (edition.Year, edition.FirstDay, edition.LastDay));
        Assert.Equal("L'Industrie connectée", edition.Theme);
        var sectors = edition.Sectors.Select(s => s.Code).ToList();
        Assert.Superset(new HashSet<string> { "aeronautique", "agroalimentaire", "automobile", "biens-de-consommation", "bois", "communication", "sante", "numerique", "services-a-la-personne", "eco-industrie" }, sectors.ToHashSet());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/editions/2018")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/editions/2017")).StatusCode);
        Assert.Contains(await anonymous.GetAsync<List<Edition>>("/api/editions"), e => e.Year == 2019); // the next edition, seeded beside 2018 (its window not open yet)
    }
}
