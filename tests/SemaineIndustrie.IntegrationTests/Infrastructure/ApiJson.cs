using System.Net.Http.Json;
using System.Text.Json;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>Reads API answers into the services' own view types, with the APIs' own JSON rules (camelCase, enums by name).</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ProblemDetailsAndJson.Configure(options);
        return options;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Options)) ?? throw new InvalidOperationException($"empty {typeof(T).Name}");

    public static async Task<T> GetAsync<T>(this HttpClient client, string path) =>
        (await client.GetFromJsonAsync<T>(path, Options)) ?? throw new InvalidOperationException($"empty {typeof(T).Name} at {path}");
}
