using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;
using SemaineIndustrie.Web.Catalogue;

namespace SemaineIndustrie.Web.Organiser;

/// <summary>
/// What the submission form pages share (declare, revise): the form's fields as the API's JSON document, and
/// the API's problem details shown beside each field. The server's rules stay the only truth.
/// </summary>
public abstract class SubmissionFormModel : PageModel
{
    public EditionInfo? Edition { get; protected set; }
    public Dictionary<string, string> Errors { get; } = [];
    public List<(string Insee, string Name)> CommuneCandidates { get; } = [];
    public string? Problem { get; protected set; }
    public IDictionary<string, StringValues> Values { get; protected set; } = new Dictionary<string, StringValues>();

    public string Value(string field) => Values.TryGetValue(field, out var v) ? v.ToString() : "";
    public bool Checked(string field, string value) => Values.TryGetValue(field, out var v) && v.Contains(value);
    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The fields of the form; an error about anything else is listed in the alert at the top.</summary>
    public static readonly HashSet<string> Fields =
    [
        "title", "description", "eventType", "startsAt", "endsAt", "venue.name", "venue.street", "venue.postalCode", "venue.commune", "venue.communeInsee",
        "sectors", "audiences", "freeOfCharge", "capacity", "registration", "registration.required", "registration.url", "registration.email", "registration.phone",
        "accessibility.wheelchairAccessible", "organisingBody.name", "organisingBody.kind", "organisingBody.siret",
        "privateContact.name", "privateContact.email", "privateContact.phone",
    ];

    public IEnumerable<KeyValuePair<string, string>> OtherErrors => Errors.Where(e => !Fields.Contains(e.Key));

    /// <summary>The posted form as the submission API's document (null where a field is empty).</summary>
    protected JsonObject BuildSubmission()
    {
        var form = Request.Form;
        Values = form.ToDictionary(f => f.Key, f => f.Value);
        string? Text(string field) => form[field].ToString() is { Length: > 0 } v ? v : null;
        bool? YesNo(string field) => form[field].ToString() switch { "oui" => true, "non" => false, _ => null };
        if (Text("capacity") is { } c && !int.TryParse(c, out _)) Errors["capacity"] = "Un nombre entier.";
        return new JsonObject
        {
            ["title"] = Text("title"), ["description"] = Text("description"), ["eventType"] = Text("eventType"),
            ["startsAt"] = Text("startsAt"), ["endsAt"] = Text("endsAt"),
            ["venue"] = new JsonObject { ["name"] = Text("venue.name"), ["street"] = Text("venue.street"), ["postalCode"] = Text("venue.postalCode"),
                ["commune"] = Text("venue.commune"), ["communeInsee"] = Text("venue.communeInsee") },
            ["sectors"] = new JsonArray(form["sectors"].Select(s => (JsonNode)s!).ToArray()),
            ["audiences"] = new JsonArray(form["audiences"].Select(s => (JsonNode)s!).ToArray()),
            ["freeOfCharge"] = YesNo("freeOfCharge"),
            ["capacity"] = int.TryParse(Text("capacity"), out var capacity) ? capacity : null,
            ["registration"] = new JsonObject { ["required"] = YesNo("registration.required"), ["url"] = Text("registration.url"),
                ["email"] = Text("registration.email"), ["phone"] = Text("registration.phone") },
            ["accessibility"] = new JsonObject { ["wheelchairAccessible"] = YesNo("accessibility.wheelchairAccessible") },
            ["organisingBody"] = new JsonObject { ["name"] = Text("organisingBody.name"), ["kind"] = Text("organisingBody.kind"), ["siret"] = Text("organisingBody.siret") },
            ["privateContact"] = new JsonObject { ["name"] = Text("privateContact.name"), ["email"] = Text("privateContact.email"), ["phone"] = Text("privateContact.phone") },
        };
    }

    /// <summary>A submission as the API shows it (event + private contact), as form values, to revise it.</summary>
    protected void Prefill(JsonElement view)
    {
        var e = view.GetProperty("event");
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        string Local(string p) => TimeZoneInfo.ConvertTime(e.GetProperty(p).GetDateTimeOffset(), paris).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        string? S(JsonElement o, string p) => o.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        string YesNo(JsonElement o, string p) => o.TryGetProperty(p, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? (v.GetBoolean() ? "oui" : "non") : "";
        var venue = e.GetProperty("venue");
        var registration = e.GetProperty("registration");
        var body = e.GetProperty("organisingBody");
        var contact = view.GetProperty("privateContact");
        Values = new Dictionary<string, StringValues>
        {
            ["title"] = S(e, "title"), ["description"] = S(e, "description"), ["eventType"] = S(e, "eventType"),
            ["startsAt"] = Local("startsAt"), ["endsAt"] = Local("endsAt"),
            ["venue.name"] = S(venue, "name"), ["venue.street"] = S(venue, "street"), ["venue.postalCode"] = S(venue, "postalCode"), ["venue.commune"] = S(venue, "communeName"),
            ["sectors"] = new StringValues(e.GetProperty("sectors").EnumerateArray().Select(x => x.GetString()).ToArray()),
            ["audiences"] = new StringValues(e.GetProperty("audiences").EnumerateArray().Select(x => x.GetString()).ToArray()),
            ["freeOfCharge"] = YesNo(e, "freeOfCharge"),
            ["capacity"] = e.TryGetProperty("capacity", out var cap) && cap.ValueKind == JsonValueKind.Number ? cap.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
            ["registration.required"] = YesNo(registration, "required"), ["registration.url"] = S(registration, "url"),
            ["registration.email"] = S(registration, "email"), ["registration.phone"] = S(registration, "phone"),
            ["accessibility.wheelchairAccessible"] = YesNo(e.GetProperty("accessibility"), "wheelchairAccessible"),
            ["organisingBody.name"] = S(body, "name"), ["organisingBody.kind"] = S(body, "kind"), ["organisingBody.siret"] = S(body, "siret"),
            ["privateContact.name"] = S(contact, "name"), ["privateContact.email"] = S(contact, "email"), ["privateContact.phone"] = S(contact, "phone"),
        };
    }

    /// <summary>Reads the API's problem details into field errors and commune candidates.</summary>
    protected async Task ApplyProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Problem = problem.TryGetProperty("title", out var title) ? title.GetString() : "La demande n'a pas pu être enregistrée.";
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
    }
}
