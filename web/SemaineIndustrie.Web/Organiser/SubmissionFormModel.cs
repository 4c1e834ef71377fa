using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.Web.Api;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Wording;

namespace SemaineIndustrie.Web.Organiser;

/// <summary>
/// What the submission form pages share (declare, revise): the form's fields as the API's request, and
/// the API's problem details shown beside each field. The server's rules stay the only truth.
/// </summary>
public abstract class SubmissionFormModel : PageModel
{
    public Edition? Edition { get; protected set; }
    public Dictionary<string, string> Errors { get; } = [];
    public List<CommuneCandidate> CommuneCandidates { get; } = [];
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

    /// <summary>The posted form as the submission API's request (null where a field is empty).</summary>
    protected SubmissionRequest BuildSubmission()
    {
        var form = Request.Form;
        Values = form.ToDictionary(f => f.Key, f => f.Value);
        string? Text(string field) => form[field].ToString() is { Length: > 0 } v ? v : null;
        bool? YesNo(string field) => form[field].ToString() switch { "oui" => true, "non" => false, _ => null };
        TEnum? Code<TEnum>(string field) where TEnum : struct, Enum
        {
            if (Text(field) is not { } code) return null;
            if (Labels.FromCode<TEnum>(code) is { } value) return value;
            Errors[field] = Labels.OneOf<TEnum>();
            return null;
        }
        if (Text("capacity") is { } c && !int.TryParse(c, out _)) Errors["capacity"] = "Un nombre entier.";
        return new SubmissionRequest(
            Text("title"), Text("description"), Code<EventType>("eventType"), Text("startsAt"), Text("endsAt"),
            new VenueRequest(Text("venue.name"), Text("venue.street"), Text("venue.postalCode"), Text("venue.commune"), Text("venue.communeInsee")),
            form["sectors"].Select(s => s!).ToList(), form["audiences"].Select(s => s!).ToList(),
            YesNo("freeOfCharge"), int.TryParse(Text("capacity"), out var capacity) ? capacity : null,
            new RegistrationRequest(YesNo("registration.required"), Text("registration.url"), Text("registration.email"), Text("registration.phone")),
            new AccessibilityRequest(YesNo("accessibility.wheelchairAccessible"), null),
            new OrganisingBodyRequest(Text("organisingBody.name"), Code<OrganisationKind>("organisingBody.kind"), Text("organisingBody.siret")),
            new PrivateContactRequest(Text("privateContact.name"), Text("privateContact.email"), Text("privateContact.phone")));
    }

    /// <summary>A submission as the API shows it (event + private contact), as form values, to revise it.</summary>
    protected void Prefill(SubmissionView view)
    {
        var e = view.Event;
        static string YesNo(bool? value) => value switch { true => "oui", false => "non", null => "" };
        Values = new Dictionary<string, StringValues>
        {
            ["title"] = e.Title, ["description"] = e.Description, ["eventType"] = e.EventType,
            ["startsAt"] = ParisTime.Format(e.StartsAt, "yyyy-MM-dd'T'HH:mm"), ["endsAt"] = ParisTime.Format(e.EndsAt, "yyyy-MM-dd'T'HH:mm"),
            ["venue.name"] = e.Venue.Name, ["venue.street"] = e.Venue.Street, ["venue.postalCode"] = e.Venue.PostalCode, ["venue.commune"] = e.Venue.CommuneName,
            ["sectors"] = new StringValues([.. e.Sectors]),
            ["audiences"] = new StringValues([.. e.Audiences]),
            ["freeOfCharge"] = YesNo(e.FreeOfCharge),
            ["capacity"] = e.Capacity?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["registration.required"] = YesNo(e.Registration.Required), ["registration.url"] = e.Registration.Url,
            ["registration.email"] = e.Registration.Email, ["registration.phone"] = e.Registration.Phone,
            ["accessibility.wheelchairAccessible"] = YesNo(e.Accessibility.WheelchairAccessible),
            ["organisingBody.name"] = e.OrganisingBody.Name, ["organisingBody.kind"] = e.OrganisingBody.Kind, ["organisingBody.siret"] = e.OrganisingBody.Siret,
            ["privateContact.name"] = view.PrivateContact.Name, ["privateContact.email"] = view.PrivateContact.Email, ["privateContact.phone"] = view.PrivateContact.Phone,
        };
    }

    /// <summary>The API's refusal as field errors and commune candidates, with its status.</summary>
    protected void ApplyProblem<T>(ApiAnswer<T> refused)
    {
        Problem = refused.Problem?.Title ?? "La demande n'a pas pu être enregistrée.";
        foreach (var (field, message) in refused.Problem?.FieldErrors() ?? []) Errors[field] = message;
        CommuneCandidates.AddRange(refused.Problem?.CommuneCandidates ?? []);
        Response.StatusCode = (int)refused.Status;
    }
}
