using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Bench;

/// <summary>
/// The committees' peak (bench/workbench.sh, against a running deploy/run.sh): a departmental committee — the Gers COPIL, the
/// DIRECCTE Occitanie and the région's administrator, the three seeded reviewers — receives <c>cases</c> demands spread over
/// ten days (their arrival and deadline moved back in the review database), has decided the older ones and holds some;
/// then <c>reviewers</c> signed-in sessions (the three accounts, several sessions each, signed in through the real code flow
/// of the web front-end) open the workbench list, a case page and the dashboard at once. Measured: each page's time to the
/// last byte through the gateway on loopback (the pages' server time: the web front-end, its API calls, the services and
/// PostgreSQL), with think time (people reading, 1–3 s) and without (saturation). Prints p50/p95/p99 per page.
/// </summary>
public static partial class Workbench
{
    private const string Password = "Semaine-Industrie-2018";
    private static readonly string[] Committee = ["copil.gers@direccte.test", "direccte.occitanie@direccte.test", "admin.occitanie@direccte.test"];

    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var gateway = new Uri(o.GetValueOrDefault("gateway", "http://127.0.0.1:8080"));
        var identity = new Uri(o.GetValueOrDefault("identity", "http://127.0.0.1:8086"));
        var reviewDb = o["review-db"];
        var count = int.Parse(o.GetValueOrDefault("cases", "400"));
        var reviewers = int.Parse(o.GetValueOrDefault("reviewers", "20"));
        var seconds = TimeSpan.FromSeconds(int.Parse(o.GetValueOrDefault("seconds", "60")));
        void Say(string text) => Console.WriteLine($"[workbench {DateTime.Now:HH:mm:ss}] {text}");

        var run = Guid.NewGuid().ToString("N")[..6];
        var tokens = new HttpClient { BaseAddress = identity };
        async Task<HttpClient> BearerAsync(object request)
        {
            var answer = await (await tokens.PostAsJsonAsync("/dev/tokens", request)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", answer.GetProperty("token").GetString());
            return client;
        }

        // 1. The demands: organisations of the Gers (20 each, under the gateway's per-client write limit), posted at once.
        var gers = CommuneDirectory.Instance.All.Where(c => c.Departement == "32" && c.PostalCodes.Count > 0
            && CommuneDirectory.Instance.Resolve(c.PostalCodes[0], c.Name, null) is CommuneResolution.Found f && f.Commune.Code == c.Code).ToList();
        var organisers = await Task.WhenAll(Enumerable.Range(0, (count + 19) / 20).Select(i => BearerAsync(new { role = "organiser", subject = $"wb-{run}-{i}", organisationId = $"org-wb-{run}-{i}" })));
        var watch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(organisers.Select(async organiser =>
        {
            for (var n = 0; n < 20; n++)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= count) return;
                var venue = gers[i % gers.Count];
                var body = Submissions.Body(i, $"Atelier du banc des comités {run} n° {i + 1}", new DateOnly(2018, 3, 26), "aeronautique", "grand-public");
                body["venue"] = new JsonObject { ["name"] = "Atelier " + venue.Name, ["street"] = $"{1 + i % 90} rue de l'Industrie", ["postalCode"] = venue.PostalCodes[0], ["commune"] = venue.Name };
                var posted = await organiser.PostAsJsonAsync("/api/submissions", body);
                if (!posted.IsSuccessStatusCode) throw new InvalidOperationException($"POST {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
            }
        }));
        Say($"{count} demands posted in {watch.Elapsed.TotalSeconds:N1} s");

        // 2. Their cases, arrived over ten days (the oldest first): arrival and deadline moved back together.
        await using var db = NpgsqlDataSource.Create(reviewDb);
        var prefix = $"Atelier du banc des comités {run} %";
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (await ScalarAsync<long>(db, "SELECT count(*) FROM review_cases WHERE title LIKE $1", prefix) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the cases did not all open within 3 minutes");
            await Task.Delay(500);
        }
        await ExecuteAsync(db, """
            WITH ranked AS (SELECT id, row_number() OVER (ORDER BY title) AS n FROM review_cases WHERE title LIKE $1)
            UPDATE review_cases c SET first_received_at = c.first_received_at - (interval '10 days' * (1 - (r.n - 1)::float / $2)),
                                      version_received_at = c.version_received_at - (interval '10 days' * (1 - (r.n - 1)::float / $2)),
                                      due_at = c.due_at - (interval '10 days' * (1 - (r.n - 1)::float / $2))
            FROM ranked r WHERE c.id = r.id
            """, prefix, count);
        var cases = await ListAsync(db, "SELECT id FROM review_cases WHERE title LIKE $1 ORDER BY first_received_at", prefix);

        // 3. The committee's work so far: the older 70 % decided but one in eight of them (left overdue), by the three members
        //    (bulk decisions); 15 pending cases held by each.
        var members = await Task.WhenAll(Committee.Select(email => BearerAsync(new { email })));
        var decided = cases.Take(count * 7 / 10).Where((_, i) => i % 8 != 7).ToList();
        foreach (var (chunk, k) in decided.Chunk(100).Select((c, k) => (c, k)))
        {
            var answer = await members[k % 3].PostAsJsonAsync("/api/review/cases/decisions",
                new { decisions = chunk.Select(id => new { caseId = id, decision = "label" }) });
            answer.EnsureSuccessStatusCode();
        }
        var pending = cases.Except(decided).ToList();
        for (var m = 0; m < 3; m++)
            foreach (var id in pending.Skip(m * 15).Take(15))
                (await members[m].PostAsync($"/api/review/cases/{id}/claim", null)).EnsureSuccessStatusCode();
        var load = await members[0].GetFromJsonAsync<JsonElement>("/api/review/workload");
        var overdue = load.GetProperty("unclaimedOverdue").GetInt32() + load.GetProperty("reviewers").EnumerateArray().Sum(r => r.GetProperty("overdue").GetInt32());
        Say($"{decided.Count} decided, {pending.Count} pending, 45 held by the three members; the Gers queue has {overdue} case(s) past their deadline");

        // 4. The sessions: one person each, as the gateway limits each person's requests (StaffPermits): the committee's three,
        //    and reviewers of the whole région invited by the région's administrator, as people join, through the invitation mail
        //    (smtp4dev) and its page. All of them work on the Gers queue's pages: the worst case for it.
        var accounts = Committee.Take(reviewers).Select(email => (Email: email, Password)).ToList();
        var smtp = new HttpClient { BaseAddress = new Uri(o["smtp-web"]) };
        while (accounts.Count < reviewers)
        {
            var email = $"membre-{run}-{accounts.Count}@direccte.test";
            (await members[2].PostAsJsonAsync("/api/identity/committees/invitations", new { email, region = "76", departements = Array.Empty<string>() })).EnsureSuccessStatusCode();
            accounts.Add((email, await AcceptInvitationAsync(gateway, smtp, email, $"Membre {accounts.Count} du banc")));
        }
        var sessions = new List<HttpClient>();
        foreach (var (email, password) in accounts)
        {
            // Identity limits sign-ins per address (brute force): every session signs in from this one, so the bench waits its turn.
            for (var attempt = 1; ; attempt++)
            {
                try { sessions.Add(await SignInAsync(gateway, email, password)); break; }
                catch (RateLimitedException limited) when (attempt < 20) { await Task.Delay(limited.RetryAfter); }
            }
        }
        Say($"{reviewers} sessions signed in ({reviewers - Math.Min(reviewers, Committee.Length)} members invited for the run)");

        var pages = new (string Name, Func<Random, string> Address)[]
        {
            ("workbench list", _ => "/mon-espace/dossiers"),
            ("case page", random => $"/mon-espace/dossiers/{pending[random.Next(pending.Count)]}"),
            ("dashboard", _ => "/mon-espace/tableau-de-bord"),
        };
        // Warm-up, not measured: each session opens each page once (a service that runs for weeks has compiled them).
        await Task.WhenAll(sessions.Select(async (session, s) =>
        {
            foreach (var page in pages) (await session.GetAsync(page.Address(new Random(s)))).Dispose();
        }));
        await Task.Delay(TimeSpan.FromSeconds(11)); // the gateway's per-address window (10 s) starts afresh
        var results = new Dictionary<string, object>();
        // Two paces: people reading (1–3 s between pages) and people paging briskly (0.5–1.5 s). Faster is not people: every session
        // comes from one address here, and the gateway's per-address limit for pages (PublicPermits, 300 per 10 s) answers 429.
        foreach (var (phase, thinkMs) in new[] { ("reading (1–3 s between pages)", (1000, 3000)), ("brisk (0.5–1.5 s between pages)", (500, 1500)) })
        {
            var latencies = pages.ToDictionary(p => p.Name, _ => new List<double>());
            var errors = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(sessions.Select(async (session, s) =>
            {
                var random = new Random(s);
                var mine = pages.ToDictionary(p => p.Name, _ => new List<double>());
                while (clock.Elapsed < seconds)
                {
                    var page = pages[random.Next(pages.Length)];
                    var started = Stopwatch.GetTimestamp();
                    using var response = await session.GetAsync(page.Address(random));
                    await response.Content.LoadIntoBufferAsync();
                    // Only pages served count in the figures (a 429 answers in a millisecond); the others are counted by status.
                    if (response.StatusCode == HttpStatusCode.OK) mine[page.Name].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    else errors.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                    await Task.Delay(random.Next(thinkMs.Item1, thinkMs.Item2));
                }
                lock (latencies) foreach (var (name, values) in mine) latencies[name].AddRange(values);
            }));
            Say($"{phase}: {latencies.Values.Sum(l => l.Count)} pages in {clock.Elapsed.TotalSeconds:N0} s, {(errors.IsEmpty ? "all 200" : string.Join(", ", errors.Select(e => $"{e.Value} × {e.Key}")))}");
            var rows = new Dictionary<string, object>();
            foreach (var (name, values) in latencies)
            {
                var (p50, p95, p99, max) = Measure.Summary(values);
                Say($"  {name,-15} n={values.Count,5}  p50 {p50,6:N0} ms  p95 {p95,6:N0} ms  p99 {p99,6:N0} ms  max {max,6:N0} ms");
                rows[name] = new { count = values.Count, p50 = Math.Round(p50), p95 = Math.Round(p95), p99 = Math.Round(p99), max = Math.Round(max) };
            }
            results[phase] = new { pages = rows, notOk = errors.ToDictionary(e => e.Key.ToString(), e => e.Value), seconds = Math.Round(clock.Elapsed.TotalSeconds) };
        }
        if (o.TryGetValue("out", out var path))
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { cases = count, reviewers, decided = decided.Count, pending = pending.Count, overdue, results }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    /// <summary>Opens the invitation mail's link and chooses a name and a password, as the invited person does.</summary>
    private static async Task<string> AcceptInvitationAsync(Uri gateway, HttpClient smtp, string email, string name)
    {
        string? link = null;
        for (var tries = 0; link is null && tries < 100; tries++)
        {
            var page = await smtp.GetFromJsonAsync<JsonElement>($"api/messages?pageSize=50&searchTerms={Uri.EscapeDataString(email)}");
            foreach (var message in page.GetProperty("results").EnumerateArray())
            {
                var text = await smtp.GetStringAsync($"api/messages/{message.GetProperty("id").GetString()}/plaintext");
                if (InvitationLink().Match(text) is { Success: true } found) link = found.Value;
            }
            if (link is null) await Task.Delay(200);
        }
        if (link is null) throw new TimeoutException($"no invitation mail to {email}");
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = gateway };
        var address = new Uri(gateway, new Uri(link).PathAndQuery);
        var form = HiddenInput().Matches(await http.GetStringAsync(address))
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        var password = "Banc-des-comites-" + Guid.NewGuid().ToString("N")[..8];
        form["Name"] = name;
        form["Password"] = password;
        var accepted = await http.PostAsync(address, new FormUrlEncodedContent(form));
        if ((int)accepted.StatusCode >= 400) throw new InvalidOperationException($"invitation of {email}: {(int)accepted.StatusCode}");
        return password;
    }

    [GeneratedRegex(@"https?://\S+/compte/invitation\?\S+")]
    private static partial Regex InvitationLink();

    /// <summary>Signs in through the web front-end as a browser does: its challenge, identity's sign-in form (antiforgery), the code flow back.</summary>
    private static async Task<HttpClient> SignInAsync(Uri gateway, string email, string password)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
        var address = new Uri(gateway, "/session/connexion?retour=%2Fmon-espace%2Fdossiers");
        for (var hops = 0; hops < 15; hops++)
        {
            var response = await http.GetAsync(address);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                address = new Uri(address, response.Headers.Location!);
                continue;
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests) throw new RateLimitedException(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(10));
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"sign-in of {email}: {(int)response.StatusCode} at {address}");
            if (address.AbsolutePath == "/mon-espace/dossiers") return http;
            var form = HiddenInput().Matches(await response.Content.ReadAsStringAsync())
                .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
            form["Email"] = email;
            form["Password"] = password;
            var posted = await http.PostAsync(address, new FormUrlEncodedContent(form));
            if (posted.StatusCode == HttpStatusCode.TooManyRequests) throw new RateLimitedException(posted.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(10));
            if (posted.Headers.Location is not { } next) throw new InvalidOperationException($"sign-in of {email} refused ({(int)posted.StatusCode}) at {address}");
            address = new Uri(address, next);
        }
        throw new InvalidOperationException($"sign-in of {email}: too many redirects");
    }

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*name="(?<name>[^"]+)"[^>]*value="(?<value>[^"]*)"|<input[^>]*name="(?<name>[^"]+)"[^>]*type="hidden"[^>]*value="(?<value>[^"]*)""")]
    private static partial Regex HiddenInput();

    private static NpgsqlCommand Command(NpgsqlDataSource db, string sql, object[] values)
    {
        var command = db.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql, params object[] values)
    {
        await using var command = Command(db, sql, values);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource db, string sql, params object[] values)
    {
        await using var command = Command(db, sql, values);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<Guid>> ListAsync(NpgsqlDataSource db, string sql, params object[] values)
    {
        await using var command = Command(db, sql, values);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private sealed class RateLimitedException(TimeSpan retryAfter) : Exception("rate limited")
    {
        public TimeSpan RetryAfter => retryAfter;
    }
}
