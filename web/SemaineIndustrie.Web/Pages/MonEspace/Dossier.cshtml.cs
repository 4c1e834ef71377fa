using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// A case, as a committee member works it: the event, the pre-checks in plain words and the likely
/// duplicates; the venue on a map whose pin can be moved (the geocoding service's manual correction); who
/// holds the case and until when; the decision with the committee's motivation templates; notes and the
/// audit trail; the previous and next cases of the queue (also on the keyboard). Every rule and refusal is
/// the APIs', shown as they answer.
/// </summary>
[Authorize]
public sealed class DossierModel(PlatformApi api, CatalogueClient catalogue, IOptions<WebOptions> options) : PageModel
{
    public JsonElement Case { get; private set; }
    public JsonElement? Location { get; private set; }
    public List<(Guid Id, string Title, string Text)> Templates { get; } = [];
    public List<(DateTimeOffset At, string Actor, string Action, int Version, string? Detail, string? ActorName)> Audit { get; } = [];
    public Guid? Previous { get; private set; }
    public Guid? Next { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public MapOptions Map => options.Value.Map;
    public EditionInfo? Edition { get; private set; }
    public string? Me => User.FindFirst("sub")?.Value;
    public bool ClaimedByMe => Case.GetProperty("claim") is { ValueKind: JsonValueKind.Object } claim && claim.GetProperty("by").GetString() == Me;
    public bool ClaimedByOther => Case.GetProperty("claim") is { ValueKind: JsonValueKind.Object } && !ClaimedByMe;
    public bool Open => Case.GetProperty("status").GetString() is "pending";

    public async Task<IActionResult> OnGetAsync(Guid id, string? fait, CancellationToken ct)
    {
        Message = fait switch
        {
            "pris" => "Vous avez pris le dossier.", "rendu" => "Vous avez rendu le dossier.", "decide" => "Votre décision est enregistrée.",
            "note" => "Votre note est ajoutée.", "localise" => "La position du lieu est corrigée.", _ => null,
        };
        return await LoadAsync(id, ct);
    }

    public Task<IActionResult> OnPostPrendreAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, HttpMethod.Post, $"api/review/cases/{id}/claim", null, "pris", ct);

    public Task<IActionResult> OnPostRendreAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, HttpMethod.Post, $"api/review/cases/{id}/release", null, "rendu", ct);

    public Task<IActionResult> OnPostNoterAsync(Guid id, string? note, CancellationToken ct) =>
        ActAsync(id, HttpMethod.Post, $"api/review/cases/{id}/notes", new JsonObject { ["text"] = note }, "note", ct);

    /// <summary>A decision; without JavaScript, a chosen template stands for an empty motivation.</summary>
    public async Task<IActionResult> OnPostDeciderAsync(Guid id, string? decision, string? motivation, Guid? modele, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(motivation) && modele is { } template)
        {
            await LoadTemplatesAsync(ct);
            motivation = Templates.FirstOrDefault(t => t.Id == template).Text;
        }
        return await ActAsync(id, HttpMethod.Post, $"api/review/cases/{id}/decision",
            new JsonObject { ["decision"] = decision, ["motivation"] = string.IsNullOrWhiteSpace(motivation) ? null : motivation }, "decide", ct);
    }

    /// <summary>The venue placed by hand (the pin moved on the map, or the coordinates typed).</summary>
    public async Task<IActionResult> OnPostLocaliserAsync(Guid id, Guid submissionId, string? latitude, string? longitude, CancellationToken ct)
    {
        static JsonNode? Number(string? text) =>
            double.TryParse(text?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
        return await ActAsync(id, HttpMethod.Put, $"api/geocoding/venues/{submissionId}/location",
            new JsonObject { ["latitude"] = Number(latitude), ["longitude"] = Number(longitude) }, "localise", ct);
    }

    private async Task<IActionResult> ActAsync(Guid id, HttpMethod method, string path, JsonNode? body, string done, CancellationToken ct)
    {
        using var response = await api.SendAsync(method, path, body, ct);
        if (response is null) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdossiers%2F{id}");
        if (response.IsSuccessStatusCode) return LocalRedirect($"/mon-espace/dossiers/{id}?fait={done}");
        Error = await ApiProblem.DescribeAsync(response, ct);
        var page = await LoadAsync(id, ct);
        if (page is PageResult) Response.StatusCode = (int)response.StatusCode;
        return page;
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Get, $"api/review/cases/{id}", null, ct);
        if (response is null) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdossiers%2F{id}");
        if (response.StatusCode == HttpStatusCode.NotFound) return NotFound(); // outside the reviewer's scope, exactly like a case that does not exist
        response.EnsureSuccessStatusCode();
        Case = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        // What surrounds the case is read too; a part that cannot be read now is left out, not an error page.
        using (var location = await api.SendAsync(HttpMethod.Get, $"api/geocoding/venues/{Case.GetProperty("submissionId").GetGuid()}", null, ct))
        {
            if (location is { StatusCode: HttpStatusCode.OK }) Location = await location.Content.ReadFromJsonAsync<JsonElement>(ct);
        }
        using (var audit = await api.SendAsync(HttpMethod.Get, $"api/review/cases/{id}/audit", null, ct))
        {
            if (audit is { StatusCode: HttpStatusCode.OK })
            {
                Audit.AddRange((await audit.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray().Select(a => (
                    a.GetProperty("at").GetDateTimeOffset(), a.GetProperty("actor").GetString()!, a.GetProperty("action").GetString()!,
                    a.GetProperty("submissionVersion").GetInt32(), a.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
                    a.TryGetProperty("actorName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null)));
            }
        }
        await LoadTemplatesAsync(ct);
        await LoadNeighboursAsync(id, ct);
        Edition = await catalogue.CurrentEditionAsync(ct);
        return Page();
    }

    private async Task LoadTemplatesAsync(CancellationToken ct)
    {
        if (Templates.Count > 0) return;
        using var response = await api.SendAsync(HttpMethod.Get, "api/review/motivations", null, ct);
        if (response is not { StatusCode: HttpStatusCode.OK }) return;
        Templates.AddRange((await response.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray()
            .Select(t => (t.GetProperty("id").GetGuid(), t.GetProperty("title").GetString()!, t.GetProperty("text").GetString()!)));
    }

    /// <summary>The cases before and after this one in the queue of cases to decide (soonest deadline first).</summary>
    private async Task LoadNeighboursAsync(Guid id, CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Get, "api/review/cases?status=pending&limit=200", null, ct);
        if (response is not { StatusCode: HttpStatusCode.OK }) return;
        var ids = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        var at = ids.IndexOf(id);
        if (at < 0) { Next = ids.FirstOrDefault(c => c != id) is var first && first != Guid.Empty ? first : null; return; }
        Previous = at > 0 ? ids[at - 1] : null;
        Next = at + 1 < ids.Count ? ids[at + 1] : null;
    }

    /// <summary>Who acted, as colleagues read it: "vous", the platform, or the member's name (the review API's).</summary>
    public string Actor(string subject, string? name = null) =>
        subject == Me ? "vous" : subject == "system" ? "la plateforme"
        : name ?? (Case.TryGetProperty("people", out var people) && people.TryGetProperty(subject, out var known) ? known.GetString()! : "un membre du comité");

    public static string ActionLabel(string action) => action switch
    {
        "opened" => "Dossier ouvert", "reopened" => "Nouvelle version reçue", "claimed" => "Dossier pris", "claim-renewed" => "Prise prolongée", "released" => "Dossier rendu",
        "labelled" => "Label accordé", "refused" => "Label refusé", "changes-requested" => "Modifications demandées",
        "withdrawn" => "Événement retiré", "note-added" => "Note ajoutée", _ => action,
    };
}
