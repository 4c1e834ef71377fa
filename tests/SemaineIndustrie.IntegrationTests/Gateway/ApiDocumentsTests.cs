using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Gateway;

/// <summary>
/// The six APIs describe their answers: every document is served through the gateway, and every operation in it
/// documents a success answer — with a schema, unless it answers no content (202 accepted, 204). That the services answer only what
/// they declare is checked on every answer of every integration test (ResponseContract, checked by Platform).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ApiDocumentsTests(Platform platform)
{
    public static readonly string[] Documents = ["identity", "submission", "review", "geocoding", "publication", "notification"];

    [Fact]
    public async Task Every_operation_of_the_six_apis_documents_its_success_with_a_schema()
    {
        using var client = await platform.ClientAsync();
        var missing = new List<string>();
        var operations = 0;
        foreach (var service in Documents)
        {
            var document = (await client.GetFromJsonAsync<JsonObject>($"/openapi/{service}.json"))!;
            Assert.StartsWith("3.", document["openapi"]!.GetValue<string>());
            var paths = document["paths"]!.AsObject();
            Assert.True(paths.Any(p => p.Key.StartsWith("/api/", StringComparison.Ordinal)), $"{service} documents no /api operation");
            foreach (var (path, item) in paths)
            {
                if (!path.StartsWith("/api/", StringComparison.Ordinal)) continue;
                foreach (var (method, operation) in item!.AsObject())
                {
                    operations++;
                    var responses = operation!["responses"]?.AsObject() ?? [];
                    var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
                    if (success.Count == 0) { missing.Add($"{service}: {method.ToUpperInvariant()} {path} documents no success answer"); continue; }
                    foreach (var (status, response) in success)
                    {
                        if (status is "202" or "204") continue; // accepted or done, nothing to say
                        var schemas = response!["content"]?.AsObject().Select(c => c.Value?["schema"]).Where(s => s is not null).ToList() ?? [];
                        if (schemas.Count == 0) missing.Add($"{service}: {method.ToUpperInvariant()} {path} → {status} has no schema");
                    }
                }
            }
        }
        Assert.True(missing.Count == 0, $"{missing.Count} of {operations} operations are not described:\n" + string.Join("\n", missing));
        Assert.True(operations >= 59, $"only {operations} operations documented"); // 61 until identity's two recipients operations went (people are announced by events)
    }
}
