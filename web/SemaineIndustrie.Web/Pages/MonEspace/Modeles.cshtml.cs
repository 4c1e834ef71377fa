using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>The committee's motivation templates (shared by its members): read, add, delete — through the review API.</summary>
[Authorize]
public sealed class ModelesModel(PlatformApi api) : PageModel
{
    public List<(Guid Id, string Title, string Text)> Templates { get; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public string? Error { get; private set; }
    public string? Message { get; private set; }
    /// <summary>The API refused this person (an organiser): the page says so, with 403.</summary>
    public bool Refused { get; private set; }
    [BindProperty] public string? Titre { get; set; }
    [BindProperty] public string? Texte { get; set; }
    /// <summary>An admin chooses the committee (région); a reviewer works with their own.</summary>
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    public bool Admin => User.IsInRole("admin");
    private string RegionQuery => Admin && Region is { Length: > 0 } ? "?region=" + Uri.EscapeDataString(Region) : "";

    public async Task<IActionResult> OnGetAsync(string? fait, CancellationToken ct)
    {
        Message = fait switch { "ajoute" => "Le modèle est ajouté.", "supprime" => "Le modèle est supprimé.", _ => null };
        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAjouterAsync(CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "api/review/motivations",
            new JsonObject { ["title"] = Titre, ["text"] = Texte, ["region"] = Admin ? Region : null }, ct);
        if (response is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fmodeles");
        if (response.StatusCode == HttpStatusCode.Created) return LocalRedirect("/mon-espace/modeles" + AddTo(RegionQuery, "fait=ajoute"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (problem.TryGetProperty("errors", out var errors))
            foreach (var e in errors.EnumerateObject()) Errors[e.Name] = string.Join(" ", e.Value.EnumerateArray().Select(m => m.GetString()));
        Error = ApiProblem.Title(problem.TryGetProperty("title", out var t) ? t.GetString() : null);
        Response.StatusCode = (int)response.StatusCode;
        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostSupprimerAsync(Guid modele, CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Delete, $"api/review/motivations/{modele}", null, ct);
        if (response is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fmodeles");
        return LocalRedirect("/mon-espace/modeles" + AddTo(RegionQuery, response.IsSuccessStatusCode ? "fait=supprime" : ""));
    }

    private static string AddTo(string query, string part) => part.Length == 0 ? query : query.Length == 0 ? "?" + part : query + "&" + part;

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        if (Admin && Region is not { Length: > 0 }) return Page(); // an admin first chooses the committee
        using var response = await api.SendAsync(HttpMethod.Get, "api/review/motivations" + RegionQuery, null, ct);
        if (response is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fmodeles");
        if (response.StatusCode == HttpStatusCode.Forbidden) { Refused = true; Response.StatusCode = StatusCodes.Status403Forbidden; return Page(); }
        if (response.StatusCode != HttpStatusCode.OK) { Error = await ApiProblem.DescribeAsync(response, ct); return Page(); }
        Templates.AddRange((await response.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray()
            .Select(t => (t.GetProperty("id").GetGuid(), t.GetProperty("title").GetString()!, t.GetProperty("text").GetString()!)));
        return Page();
    }
}
