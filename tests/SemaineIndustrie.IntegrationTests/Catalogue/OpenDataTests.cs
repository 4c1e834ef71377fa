using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.Playwright;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Catalogue;

/// <summary>
/// The open dataset (issue 32, part 3): a national admin publishes it, a regional one or a stranger cannot; it lists a
/// labelled event and not a refused one, carries no private contact, and validates against its own schemas with the
/// reference validators — the Frictionless JavaScript libraries (datapackage + tableschema) for the data package and its
/// CSV, JsonSchema.Net for the JSON — read through the gateway, as reusers read it. (In the signed-in pages' collection:
/// staging events where the public pages count theirs would change their counts.)
/// </summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class OpenDataTests(Platform platform, BrowserFixture browser)
{
    [Fact]
    public async Task The_daily_dataset_lists_labelled_events_without_private_contact_and_validates_against_its_schemas()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var privateEmail = $"contact.prive.{run}@example.org";
        var privatePhone = $"06 98 76 {Random.Shared.Next(10, 100)} 00";
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "open-data", OrganisationId: "org-open-data-" + run));
        using var admin = await platform.ClientAsync(new DevTokenRequest("admin", "open-data-dge"));
        var ids = new Dictionary<string, Guid>();
        foreach (var outcome in new[] { "label", "refuse" })
        {
            var submission = Samples.Submission($"=HYPERLINK(\"https://x.example\") Données, \"ouvertes\" {outcome} {run}");
            submission["description"] = "Première ligne ;\nseconde ligne, avec des « guillemets ».";
            submission["privateContact"] = new JsonObject { ["name"] = $"Personne Privée {run}", ["email"] = privateEmail, ["phone"] = privatePhone };
            submission["registration"] = new JsonObject { ["required"] = true, ["url"] = "https://example.org/inscription", ["email"] = $"inscription.{run}@example.org" };
            var created = await organiser.PostAsJsonAsync("/api/submissions", submission);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.ReadAsync<SubmissionView>()).Id;
            var caseId = await platform.CaseOfAsync(id);
            var decided = await admin.PostAsJsonAsync($"/api/review/cases/{caseId}/decision", new { decision = outcome, motivation = outcome == "refuse" ? "Hors du thème." : null });
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
            ids[outcome] = id;
        }
        using var anonymous = await platform.ClientAsync();
        await Eventually.Until(async () => (await anonymous.GetAsync($"/api/catalogue/events/{ids["label"]}")).StatusCode, s => s == HttpStatusCode.OK, "the labelled event published");

        // Publishing at once is the national team's: a regional admin and an anonymous caller are refused.
        using var regional = await platform.ClientAsync(new DevTokenRequest("admin", "open-data-occitanie", Region: "76"));
        Assert.Equal(HttpStatusCode.Forbidden, (await regional.PostAsync("/api/catalogue/open-data/publication", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/catalogue/open-data/publication", null)).StatusCode);
        var published = await admin.PostAsync("/api/catalogue/open-data/publication", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Contains((await published.Content.ReadFromJsonAsync<JsonArray>())!, e => (int)e!["edition"]! == 2018 && (int)e["events"]! >= 1);

        // The files as reusers download them: the data package's sizes and hashes are those of the files beside it (the gateway
        // may keep an earlier answer for a few seconds).
        var folder = "/api/catalogue/open-data/2018";
        var (package, files) = await Eventually.Until(async () =>
            {
                var descriptor = JsonNode.Parse(await anonymous.GetStringAsync($"{folder}/datapackage.json"))!;
                var downloaded = new Dictionary<string, byte[]>();
                foreach (var resource in descriptor["resources"]!.AsArray())
                    downloaded[(string)resource!["format"]!] = await Download(anonymous, new Uri((string)resource["path"]!).PathAndQuery);
                return (descriptor, downloaded);
            },
            x => x.descriptor["resources"]!.AsArray().All(r => (string?)r!["hash"] == "sha256:" + Sha256(x.downloaded[(string)r["format"]!])
                    && (long)r["bytes"]! == x.downloaded[(string)r["format"]!].LongLength)
                && Encoding.UTF8.GetString(x.downloaded["csv"]).Contains(ids["label"].ToString(), StringComparison.Ordinal),
            "the published dataset, with the labelled event");
        Assert.Equal("etalab-2.0", (string?)package["licenses"]![0]!["name"]);
        Assert.Equal(["csv", "geojson", "json"], files.Keys.Order());
        var index = JsonNode.Parse(await anonymous.GetStringAsync("/api/catalogue/open-data"))!;
        Assert.Contains(index["editions"]!.AsArray(), e => (int)e!["edition"]! == 2018);

        var csv = Encoding.UTF8.GetString(files["csv"]);
        Assert.StartsWith("id,version,edition,title,", csv, StringComparison.Ordinal); // no byte-order mark
        Assert.Contains(ids["label"].ToString(), csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"https://x.example\"\") Données, \"\"ouvertes\"\" label", csv, StringComparison.Ordinal); // quoted, no formula
        foreach (var (format, bytes) in files)
        {
            var text = Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain(ids["refuse"].ToString(), text, StringComparison.Ordinal);
            foreach (var secret in new[] { privateEmail, privatePhone, $"Personne Privée {run}", $"inscription.{run}@example.org", "siret" })
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{format} holds {secret}");
        }
        var feature = JsonNode.Parse(files["geojson"])!["features"]!.AsArray().Single(f => (string?)f!["id"] == ids["label"].ToString())!;
        Assert.Equal("Point", (string?)feature["geometry"]!["type"]);
        Assert.Equal("32", (string?)feature["properties"]!["departement"]);

        // The Frictionless reference validator: descriptor, Table Schema, and every CSV row against it (types, formats, required,
        // unique, enum, bounds; tableschema-js does not anchor patterns, so the JSON Schema below checks those on the same records).
        var report = await ValidateDataPackageAsync(new Uri(platform.Gateway, $"{folder}/datapackage.json"));
        Assert.True((bool)report["valid"]!, report.ToJsonString());
        Assert.True((int)report["rows"]!["evenements"]! >= 1, report.ToJsonString());

        // The JSON file against its JSON Schema (formats checked too: uuid, uri, date-time).
        var schema = JsonSchema.FromText(await anonymous.GetStringAsync("/api/catalogue/open-data/events.schema.json"));
        var result = schema.Evaluate(JsonDocument.Parse(files["json"]).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}")));
        // …and the schema is not a pass-everything: a record without its id is refused.
        var broken = JsonNode.Parse(files["json"])!.AsArray();
        broken[0]!.AsObject().Remove("id");
        Assert.False(schema.Evaluate(JsonDocument.Parse(broken.ToJsonString()).RootElement, new EvaluationOptions { RequireFormatValidation = true }).IsValid);

        // Stable addresses, conditional GETs: the same bytes keep their ETag.
        var first = await anonymous.GetAsync($"{folder}/events.csv");
        var etag = first.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"{folder}/events.csv");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(conditional)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{folder}/secrets.csv")).StatusCode);

        // The /donnees page explains them, in both languages, and links to the files; the footer of every page links to it.
        var page = await browser.PageAsync(platform.Gateway);
        await page.GotoAsync("/edition");
        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Données ouvertes", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Données ouvertes");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Édition 2018" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Télécharger Tableau (CSV) — 2018" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/api/catalogue/open-data/2018/events\\.csv$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "commune_insee", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Licence Ouverte / Etalab 2.0");
        await BrowserFixture.AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "open-data");
        await page.GotoAsync("/langue/en?retour=%2Fdonnees");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Open data");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download Table (CSV) — 2018" })).ToBeVisibleAsync();
        await BrowserFixture.AccessibleAsync(page);
    }

    private static async Task<byte[]> Download(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    private static async Task<JsonNode> ValidateDataPackageAsync(Uri descriptor)
    {
        var start = new ProcessStartInfo("node", ["validate.js", descriptor.ToString()])
        {
            WorkingDirectory = Path.Combine(PlatformSettings.RepositoryRoot(), "tests", "open-data-validator"),
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(timeout.Token);
        return JsonNode.Parse(await output) ?? throw new InvalidOperationException("validator: " + await errors);
    }
}
