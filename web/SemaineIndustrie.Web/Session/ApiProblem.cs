using System.Net.Http.Json;
using System.Text.Json;

namespace SemaineIndustrie.Web.Session;

/// <summary>
/// An API's refusal (RFC 9457 problem details) in one sentence for the page: its title in French when we
/// know it, then the details the API gave (field by field). The APIs stay the only judges; this only words it.
/// </summary>
public static class ApiProblem
{
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["Case changed meanwhile"] = "Le dossier a changé entre-temps",
        ["Claimed by someone else"] = "Un autre membre du comité a pris ce dossier",
        ["Location changed meanwhile"] = "Le lieu a changé entre-temps",
        ["Too many templates"] = "Trop de modèles",
        ["The submission has changed"] = "La demande a changé entre-temps",
        ["A newer version arrived"] = "Une version plus récente est arrivée",
        ["Not claimable"] = "Ce dossier ne peut pas être pris",
        ["Not pending"] = "Ce dossier n'est plus à instruire",
        ["Not possible in this state"] = "Impossible dans cet état",
        ["The bulk decision is not valid"] = "La décision groupée n'est pas valide",
        ["The correction is not valid"] = "La correction n'est pas valide",
        ["The decision is not valid"] = "La décision n'est pas valide",
        ["The motivation template is not valid"] = "Le modèle n'est pas valide",
        ["The note is not valid"] = "La note n'est pas valide",
        ["The request cannot be accepted"] = "La demande ne peut pas être acceptée",
    };

    public static string Title(string? title) => title is null ? "Refusé" : Titles.GetValueOrDefault(title, title);

    public static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        JsonElement problem;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return $"Refusé ({(int)response.StatusCode}).";
        }
        if (problem.ValueKind != JsonValueKind.Object) return $"Refusé ({(int)response.StatusCode}).";
        var details = problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? string.Join(" ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())))
            : problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        return Title(problem.TryGetProperty("title", out var title) ? title.GetString() : null) + (string.IsNullOrEmpty(details) ? "" : " — " + details);
    }
}
