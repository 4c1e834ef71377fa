using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// Declaring an event: a form built from the edition (sectors, audiences, dates); the submission API's
/// problem details are shown beside each field — the server's rules stay the only truth; when the postal
/// code is shared by several communes, the candidates the API returns are offered.
/// </summary>
[Authorize]
public sealed class NouvelleModel(PlatformApi api, CatalogueClient catalogue) : PageModel
{
    public EditionInfo? Edition { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public List<(string Insee, string Name)> CommuneCandidates { get; } = [];
    public string? Problem { get; private set; }
    public IFormCollection? Posted { get; private set; }

    public string Value(string field) => Posted?[field].ToString() ?? "";
    public bool Checked(string field, string value) => Posted?[field].Contains(value) == true;
    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The fields of the form; an error about anything else is listed in the alert at the top.</summary>
    public static readonly HashSet<string> Fields =
    [
        "title", "description", "eventType", "startsAt", "endsAt", "venue.name", "venue.street", "venue.postalCode", "venue.commune", "venue.communeInsee",
        "sectors", "audiences", "freeOfCharge", "capacity", "registration", "registration.required", "registration.url", "registration.email", "registration.phone", "accessibility.wheelchairAccessible",
        "organisingBody.name", "organisingBody.kind", "organisingBody.siret", "privateContact.name", "privateContact.email", "privateContact.phone",
    ];

    public IEnumerable<KeyValuePair<string, string>> OtherErrors => Errors.Where(e => !Fields.Contains(e.Key));

    public async Task OnGetAsync(CancellationToken ct) => Edition = await catalogue.CurrentEditionAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Edition = await catalogue.CurrentEditionAsync(ct);
        Posted = Request.Form;
        string? Text(string field) => Request.Form[field].ToString() is { Length: > 0 } v ? v : null;
        bool? YesNo(string field) => Request.Form[field].ToString() switch { "oui" => true, "non" => false, _ => null };
        var submission = new JsonObject
        {
            ["title"] = Text("title"), ["description"] = Text("description"), ["eventType"] = Text("eventType"),
            ["startsAt"] = Text("startsAt"), ["endsAt"] = Text("endsAt"),
            ["venue"] = new JsonObject { ["name"] = Text("venue.name"), ["street"] = Text("venue.street"), ["postalCode"] = Text("venue.postalCode"),
                ["commune"] = Text("venue.commune"), ["communeInsee"] = Text("venue.communeInsee") },
            ["sectors"] = new JsonArray(Request.Form["sectors"].Select(s => (JsonNode)s!).ToArray()),
            ["audiences"] = new JsonArray(Request.Form["audiences"].Select(s => (JsonNode)s!).ToArray()),
            ["freeOfCharge"] = YesNo("freeOfCharge"),
            ["capacity"] = int.TryParse(Text("capacity"), out var capacity) ? capacity : null,
            ["registration"] = new JsonObject { ["required"] = YesNo("registration.required"), ["url"] = Text("registration.url"),
                ["email"] = Text("registration.email"), ["phone"] = Text("registration.phone") },
            ["accessibility"] = new JsonObject { ["wheelchairAccessible"] = YesNo("accessibility.wheelchairAccessible") },
            ["organisingBody"] = new JsonObject { ["name"] = Text("organisingBody.name"), ["kind"] = Text("organisingBody.kind"), ["siret"] = Text("organisingBody.siret") },
            ["privateContact"] = new JsonObject { ["name"] = Text("privateContact.name"), ["email"] = Text("privateContact.email"), ["phone"] = Text("privateContact.phone") },
        };
        if (Text("capacity") is { } c && capacity == 0 && c != "0") Errors["capacity"] = "Un nombre entier.";
        if (Errors.Count > 0) return Page();

        using var response = await api.SendAsync(HttpMethod.Post, "api/submissions", submission, ct);
        if (response is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdemandes%2Fnouvelle");
        if (response.StatusCode == HttpStatusCode.Created) return LocalRedirect("/mon-espace/demandes?cree=1");

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Problem = problem.TryGetProperty("title", out var title) ? title.GetString() : "La demande n'a pas pu être déposée.";
        if (problem.TryGetProperty("errors", out var errors))
        {
            foreach (var error in errors.EnumerateObject())
            {
                var field = System.Text.RegularExpressions.Regex.Replace(error.Name, @"\[\d+\]", "");
                Errors[field] = string.Join(" ", error.Value.EnumerateArray().Select(m => m.GetString()));
            }
        }
        if (problem.TryGetProperty("communeCandidates", out var candidates))
        {
            CommuneCandidates.AddRange(candidates.EnumerateArray().Select(c => (c.GetProperty("insee").GetString()!, c.GetProperty("name").GetString()!)));
        }
        Response.StatusCode = (int)response.StatusCode;
        return Page();
    }
}
