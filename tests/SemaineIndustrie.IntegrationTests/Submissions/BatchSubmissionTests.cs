using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Submission;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Submissions;

/// <summary>POST /api/submissions/batch through the gateway: one result per item, each idempotent by its own key, one rate-limit unit per batch.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BatchSubmissionTests(Platform platform)
{
    private static JsonObject Item(string key, string title, string postalCode = "32000")
    {
        var submission = Samples.Submission(title);
        submission["venue"]!["postalCode"] = postalCode;
        return new JsonObject { ["key"] = key, ["submission"] = submission };
    }

    private Task<int> StoredAsync(string org) => platform.QueryAsync<ServiceMarker, SubmissionDbContext, int>(db => db.Submissions.CountAsync(s => s.OrganiserId == org));

    [Fact]
    public async Task Each_item_gets_its_result_and_sending_the_batch_again_replays_without_duplicating()
    {
        var org = "org-batch-" + Guid.NewGuid().ToString("N")[..6];
        using var federation = await platform.ClientAsync(new DevTokenRequest("organiser", "federation", OrganisationId: org));
        var batch = new JsonObject { ["items"] = new JsonArray(
            Item("ligne-2", "Portes ouvertes de la forge"), Item("ligne-3", "Atelier de soudure pour lycéens"), Item("ligne-4", "Visite du site", postalCode: "99999")) };

        var dry = await (await federation.PostAsJsonAsync("/api/submissions/batch?dryRun=true", batch)).ReadAsync<BatchResponse>();
        Assert.True(dry.DryRun);
        Assert.Equal([201, 201, 422], dry.Results.Select(r => r.Status));
        Assert.All(dry.Results, r => Assert.Null(r.Id));
        Assert.Equal(0, await StoredAsync(org)); // checked, nothing stored

        var first = await federation.PostAsJsonAsync("/api/submissions/batch", batch);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = await first.ReadAsync<BatchResponse>();
        Assert.Equal((2, 0, 1), (answer.Created, answer.Replayed, answer.Refused));
        Assert.Equal(["ligne-2", "ligne-3", "ligne-4"], answer.Results.Select(r => r.Key));
        Assert.Equal([201, 201, 422], answer.Results.Select(r => r.Status));
        Assert.Contains(answer.Results[2].Errors!.Keys, k => k.StartsWith("venue", StringComparison.Ordinal));
        Assert.Equal(2, await StoredAsync(org));

        // The whole file again (a network failure, a double click): the stored ones are replayed, nothing twice.
        var again = await (await federation.PostAsJsonAsync("/api/submissions/batch", batch)).ReadAsync<BatchResponse>();
        Assert.Equal((0, 2, 1), (again.Created, again.Replayed, again.Refused));
        Assert.Equal(answer.Results.Take(2).Select(r => r.Id), again.Results.Take(2).Select(r => r.Id));
        Assert.Equal(2, await StoredAsync(org));

        // A key reused for different content is refused for that item only; the single POST sees the batch's keys too.
        var reused = await (await federation.PostAsJsonAsync("/api/submissions/batch", new JsonObject { ["items"] = new JsonArray(
            Item("ligne-2", "Un tout autre événement"), Item("ligne-5", "Conférence sur l'usine du futur")) })).ReadAsync<BatchResponse>();
        Assert.Equal([422, 201], reused.Results.Select(r => r.Status));
        Assert.True(reused.Results[0].Errors!.ContainsKey("key"));
        using var single = new HttpRequestMessage(HttpMethod.Post, "/api/submissions") { Content = JsonContent.Create(Item("x", "Portes ouvertes de la forge")["submission"]) };
        single.Headers.Add("Idempotency-Key", "ligne-2");
        var replayedSingly = await federation.SendAsync(single);
        Assert.Equal(HttpStatusCode.Created, replayedSingly.StatusCode);
        Assert.Equal(answer.Results[0].Id, (await replayedSingly.ReadAsync<SubmissionView>()).Id);
        Assert.Equal(3, await StoredAsync(org));

        // Each created item is a submission like any other: the organiser follows it.
        var created = await federation.GetFromJsonAsync<JsonElement>($"/api/submissions/{answer.Results[1].Id}");
        Assert.Equal("Atelier de soudure pour lycéens", created.GetProperty("event").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_malformed_batch_is_refused_whole_naming_the_item_and_stores_nothing()
    {
        var org = "org-batch-bad-" + Guid.NewGuid().ToString("N")[..6];
        using var federation = await platform.ClientAsync(new DevTokenRequest("organiser", "federation", OrganisationId: org));
        var cases = new (string Name, JsonNode Body, string Field)[]
        {
            ("no items", new JsonObject { ["items"] = new JsonArray() }, "items"),
            ("too many", new JsonObject { ["items"] = new JsonArray(Enumerable.Range(0, 201).Select(i => (JsonNode)Item($"k{i}", "Portes ouvertes")).ToArray()) }, "items"),
            ("null item", new JsonObject { ["items"] = new JsonArray(Item("a", "Portes ouvertes"), null) }, "items[1]"),
            ("key twice", new JsonObject { ["items"] = new JsonArray(Item("a", "Portes ouvertes"), Item("a", "Visite")) }, "items[1].key"),
            ("no key", new JsonObject { ["items"] = new JsonArray(new JsonObject { ["submission"] = Samples.Submission() }) }, "items[0].key"),
            ("bad key", new JsonObject { ["items"] = new JsonArray(Item("clé avec espace", "Portes ouvertes")) }, "items[0].key"),
            ("no submission", new JsonObject { ["items"] = new JsonArray(new JsonObject { ["key"] = "a" }) }, "items[0].submission"),
            ("control character", new JsonObject { ["items"] = new JsonArray(Item("a", "Portes ouvertes"), Item("b", "Visite\u0000")) }, "items[1].submission.title"),
        };
        foreach (var (name, body, field) in cases)
        {
            var response = await federation.PostAsJsonAsync("/api/submissions/batch", body);
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{name}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{name}: {errors}");
        }
        Assert.Equal(0, await StoredAsync(org));
    }

    [Fact]
    public async Task Two_hundred_events_count_as_one_write_at_the_gateway()
    {
        var gateway = platform.StartGateway(new Dictionary<string, string?> { ["Gateway:OrganiserWritePermits"] = "2", ["Gateway:OrganiserWriteWindow"] = "00:01:00" });
        var org = "org-batch-big-" + Guid.NewGuid().ToString("N")[..6];
        using var federation = await platform.ClientAsync(new DevTokenRequest("organiser", "federation", OrganisationId: org), gateway);
        JsonObject Batch(int from) => new() { ["items"] = new JsonArray(Enumerable.Range(from, 200).Select(i =>
            (JsonNode)Item($"evt-{i}", $"Portes ouvertes numéro {i} de la fédération de la mécanique du Gers")).ToArray()) };

        Assert.InRange(Batch(0).ToJsonString().Length, 65_537, 2_097_152); // more than a single submission may weigh (64 KiB), within the batch's 2 MiB
        var big = await federation.PostAsJsonAsync("/api/submissions/batch", Batch(0));
        Assert.Equal(HttpStatusCode.OK, big.StatusCode);
        Assert.Equal(200, (await big.ReadAsync<BatchResponse>()).Created);
        Assert.Equal(HttpStatusCode.OK, (await federation.PostAsJsonAsync("/api/submissions/batch", Batch(200))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await federation.PostAsJsonAsync("/api/submissions/batch", Batch(400))).StatusCode);
        Assert.Equal(400, await StoredAsync(org));
    }
}
