using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Bench;

public sealed record PipelineResult(int Submissions, double Seconds, double PerSecond, List<double> LagsMs, IReadOnlyCollection<Guid> Published);

/// <summary>
/// Organisers post through the gateway; the venues are geocoded offline; a scripted reviewer labels the
/// cases through the API (bulk decisions of 100) as they arrive; done when every event is in the catalogue.
/// </summary>
public sealed class Pipeline(Uri gateway, Uri publication, string publicationDatabase, DateOnly firstDay, int numberedFrom = 0)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient direct = new() { BaseAddress = publication, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Each run numbers its submissions after the previous runs' (titles, venues and days never repeat across runs).</summary>
    private int numbered = numberedFrom;

    public async Task<PipelineResult> RunAsync(int submissions, int organisers, double? ratePerSecond, CancellationToken ct)
    {
        var first = numbered;
        numbered += submissions;
        var clients = await Task.WhenAll(Enumerable.Range(0, organisers).Select(i => ClientAsync(new { role = "organiser", subject = $"bench-{i}", organisationId = $"org-bench-{i}" })));
        using var reviewer = await ClientAsync(new { role = "admin", subject = "bench-reviewer" });
        var ours = new ConcurrentDictionary<Guid, byte>();
        var decidedAt = new ConcurrentDictionary<Guid, DateTimeOffset>();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var next = -1;

        var posting = Task.WhenAll(clients.Select(async client =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= submissions) return;
                if (ratePerSecond is { } rate)
                {
                    var due = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
                    if (due > TimeSpan.Zero) await Task.Delay(due, ct);
                }
                var response = await client.PostAsJsonAsync("/api/submissions", Body(first + i), ct);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                ours[(await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid()] = 0;
            }
        }));

        var reviewing = Task.Run(async () =>
        {
            while (decidedAt.Count < submissions)
            {
                var page = await reviewer.GetFromJsonAsync<JsonElement>("/api/review/cases?status=unclaimed&limit=200", ct);
                var cases = page.GetProperty("items").EnumerateArray()
                    .Select(c => (Case: c.GetProperty("id").GetGuid(), Submission: c.GetProperty("submissionId").GetGuid()))
                    .Where(c => ours.ContainsKey(c.Submission)).ToList();
                if (cases.Count == 0)
                {
                    await Task.Delay(250, ct); // an empty queue: look again shortly, as a person (or a UI) would
                    continue;
                }
                foreach (var chunk in cases.Chunk(100))
                {
                    var response = await reviewer.PostAsJsonAsync("/api/review/cases/decisions",
                        new { decisions = chunk.Select(c => new { caseId = c.Case, decision = "label" }) }, ct);
                    response.EnsureSuccessStatusCode();
                    var results = await response.Content.ReadFromJsonAsync<JsonElement[]>(ct);
                    var bySubmission = chunk.ToDictionary(c => c.Case, c => c.Submission);
                    foreach (var r in results!.Where(r => r.GetProperty("status").GetInt32() == 200))
                    {
                        decidedAt[bySubmission[r.GetProperty("caseId").GetGuid()]] = r.GetProperty("decidedAt").GetDateTimeOffset();
                    }
                }
            }
        }, ct);

        await Task.WhenAll(posting, reviewing);
        var published = await WaitPublishedAsync(ours.Keys.ToHashSet(), ct);
        var lags = published.Where(p => decidedAt.ContainsKey(p.Key)).Select(p => (p.Value - decidedAt[p.Key]).TotalMilliseconds).ToList();
        var seconds = (published.Values.Max() - started).TotalSeconds;
        foreach (var client in clients) client.Dispose();
        return new PipelineResult(submissions, seconds, submissions / seconds, lags, published.Keys);
    }

    /// <summary>One submission at a time on an idle platform: label it once located, then time decision → catalogue.</summary>
    public async Task<List<double>> IdleLagAsync(int samples, CancellationToken ct)
    {
        using var organiser = await ClientAsync(new { role = "organiser", subject = "bench-idle", organisationId = "org-bench-idle" });
        using var reviewer = await ClientAsync(new { role = "admin", subject = "bench-idle-reviewer" });
        var lags = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var created = await organiser.PostAsJsonAsync("/api/submissions", Body(100_000 + i), ct);
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
            JsonElement reviewCase = default;
            while (reviewCase.ValueKind != JsonValueKind.Object)
            {
                await Task.Delay(10, ct);
                reviewCase = (await reviewer.GetFromJsonAsync<JsonElement>("/api/review/cases?status=unclaimed&limit=200", ct)).GetProperty("items")
                    .EnumerateArray().FirstOrDefault(c => c.GetProperty("submissionId").GetGuid() == id && c.GetProperty("location").GetString() == "located");
            }
            await Task.Delay(300, ct); // let the platform settle: idle means nothing else in flight
            var decided = await reviewer.PostAsJsonAsync($"/api/review/cases/{reviewCase.GetProperty("id").GetGuid()}/decision", new { decision = "label" }, ct);
            var at = (await decided.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("decision").GetProperty("at").GetDateTimeOffset();
            HttpResponseMessage entry;
            while (!(entry = await direct.GetAsync($"/api/catalogue/events/{id}", ct)).IsSuccessStatusCode) await Task.Delay(5, ct);
            lags.Add(((await entry.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("updatedAt").GetDateTimeOffset() - at).TotalMilliseconds);
        }
        return lags;
    }

    /// <summary>
    /// Polls the publication database (one indexed query) until every submission is in the catalogue: paging the
    /// public API for 5,000 events several times a second would charge the benchmark's own polling to the service.
    /// </summary>
    private async Task<Dictionary<Guid, DateTimeOffset>> WaitPublishedAsync(HashSet<Guid> ids, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        var wanted = ids.ToArray();
        await using var connection = new NpgsqlConnection(publicationDatabase);
        await connection.OpenAsync(ct);
        while (true)
        {
            var found = new Dictionary<Guid, DateTimeOffset>();
            await using (var query = new NpgsqlCommand("SELECT submission_id, updated_at FROM catalogue_entries WHERE submission_id = ANY($1)", connection))
            {
                query.Parameters.AddWithValue(wanted);
                await using var reader = await query.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) found[reader.GetGuid(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
            if (found.Count == ids.Count) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{found.Count}/{ids.Count} published after 10 minutes");
            await Task.Delay(200, ct);
        }
    }

    /// <summary>A client of the gateway holding a development token for this identity.</summary>
    public async Task<HttpClient> ClientAsync(object identity)
    {
        var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
        var token = (await (await client.PostAsJsonAsync("/dev/tokens", identity)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Submission number <paramref name="i"/>: its title, venue and day differ from every other number's.</summary>
    public JsonObject Body(int i) => Submissions.Body(i, $"Visite industrielle n° {i}", firstDay, "mecanique", "jeunes", "grand-public");
}
