using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SemaineIndustrie.Contracts.Submissions;

namespace SemaineIndustrie.Web.Api;

/// <summary>An API's refusal as RFC 9457 problem details, with the extensions our APIs add (field errors, commune candidates).</summary>
public sealed record ProblemDocument(string? Title, string? Detail, int? Status, IReadOnlyDictionary<string, string[]>? Errors,
    IReadOnlyList<CommuneCandidate>? CommuneCandidates)
{
    /// <summary>The field errors keyed by form field (list indices dropped: <c>sectors[2]</c> is <c>sectors</c>).</summary>
    public IEnumerable<KeyValuePair<string, string>> FieldErrors() => (Errors ?? new Dictionary<string, string[]>())
        .GroupBy(e => Regex.Replace(e.Key, @"\[\d+\]", ""), e => string.Join(" ", e.Value))
        .Select(g => KeyValuePair.Create(g.Key, string.Join(" ", g)));
}

/// <summary>
/// An API's refusal (RFC 9457 problem details) in one sentence for the page: its title in French when we
/// know it (on an English page, the API's own English title), then the details the API gave (field by field). The APIs stay
/// the only judges; this only words it.
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
        ["The edition cannot be accepted"] = "L'édition ne peut pas être acceptée",
        ["The edition exists"] = "Cette édition existe déjà",
        ["The edition has submissions"] = "Des demandes ont été déposées pour cette édition",
        ["The edition has changed"] = "L'édition a changé entre-temps",
    };

    public static string Title(string? title) =>
        SemaineIndustrie.ServiceDefaults.Web.PlatformCultures.English ? title ?? "Refused" : title is null ? "Refusé" : Titles.GetValueOrDefault(title, title);

    /// <summary>The problem details of a refusal, or null when the answer is not one (a proxy's HTML page, an empty body).</summary>
    public static async Task<ProblemDocument?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemDocument>(PlatformApi.Json, ct);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    public static string Describe(ProblemDocument? problem, HttpStatusCode status)
    {
        if (problem is null) return $"{Title(null)} ({(int)status}).";
        var details = problem.Errors is { Count: > 0 } errors ? string.Join(" ", errors.Values.SelectMany(m => m)) : problem.Detail;
        return Title(problem.Title) + (string.IsNullOrEmpty(details) ? "" : " — " + details);
    }
}
