using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.Publication.Catalogue;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.Submission;
using SemaineIndustrie.Identity.Development;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Hardening;

/// <summary>A platform of its own: the suite counts what was stored before and after.</summary>
[CollectionDefinition(Name)]
public sealed class HostileInputCollection : ICollectionFixture<Platform>
{
    public const string Name = "hostile-input";
}

/// <summary>
/// Every write endpoint and every public query parameter, fed a table of hostile values through the
/// gateway: never a 5xx, a problem+json naming the field for what is refused, nothing stored, and what is
/// accepted still leaves every export readable by independent parsers (CsvHelper, Ical.Net, System.Text.Json).
/// </summary>
[Collection(HostileInputCollection.Name)]
public sealed class HostileInputSuite(Platform platform)
{
    private static readonly string Deep = new string('[', 2000) + new string(']', 2000);

    /// <summary>Hostile JSON values for any field: control characters, broken Unicode, size, nesting, wrong types.</summary>
    public static readonly (string Name, string Json)[] HostileValues =
    [
        ("NUL", "\"a\\u0000b\""), ("SOH", "\"\\u0001start\""), ("ESC", "\"\\u001b[31mred\""), ("BEL", "\"bell\\u0007\""),
        ("DEL", "\"del\\u007f\""), ("C1 NEL", "\"next\\u0085line\""), ("lone high surrogate", "\"\\ud800\""), ("lone low surrogate", "\"x\\udc00y\""),
        ("huge", "\"" + new string('x', 20_000) + "\""), ("number", "12"), ("huge number", "1e400"), ("object", "{}"), ("array", "[]"),
        ("boolean", "true"), ("deep nesting", Deep), ("10,000-element array", "[" + string.Join(',', Enumerable.Repeat("\"x\"", 10_000)) + "]"),
    ];

    /// <summary>Hostile values for numbers and dates.</summary>
    public static readonly (string Name, string Json)[] HostileNumbers =
    [
        ("string", "\"40\""), ("negative", "-1"), ("overflow", "2147483648"), ("huge", "1e400"), ("fraction", "1.5"), ("boolean", "false"),
        ("object", "{}"), ("NaN text", "\"NaN\""),
    ];

    public static readonly (string Name, string Json)[] HostileBooleans =
    [
        ("string", "\"true\""), ("number", "1"), ("object", "{}"), ("array", "[true]"), ("NUL string", "\"\\u0000\""),
    ];

    public static readonly (string Name, string Json)[] HostileDates =
    [
        ("year 1", "\"0001-01-01T00:00\""), ("year 9999", "\"9999-12-31T23:59\""), ("year 1 with offset", "\"0001-01-01T00:00:00+14:00\""),
        ("not a date", "\"2018-02-30T25:61\""), ("number", "20180327"), ("NUL", "\"2018-03-27T09:00\\u0000\""),
    ];

    /// <summary>Accepted as text, dangerous in exports: formulas and iCalendar payloads.</summary>
    public static readonly string[] FormulaAndCalendarPayloads =
    [
        "=HYPERLINK(\"http://evil.example\",\"Portes ouvertes\")", "+33 atelier ouvert", "-2+3 visite d'usine", "@SUM(1+1) démonstration",
        "Forum; métiers, \"industrie\" \\ connectée",
    ];

    private static readonly string[] SubmissionTextFields =
    [
        "title", "description", "eventType", "startsAt", "endsAt", "venue.name", "venue.street", "venue.postalCode", "venue.commune", "venue.communeInsee",
        "sectors[0]", "audiences[0]", "registration.url", "registration.email", "registration.phone", "accessibility.details",
        "organisingBody.name", "organisingBody.kind", "organisingBody.siret", "privateContact.name", "privateContact.email", "privateContact.phone",
    ];

    private readonly List<string> failures = [];

    private const string Placeholder = "__hostile_value__";

    /// <summary>The body's JSON text with the value at <paramref name="path"/> replaced by raw JSON (which may be invalid UTF-16 or nested deep).</summary>
    private static string With(JsonObject body, string path, string json)
    {
        var copy = body.DeepClone().AsObject();
        var parts = path.Replace("[0]", "").Split('.');
        JsonObject target = copy;
        foreach (var part in parts[..^1]) target = target[part]!.AsObject();
        if (path.EndsWith("[0]", StringComparison.Ordinal)) target[parts[^1]] = new JsonArray(Placeholder);
        else target[parts[^1]] = Placeholder;
        return copy.ToJsonString().Replace($"\"{Placeholder}\"", json);
    }

    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Never a 5xx; a refusal is problem+json and, for 400/422, names the field (or its parent).</summary>
    private async Task<HttpStatusCode> CheckAsync(string what, HttpResponseMessage response, string field, params HttpStatusCode[] accepted)
    {
        var status = response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if ((int)status >= 500) { failures.Add($"{what}: {(int)status} {Shorten(body)}"); return status; }
        if (accepted.Contains(status)) return status;
        if ((int)status < 400) { failures.Add($"{what}: {(int)status}, expected a refusal"); return status; }
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") { failures.Add($"{what}: {(int)status} without problem+json"); return status; }
        if (status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
        {
            // "a|b": either name is right (a valid coordinate may be refused as a "location" outside the département).
            var roots = field.Split('|').Select(f => f.Split('[', '.')[0]).ToList();
            var errors = JsonDocument.Parse(body).RootElement.TryGetProperty("errors", out var e) ? e.EnumerateObject().Select(p => p.Name).ToList() : [];
            if (!errors.Any(k => roots.Any(root => k.StartsWith(root, StringComparison.Ordinal))))
                failures.Add($"{what}: {(int)status} does not name '{field}' (errors: {string.Join(", ", errors)})");
        }
        return status;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>The organisation's submissions, and every outbox row of the submission service (this class's tests run one at a time on their own platform).</summary>
    private Task<(int Submissions, int Outbox)> StoredAsync(string org) => platform.QueryAsync<SemaineIndustrie.Submission.ServiceMarker, SubmissionDbContext, (int, int)>(async db =>
        (await db.Submissions.CountAsync(s => s.OrganiserId == org), await db.Set<OutboxMessage>().CountAsync()));

    [Fact]
    public async Task Submissions_refuse_every_hostile_value_cleanly_and_store_nothing()
    {
        const string org = "org-hostile-create";
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "hostile", OrganisationId: org));
        var before = await StoredAsync(org);
        var cases = new List<(string Field, string Name, string Json)>();
        foreach (var field in SubmissionTextFields)
            foreach (var (name, json) in HostileValues) cases.Add((field, name, json));
        foreach (var field in new[] { "startsAt", "endsAt" })
            foreach (var (name, json) in HostileDates) cases.Add((field, name, json));
        foreach (var (name, json) in HostileNumbers) cases.Add(("capacity", name, json));
        foreach (var field in new[] { "freeOfCharge", "registration.required", "accessibility.wheelchairAccessible" })
            foreach (var (name, json) in HostileBooleans) cases.Add((field, name, json));
        foreach (var field in new[] { "venue", "registration", "organisingBody", "privateContact", "sectors" })
            foreach (var json in new[] { "\"x\"", "12", "true" }) cases.Add((field, "wrong type", json));

        foreach (var chunk in cases.Chunk(8))
        {
            await Task.WhenAll(chunk.Select(async c =>
            {
                var response = await organiser.PostAsync("/api/submissions", Raw(With(Samples.Submission(), c.Field, c.Json)));
                await CheckAsync($"POST {c.Field} = {c.Name}", response, c.Field);
            }));
        }
        foreach (var (name, body) in new[] { ("array", "[]"), ("null", "null"), ("string", "\"x\""), ("deep nesting", Deep), ("empty", "") })
        {
            await CheckAsync($"POST body {name}", await organiser.PostAsync("/api/submissions", new StringContent(body, Encoding.UTF8, "application/json")), "body");
        }
        var invalidUtf8 = Encoding.UTF8.GetBytes(Samples.Submission().ToJsonString()).ToList();
        invalidUtf8.InsertRange(invalidUtf8.IndexOf((byte)'P'), [0xC3, 0x28, 0xFF]);
        using (var bytes = new ByteArrayContent(invalidUtf8.ToArray()) { Headers = { ContentType = new("application/json") } })
        {
            await CheckAsync("POST invalid UTF-8", await organiser.PostAsync("/api/submissions", bytes), "title");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failure(s):\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal((0, before.Outbox), await StoredAsync(org));
    }

    [Fact]
    public async Task Batch_items_with_hostile_values_are_refused_and_store_nothing()
    {
        const string org = "org-hostile-batch";
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "hostile", OrganisationId: org));
        var before = await StoredAsync(org);
        var cases = SubmissionTextFields.SelectMany(field => HostileValues.Select(v => (Field: field, v.Name, v.Json)))
            .Concat(HostileValues.Select(v => (Field: "key", v.Name, v.Json)));
        foreach (var chunk in cases.Chunk(8))
        {
            await Task.WhenAll(chunk.Select(async c =>
            {
                var item = c.Field == "key"
                    ? $"{{\"key\":{c.Json},\"submission\":{Samples.Submission().ToJsonString()}}}"
                    : $"{{\"key\":\"k-{Guid.NewGuid():N}\",\"submission\":{With(Samples.Submission(), c.Field, c.Json)}}}";
                var response = await organiser.PostAsync("/api/submissions/batch", Raw($"{{\"items\":[{item}]}}"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    // Readable but not acceptable: refused for that item, with its fields.
                    var result = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0];
                    if (result.GetProperty("status").GetInt32() != 422 || result.GetProperty("errors").ValueKind != JsonValueKind.Object)
                        failures.Add($"batch {c.Field} = {c.Name}: item {result}");
                    return;
                }
                await CheckAsync($"batch {c.Field} = {c.Name}", response, "items");
            }));
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failure(s):\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal((0, before.Outbox), await StoredAsync(org));
    }

    [Fact]
    public async Task Revisions_refuse_hostile_values_and_keep_the_version()
    {
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "hostile", OrganisationId: "org-hostile-revise"));
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var version = 1;
        foreach (var field in new[] { "title", "description", "venue.street", "organisingBody.name", "registration.url", "capacity", "endsAt" })
        {
            foreach (var (name, json) in HostileValues.Concat(field == "capacity" ? HostileNumbers : field == "endsAt" ? HostileDates : []))
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/submissions/{id}") { Content = Raw(With(Samples.Submission(), field, json)) };
                request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
                var status = await CheckAsync($"PUT {field} = {name}", await organiser.SendAsync(request), field, HttpStatusCode.OK);
                if (status != HttpStatusCode.OK) continue;
                if (field == "capacity" && json == "12") version++; // a hostile table's plain number is a valid capacity
                else failures.Add($"PUT {field} = {name}: accepted");
            }
        }
        foreach (var ifMatch in new[] { "\"1\u0000\"", "W/\"1\"", new string('"', 5000) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/submissions/{id}") { Content = JsonContent.Create(Samples.Submission()) };
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            HttpResponseMessage? response = null;
            try { response = await organiser.SendAsync(request); } catch (HttpRequestException) { continue; } // the client itself refuses to send a NUL header
            if (ifMatch.Contains('\u0000'))
            {
                // Kestrel refuses a control character in a header while parsing the request: a bare 400, before any code of ours.
                if (response.StatusCode != HttpStatusCode.BadRequest) failures.Add($"PUT If-Match with NUL: {(int)response.StatusCode}");
                continue;
            }
            await CheckAsync("PUT If-Match " + ifMatch[..Math.Min(8, ifMatch.Length)], response, "If-Match");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failure(s):\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal(version, (await organiser.GetFromJsonAsync<JsonElement>($"/api/submissions/{id}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Review_and_geocoding_writes_refuse_hostile_values_and_change_nothing()
    {
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "hostile", OrganisationId: "org-hostile-review"));
        using var admin = await platform.ClientAsync(new DevTokenRequest("admin", "dge"));
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission());
        var submissionId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var reviewCase = await Eventually.Until(async () => (await admin.CasesAsync()).FirstOrDefault(c => c.GetProperty("submissionId").GetGuid() == submissionId),
            c => c.ValueKind == JsonValueKind.Object && c.GetProperty("location").GetString() == "located", "the located case");
        var caseId = reviewCase.GetProperty("id").GetGuid();
        var auditBefore = (await admin.GetFromJsonAsync<JsonElement[]>($"/api/review/cases/{caseId}/audit"))!.Length;
        var locationBefore = await admin.GetStringAsync($"/api/geocoding/venues/{submissionId}");

        var valid = new JsonObject { ["decision"] = "refuse", ["motivation"] = "Motif valable.", ["version"] = 1 };
        foreach (var field in new[] { "decision", "motivation", "version" })
        {
            foreach (var (name, json) in field == "version" ? HostileNumbers : HostileValues)
            {
                var response = await admin.PostAsync($"/api/review/cases/{caseId}/decision", Raw(With(valid, field, json)));
                await CheckAsync($"decision {field} = {name}", response, field);
                var item = With(valid.DeepClone().AsObject().Also(o => o["caseId"] = caseId.ToString()), field, json);
                await CheckAsync($"bulk {field} = {name}", await admin.PostAsync("/api/review/cases/decisions", Raw($"{{\"decisions\":[{item}]}}")), "decisions", HttpStatusCode.OK);
            }
        }
        foreach (var (name, json) in HostileValues)
        {
            await CheckAsync($"note text = {name}", await admin.PostAsync($"/api/review/cases/{caseId}/notes", Raw(With(new JsonObject { ["text"] = "ok" }, "text", json))), "text");
            await CheckAsync($"bulk decisions = {name}", await admin.PostAsync("/api/review/cases/decisions", Raw($"{{\"decisions\":{json}}}")), "decisions");
            await CheckAsync($"bulk caseId = {name}", await admin.PostAsync("/api/review/cases/decisions",
                Raw($"{{\"decisions\":[{With(valid, "caseId", json)}]}}")), "decisions", HttpStatusCode.OK);
        }
        await CheckAsync("bulk [null]", await admin.PostAsync("/api/review/cases/decisions", new StringContent("""{"decisions":[null]}""", Encoding.UTF8, "application/json")), "decisions");
        foreach (var field in new[] { "latitude", "longitude" })
        {
            foreach (var (name, json) in HostileNumbers.Concat([("out of range", "95.5"), ("null", "null"), ("NUL", "\"\\u0000\"")]))
            {
                var body = With(new JsonObject { ["latitude"] = 43.65, ["longitude"] = 0.59 }, field, json);
                await CheckAsync($"location {field} = {name}", await admin.PutAsync($"/api/geocoding/venues/{submissionId}/location", Raw(body)), field + "|location");
            }
        }
        foreach (var (name, json) in HostileValues)
        {
            foreach (var field in new[] { "role", "subject", "organisationId", "region", "departements[0]" })
            {
                var body = With(new JsonObject { ["role"] = "organiser", ["subject"] = "s", ["organisationId"] = "o", ["region"] = "76", ["departements"] = new JsonArray("32") }, field, json);
                await CheckAsync($"dev token {field} = {name}", await admin.PostAsync("/dev/tokens", Raw(body)), field);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failure(s):\n" + string.Join("\n", failures.Take(40)));
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/review/cases/{caseId}");
        Assert.Equal("pending", after.GetProperty("status").GetString());
        Assert.Empty(after.GetProperty("notes").EnumerateArray());
        Assert.Equal(auditBefore, (await admin.GetFromJsonAsync<JsonElement[]>($"/api/review/cases/{caseId}/audit"))!.Length);
        Assert.Equal(locationBefore, await admin.GetStringAsync($"/api/geocoding/venues/{submissionId}"));
    }

    [Fact]
    public async Task Identity_writes_refuse_hostile_values_and_store_nothing()
    {
        using var admin = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.NationalAdmin), platform.Gateway);
        using var organiser = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.Organiser), platform.Gateway);
        Task<(int, int, int)> Stored() => platform.QueryAsync<SemaineIndustrie.Identity.ServiceMarker, SemaineIndustrie.Identity.PlatformIdentityDbContext, (int, int, int)>(async db =>
            (await db.Organisations.CountAsync(), await db.Invitations.CountAsync(), await db.Audit.CountAsync()));
        var before = await Stored();

        var writes = new (HttpClient Caller, HttpMethod Method, string Path, JsonObject Valid, string[] Fields)[]
        {
            (organiser, HttpMethod.Post, "/api/identity/organisations", new JsonObject { ["name"] = "Atelier", ["kind"] = "company", ["siret"] = "73282932000074" }, ["name", "kind", "siret"]),
            (organiser, HttpMethod.Post, "/api/identity/organisations/mine/invitations", new JsonObject { ["email"] = "a@b.test" }, ["email"]),
            (organiser, HttpMethod.Post, "/api/identity/organisations/mine/clients", new JsonObject { ["name"] = "SI" }, ["name"]),
            (admin, HttpMethod.Post, "/api/identity/committees/invitations", new JsonObject { ["email"] = "a@b.test", ["region"] = "76", ["departements"] = new JsonArray("32") }, ["email", "region", "departements[0]"]),
            (admin, HttpMethod.Post, "/api/identity/admins/invitations", new JsonObject { ["email"] = "a@b.test", ["region"] = "76" }, ["email", "region"]),
        };
        foreach (var (caller, method, path, valid, fields) in writes)
        {
            foreach (var field in fields)
            {
                foreach (var (name, json) in HostileValues)
                {
                    using var request = new HttpRequestMessage(method, path) { Content = Raw(With(valid, field, json)) };
                    await CheckAsync($"{path} {field} = {name}", await caller.SendAsync(request), field);
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failure(s):\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal(before, await Stored());
    }

    public static readonly string[] HostileQueryValues =
    [
        "%00", "a%00b", "%01", "%1B%5B31m", "%7F", "%C2%85", "%ED%A0%80", "%FF%FE", "%0D%0AX-Injected:%201", new string('x', 1500),
        "NaN", "Infinity", "0001-01-01", "9999-12-31", "-1", "99999999999999999999", "1e400", "'%20OR%201=1--", "%3Cscript%3Ealert(1)%3C/script%3E",
    ];

    [Fact]
    public async Task Every_public_query_parameter_refuses_cleanly_or_answers_a_readable_document()
    {
        using var anonymous = await platform.ClientAsync();
        string[] paths = ["/api/catalogue/events", "/api/catalogue/events.geojson", "/api/catalogue/events.csv", "/api/catalogue/events.ics",
            "/api/catalogue/events.jsonld", "/api/catalogue/stats"];
        string[] parameters = ["region", "departement", "commune", "sector", "audience", "from", "to", "q", "bbox", "edition", "limit", "cursor"];
        var requests = paths.SelectMany(path => parameters.SelectMany(p => HostileQueryValues.Select(v => (path, p, v)))).ToList();
        foreach (var chunk in requests.Chunk(16))
        {
            await Task.WhenAll(chunk.Select(async r =>
            {
                var response = await anonymous.GetAsync($"{r.path}?{r.p}={r.v}");
                var what = $"GET {r.path}?{r.p}={Shorten(r.v)}";
                if (await CheckAsync(what, response, r.p, HttpStatusCode.OK) != HttpStatusCode.OK) return;
                try
                {
                    ReadDocument(r.path, await response.Content.ReadAsByteArrayAsync());
                }
                catch (Exception ex)
                {
                    failures.Add($"{what}: 200 but unreadable: {ex.Message}");
                }
            }));
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failure(s):\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public async Task Reviewer_and_organiser_list_parameters_refuse_cleanly()
    {
        using var admin = await platform.ClientAsync(new DevTokenRequest("admin", "dge"));
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "o", OrganisationId: "org-hostile-lists"));
        var requests = new[] { "departement", "status", "sector", "from", "to", "overdue", "limit", "cursor" }
            .SelectMany(p => HostileQueryValues.Select(v => (Client: admin, Path: "/api/review/cases", Parameter: p, Value: v)))
            .Concat(new[] { "status", "limit", "cursor" }.SelectMany(p => HostileQueryValues.Select(v => (Client: organiser, Path: "/api/submissions", Parameter: p, Value: v))))
            .ToList();
        foreach (var chunk in requests.Chunk(16))
        {
            await Task.WhenAll(chunk.Select(async r =>
            {
                var response = await r.Client.GetAsync($"{r.Path}?{r.Parameter}={r.Value}");
                if (await CheckAsync($"GET {r.Path}?{r.Parameter}={Shorten(r.Value)}", response, r.Parameter, HttpStatusCode.OK) == HttpStatusCode.OK)
                    JsonDocument.Parse(await response.Content.ReadAsStringAsync()).Dispose();
            }));
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failure(s):\n" + string.Join("\n", failures.Take(40)));
    }

    private static void ReadDocument(string path, byte[] body)
    {
        if (path.EndsWith(".csv", StringComparison.Ordinal)) ExportReaders.Csv(body);
        else if (path.EndsWith(".ics", StringComparison.Ordinal)) ExportReaders.Calendar(Encoding.UTF8.GetString(body));
        else ExportReaders.Json(Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task Hostile_but_acceptable_text_is_published_and_every_export_still_parses()
    {
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "hostile", OrganisationId: "org-hostile-exports"));
        using var admin = await platform.ClientAsync(new DevTokenRequest("admin", "dge"));
        var ids = new List<Guid>();
        for (var i = 0; i < FormulaAndCalendarPayloads.Length; i++)
        {
            var payload = FormulaAndCalendarPayloads[i];
            var body = Samples.Submission(payload);
            body["description"] = payload + "\r\nATTACH:http://evil.example/x.exe\r\nBEGIN:VEVENT\r\n" + payload;
            body["venue"]!["name"] = payload;
            body["organisingBody"]!["name"] = payload;
            body["accessibility"]!["details"] = payload + "\nEND:VCALENDAR";
            body["registration"]!["phone"] = "+33 6 12 34 56 7" + i;
            var response = await organiser.PostAsJsonAsync("/api/submissions", body);
            var status = await CheckAsync($"POST payload {payload}", response, "title", HttpStatusCode.Created);
            if (status == HttpStatusCode.Created) ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failure(s):\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal(FormulaAndCalendarPayloads.Length, ids.Count);

        var cases = await Eventually.Until(async () => (await admin.CasesAsync()).Where(c => ids.Contains(c.GetProperty("submissionId").GetGuid())).ToList(),
            c => c.Count == ids.Count, "every case opened");
        var decided = await admin.PostAsJsonAsync("/api/review/cases/decisions", new { decisions = cases.Select(c => new { caseId = c.GetProperty("id").GetGuid(), decision = "label" }) });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        await Eventually.Until(async () => (await anonymous().GetFromJsonAsync<JsonElement>("/api/catalogue/events?limit=100")).GetProperty("items").GetArrayLength(),
            n => n >= ids.Count, "every event published");

        using var reader = anonymous();
        var csv = ExportReaders.Csv(await reader.GetByteArrayAsync("/api/catalogue/events.csv"));
        var title = Array.IndexOf(CatalogueExports.CsvColumns, "title");
        foreach (var id in ids)
        {
            var row = csv.Single(r => r[0] == id.ToString());
            foreach (var cell in row.Where((_, column) => column is not (15 or 16))) // latitude and longitude are numbers
                Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0]), $"CSV cell starts like a formula: {cell}");
        }
        Assert.Contains(csv, r => r[title] == "'=HYPERLINK(\"http://evil.example\",\"Portes ouvertes\")");

        var calendar = ExportReaders.Calendar(await reader.GetStringAsync("/api/catalogue/events.ics"));
        Assert.Equal(ids.Count, calendar.Events.Count(e => ids.Any(id => e.Uid == $"{id}@semaine-industrie.gouv.fr")));
        Assert.All(calendar.Events, e => Assert.Empty(e.Attachments));
        Assert.Contains(calendar.Events, e => e.Summary == "Forum; métiers, \"industrie\" \\ connectée");

        var jsonLd = ExportReaders.Json(await reader.GetStringAsync("/api/catalogue/events.jsonld"));
        Assert.True(jsonLd.GetProperty("numberOfItems").GetInt32() >= ids.Count);
        var geoJson = ExportReaders.Json(await reader.GetStringAsync("/api/catalogue/events.geojson"));
        Assert.True(geoJson.GetProperty("features").GetArrayLength() >= ids.Count);

        HttpClient anonymous() => new() { BaseAddress = platform.Gateway };
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}
