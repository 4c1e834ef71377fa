using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.Submission.Submissions;
using SemaineIndustrie.ServiceDefaults.Auth;
using Xunit;
using Xunit.Abstractions;

namespace SemaineIndustrie.IntegrationTests.EndToEnd;

/// <summary>
/// The thin path across every service, every hop over RabbitMQ: organiser → gateway → submission →
/// (geocoding, labelling-review, publication) → reviewer decision → publication → public catalogue.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WalkingSkeletonTests(Platform platform, ITestOutputHelper output)
{
    private static readonly DevTokenRequest Organiser = new("organiser", "alice", OrganisationId: "org-lycee-auch");
    private static readonly DevTokenRequest GersCommittee = new("reviewer", "copil-32", Region: "76", Departements: ["32"]);

    [Fact]
    public async Task A_submission_posted_through_the_gateway_is_located_labelled_and_published_in_one_trace()
    {
        using var recorder = new ActivityRecorder();
        using var organiser = await platform.ClientAsync(Organiser);
        using var reviewer = await platform.ClientAsync(GersCommittee);
        using var visitor = await platform.ClientAsync();

        // 1. The organiser submits, inside a trace of its own.
        ActivityTraceId traceId;
        Guid submissionId;
        using (var root = ActivityRecorder.TestSource.StartActivity("organiser submits"))
        {
            Assert.NotNull(root);
            traceId = root.TraceId;
            var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission());
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.NotNull(created.Headers.ETag);
            Assert.StartsWith("/api/submissions/", created.Headers.Location!.OriginalString);
            submissionId = (await created.ReadAsync<SubmissionView>()).Id;
        }

        // 2. Geocoding locates the venue; labelling-review opens a case in the Gers queue and shows the location.
        var reviewCase = (await Eventually.Until(
            async () => (await reviewer.CaseSummariesAsync("departement=32")).FirstOrDefault(c => c.SubmissionId == submissionId),
            c => c?.Location == LocationStatus.Located, "a located review case in the Gers queue"))!;
        Assert.Equal((CaseStatus.Pending, "76"), (reviewCase.Status, reviewCase.Region));

        // 3. The committee grants the label.
        var decided = await reviewer.PostAsJsonAsync($"/api/review/cases/{reviewCase.Id}/decision",
            new { decision = "label", motivation = "Visite d'entreprise ouverte au public" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        // 4. Publication joins content + location + label; the public catalogue shows it through the gateway.
        //    Read as raw JSON on purpose: what must not be on the wire is checked on the wire itself.
        var published = await Eventually.Until(
            async () => (await visitor.GetFromJsonAsync<JsonElement>("/api/catalogue/events?limit=100")).GetProperty("items").EnumerateArray()
                .FirstOrDefault(e => e.GetProperty("id").GetGuid() == submissionId),
            e => e.ValueKind == JsonValueKind.Object, "the event in the public catalogue");
        Assert.Equal("Portes ouvertes de l'atelier aéronautique", published.GetProperty("title").GetString());
        Assert.Equal(1, published.GetProperty("version").GetInt32());
        Assert.Equal("Auch", published.GetProperty("venue").GetProperty("communeName").GetString());
        Assert.Equal("32", published.GetProperty("venue").GetProperty("departement").GetString());
        Assert.Equal("76", published.GetProperty("venue").GetProperty("region").GetString());
        // Auch from the offline gazetteer (GeoNames), no internet needed.
        Assert.Equal(43.64561, published.GetProperty("location").GetProperty("latitude").GetDouble(), 5);
        Assert.Equal(0.58856, published.GetProperty("location").GetProperty("longitude").GetDouble(), 5);
        Assert.False(published.TryGetProperty("organiserId", out _), "the organiser's identity is not public");
        Assert.DoesNotContain("anne.martin", published.GetRawText()); // the private contact never reaches the public

        var map = await visitor.GetAsync("/api/catalogue/events.geojson?departement=32");
        Assert.Equal("application/geo+json", map.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(map.Headers.ETag);
        var pin = (await map.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == submissionId.ToString());
        Assert.Equal([0.58856, 43.64561], pin.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));

        // 5. The organiser sees the decision (consumed LabelGranted).
        await Eventually.Until(
            async () => (await organiser.GetAsync<SubmissionView>($"/api/submissions/{submissionId}")).Status,
            status => status == SubmissionStatus.Labelled, "the organiser's status to become labelled");

        // 6. One trace spans the request, the outbox relay, the broker and the consumers downstream,
        //    including the second hop (geocoding's VenueLocated, itself published through an outbox, which brings
        //    publication the version's content with its place).
        var consumers = recorder.InTrace(traceId)
            .Select(a => a.GetTagItem("messaging.masstransit.consumer_type") as string)
            .OfType<string>().ToHashSet();
        output.WriteLine("consumers in the submission's trace: " + string.Join(", ", consumers.Order()));
        Assert.Contains(consumers, c => c.EndsWith("LocateReceivedSubmissionConsumer"));
        Assert.Contains(consumers, c => c.EndsWith("OpenCaseConsumer"));
        Assert.Contains(consumers, c => c.EndsWith("LabellingReview.Cases.VenueLocatedConsumer"));
        Assert.Contains(consumers, c => c.EndsWith("Publication.Catalogue.LocationConsumer"));
    }

    [Fact]
    public async Task Every_service_and_the_gateway_answer_their_health_endpoints()
    {
        using var client = new HttpClient();
        foreach (var service in new[] { platform.Submission, platform.Review, platform.Geocoding, platform.Publication, platform.Gateway })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(service, "health/live"))).StatusCode);
            var ready = await client.GetAsync(new Uri(service, "health/ready"));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
    }
}
