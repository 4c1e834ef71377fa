using System.Net.Http.Json;
using System.Text.Json;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

public static class ReviewClient
{
    /// <summary>The first page (up to 200) of the review cases a reviewer sees, with an optional query string.</summary>
    public static async Task<JsonElement[]> CasesAsync(this HttpClient reviewer, string query = "")
    {
        var page = await reviewer.GetFromJsonAsync<JsonElement>("/api/review/cases?limit=200" + (query.Length > 0 ? "&" + query.TrimStart('?') : ""));
        return page.GetProperty("items").EnumerateArray().ToArray();
    }

    /// <summary>The same list, read into the review API's <see cref="CaseSummary"/>.</summary>
    public static async Task<IReadOnlyList<CaseSummary>> CaseSummariesAsync(this HttpClient reviewer, string query = "") =>
        (await reviewer.GetAsync<CasePage>("/api/review/cases?limit=200" + (query.Length > 0 ? "&" + query.TrimStart('?') : ""))).Items;
}
