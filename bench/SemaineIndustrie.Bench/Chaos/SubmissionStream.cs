using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SemaineIndustrie.Bench.Chaos;

/// <summary>
/// Organisers post a stream of submissions through both gateways at a steady rate, each with its own
/// Idempotency-Key and retried (on the other gateway) for as long as the platform refuses or fails — as an
/// organisation's system would; a scripted reviewer labels the cases through the API as they arrive.
/// </summary>
public sealed class SubmissionStream(Uri[] gateways, string runId, string scenario, DateOnly firstDay, Audit audit)
{
    private const int Organisers = 200; // the gateway allows 30 writes a minute per organiser
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> accepted = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> decided = new();
    private readonly ConcurrentDictionary<string, int> failures = new();
    private int failedAttempts;
    private int refused;

    public IReadOnlyDictionary<Guid, DateTimeOffset> Accepted => accepted;
    public IReadOnlyDictionary<Guid, DateTimeOffset> Decided => decided;
    public int FailedAttempts => failedAttempts;
    /// <summary>What the clients saw when an attempt failed: a status code, or the transport error.</summary>
    public IReadOnlyDictionary<string, int> Failures => failures;
    public int Refused => refused;

    /// <summary>
    /// Accepted submissions a restore to an earlier instant erased (the RPO of a restore drill): the stream stops waiting for their
    /// decision and publication. Returns those it forgot, with when they had been accepted.
    /// </summary>
    public IReadOnlyDictionary<Guid, DateTimeOffset> Forget(IEnumerable<Guid> gone)
    {
        var forgotten = new Dictionary<Guid, DateTimeOffset>();
        foreach (var id in gone)
        {
            if (accepted.TryRemove(id, out var at)) forgotten[id] = at;
            decided.TryRemove(id, out _);
        }
        return forgotten;
    }
    public string TitlePrefix => $"Chaos {runId} {scenario} n° ";

    public async Task RunAsync(int count, double rate, CancellationToken ct)
    {
        var organisers = new HttpClient[Organisers, gateways.Length];
        for (var o = 0; o < Organisers; o++)
        {
            var identity = new { role = "organiser", subject = $"chaos-{o}", organisationId = $"org-chaos-{o}" };
            var token = new RenewedToken(await TokenAsync(identity, ct), c => TokenAsync(identity, c));
            for (var g = 0; g < gateways.Length; g++) organisers[o, g] = Client(gateways[g], token);
        }
        var reviewer = new { role = "admin", subject = "chaos-reviewer" };
        var reviewerToken = new RenewedToken(await TokenAsync(reviewer, ct), c => TokenAsync(reviewer, c));
        var reviewers = gateways.Select(g => Client(g, reviewerToken)).ToArray();

        var clock = Stopwatch.StartNew();
        var posts = new List<Task>();
        var posting = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                var due = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, ct);
                var n = i;
                posts.Add(PostAsync(n, organisers, ct));
            }
            await Task.WhenAll(posts);
        }, ct);
        var reviewing = ReviewAsync(reviewers, posting, ct);
        await Task.WhenAll(posting, reviewing);
    }

    private async Task PostAsync(int i, HttpClient[,] organisers, CancellationToken ct)
    {
        var body = Submissions.Body(i, TitlePrefix + i, firstDay, "aeronautique", "jeunes");
        var key = $"chaos-{runId}-{scenario}-{i}";
        var deadline = DateTimeOffset.UtcNow.AddMinutes(5);
        for (var attempt = 0; ; attempt++)
        {
            var client = organisers[i % Organisers, attempt % gateways.Length];
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/submissions") { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await client.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
                    accepted.TryAdd(id, DateTimeOffset.UtcNow);
                    return;
                }
                if ((int)response.StatusCode is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict))
                {
                    Interlocked.Increment(ref refused); // a refusal the platform stands by: nothing to retry
                    Console.Error.WriteLine($"[chaos] {key} via {client.BaseAddress}: {(int)response.StatusCode} {string.Join("; ", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}={string.Join(",", h.Value)}"))} {await response.Content.ReadAsStringAsync(ct)}");
                    return;
                }
                failures.AddOrUpdate(((int)response.StatusCode).ToString(), 1, (_, n) => n + 1);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !ct.IsCancellationRequested)
            {
                failures.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
            }
            Interlocked.Increment(ref failedAttempts);
            if (DateTimeOffset.UtcNow > deadline) { Interlocked.Increment(ref refused); return; }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 200 * (attempt + 1))), ct);
        }
    }

    /// <summary>Labels our open cases in bulk until every accepted submission has its decision (read from the review database).</summary>
    private async Task ReviewAsync(HttpClient[] reviewers, Task posting, CancellationToken ct)
    {
        var round = 0;
        DateTimeOffset? lastProgress = null;
        var progressCount = 0;
        while (true)
        {
            var reviewer = reviewers[round++ % reviewers.Length];
            try
            {
                // Every page of the open cases: ours, and any a stopped run of the suite left (labelled too, so they do not crowd the queue).
                var cases = new List<(Guid Case, Guid Submission)>();
                string? cursor = null;
                do
                {
                    var page = await reviewer.GetFromJsonAsync<JsonElement>("/api/review/cases?status=unclaimed&limit=200" + (cursor is null ? "" : $"&cursor={cursor}"), ct);
                    cases.AddRange(page.GetProperty("items").EnumerateArray()
                        .Where(c => accepted.ContainsKey(c.GetProperty("submissionId").GetGuid()) || c.GetProperty("title").GetString()!.StartsWith("Chaos ", StringComparison.Ordinal))
                        .Select(c => (Case: c.GetProperty("id").GetGuid(), Submission: c.GetProperty("submissionId").GetGuid())));
                    cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
                }
                while (cursor is not null);
                foreach (var chunk in cases.Chunk(100))
                {
                    using var response = await reviewer.PostAsJsonAsync("/api/review/cases/decisions",
                        new { decisions = chunk.Select(c => new { caseId = c.Case, decision = "label" }) }, ct);
                    if (!response.IsSuccessStatusCode) continue;
                    var bySubmission = chunk.ToDictionary(c => c.Case, c => c.Submission);
                    foreach (var r in (await response.Content.ReadFromJsonAsync<JsonElement[]>(ct))!.Where(r => r.GetProperty("status").GetInt32() == 200))
                    {
                        var submission = bySubmission[r.GetProperty("caseId").GetGuid()];
                        if (accepted.ContainsKey(submission)) decided.TryAdd(submission, DateTimeOffset.UtcNow);
                    }
                }
                if (cases.Count > 0) continue;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException && !ct.IsCancellationRequested) { }

            if (posting.IsCompleted)
            {
                // Nothing left to decide for 5 minutes: what is still undecided is for the audit (lost), not a reason to wait forever.
                lastProgress ??= DateTimeOffset.UtcNow;
                if (decided.Count > progressCount) (lastProgress, progressCount) = (DateTimeOffset.UtcNow, decided.Count);
                if (DateTimeOffset.UtcNow - lastProgress > TimeSpan.FromMinutes(5)) return;
                // Decisions whose answer was lost on the way count from when the review database shows them.
                var undecided = accepted.Keys.Where(id => !decided.ContainsKey(id)).ToList();
                foreach (var id in await audit.DecidedAsync(undecided)) decided.TryAdd(id, DateTimeOffset.UtcNow);
                if (decided.Count >= accepted.Count) return;
            }
            await Task.Delay(500, ct);
        }
    }

    private async Task<string> TokenAsync(object identity, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var http = new HttpClient { BaseAddress = gateways[attempt % gateways.Length], Timeout = TimeSpan.FromSeconds(10) };
                using var response = await http.PostAsJsonAsync("/dev/tokens", identity, ct);
                if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString()!;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested) { }
            if (attempt > 50) throw new InvalidOperationException("no token from the identity service");
            await Task.Delay(500, ct);
        }
    }

    private static HttpClient Client(Uri gateway, RenewedToken token) =>
        new(new BearerHandler(token)) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// An access token lives 5 minutes: a drill's stream outlives it (a restore, then reconciliation), so each person's token is
    /// minted again after 4 minutes. Before, an expired reviewer token made every later call a silent 401 and the stream waited.
    /// </summary>
    private sealed class RenewedToken(string first, Func<CancellationToken, Task<string>> mint)
    {
        private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(4);
        private readonly SemaphoreSlim gate = new(1, 1);
        private (string Value, DateTimeOffset At) current = (first, DateTimeOffset.UtcNow);

        public async Task<string> GetAsync(CancellationToken ct)
        {
            if (DateTimeOffset.UtcNow - current.At < Lifetime) return current.Value;
            await gate.WaitAsync(ct);
            try
            {
                if (DateTimeOffset.UtcNow - current.At >= Lifetime) current = (await mint(ct), DateTimeOffset.UtcNow);
                return current.Value;
            }
            finally { gate.Release(); }
        }
    }

    private sealed class BearerHandler(RenewedToken token) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAsync(ct));
            return await base.SendAsync(request, ct);
        }
    }
}
