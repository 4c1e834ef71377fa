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
    /// <summary>The page's texts, for the form's own messages (the API's come as it wrote them).</summary>
    protected Microsoft.Extensions.Localization.IStringLocalizer Words =>
        HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();

    public Edition? Edition { get; protected set; }
    public Dictionary<string, string> Errors { get; } = [];
    public List<CommuneCandidate> CommuneCandidates { get; } = [];
    public string? Problem { get; protected set; }
    public IDictionary<string, StringValues> Values { get; protected set; } = new Dictionary<string, StringValues>();

    /// <summary>The edition whose sectors, audiences and focus tags the form offers: <paramref name="year"/>'s, else the current one.</summary>
    protected async Task UseEditionAsync(CatalogueClient catalogue, int? year, CancellationToken ct) =>
        Edition = (year is { } y ? await catalogue.EditionAsync(y, ct) : null) ?? await catalogue.CurrentEditionAsync(ct);

    public string Value(string field) => Values.TryGetValue(field, out var v) ? v.ToString() : "";
    public bool Checked(string field, string value) => Values.TryGetValue(field, out var v) && v.Contains(value);
    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The fields of the form; an error about anything else is listed in the alert at the top.</summary>
    public static readonly HashSet<string> Fields =
    [
        "title", "description", "eventType", "startsAt", "endsAt", "venue.name", "venue.street", "venue.postalCode", "venue.commune", "venue.communeInsee",
        "sectors", "audiences", "focusTags", "freeOfCharge", "capacity", "registration", "registration.required", "registration.url", "registration.email", "registration.phone",
        "accessibility.wheelchairAccessible", "organisingBody.name", "organisingBody.kind", "organisingBody.siret",
        "privateContact.name", "privateContact.email", "privateContact.phone", "picture.id", "picture.alt", "picture.file",
    ];

    /// <summary>The picture the demand names now (kept between posts in a hidden field, so that a refused form does not ask for it again).</summary>
    public Guid? PictureId => Guid.TryParse(Value("picture.id"), out var id) && Value("picture.remove") != "oui" ? id : null;

    /// <summary>A picture just uploaded with this post (the API checked and stored it).</summary>
    private Guid? uploaded;

    /// <summary>
    /// Uploads the picture chosen in the form, if any, before the demand is built: the submission API checks it (its content,
    /// its size) and keeps it; its refusal is shown beside the file field.
    /// </summary>
    protected async Task UploadPictureAsync(SubmissionsClient submissions, CancellationToken ct)
    {
        if (Request.Form.Files.GetFile("picture.file") is not { Length: > 0 } file) return;
        var answer = await submissions.UploadPictureAsync(file, ct);
        if (answer.Value is { } picture) uploaded = picture.Id;
        else Errors["picture.file"] = answer.Problem?.FieldErrors().FirstOrDefault().Value ?? answer.Describe();
    }

    public IEnumerable<KeyValuePair<string, string>> OtherErrors => Errors.Where(e => !Fields.Contains(e.Key) && !IsSessionField(e.Key));

    /// <summary>At most this many sessions (the API's rule): the first is the event's own start and end, the others are rows.</summary>
    public const int MaxSessions = 20;

    /// <summary>The session rows the form shows: those typed, and two empty ones (never more than <see cref="MaxSessions"/> in all).</summary>
    public int ExtraSessionRows => Math.Min(MaxSessions - 1, TypedSessions().DefaultIfEmpty(0).Max() + 2);

    private static bool IsSessionField(string key) => key.StartsWith("sessions[", StringComparison.Ordinal) && !key.StartsWith("sessions[0]", StringComparison.Ordinal);

    /// <summary>The numbers of the extra session rows with something typed in them.</summary>
    private IEnumerable<int> TypedSessions() => Enumerable.Range(1, MaxSessions - 1)
        .Where(i => new[] { "startsAt", "endsAt", "capacity", "registrationUrl" }.Any(part => Value($"sessions[{i}].{part}").Length > 0));

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
            Errors[field] = Words.OneOf<TEnum>();
            return null;
        }
        if (Text("capacity") is { } c && !int.TryParse(c, out _)) Errors["capacity"] = Words["Integer"];
        // Other sessions: the event's own start and end is the first; an empty row is no session.
        var extra = TypedSessions().Select(i => new SessionRequest(Text($"sessions[{i}].startsAt"), Text($"sessions[{i}].endsAt"),
            int.TryParse(Text($"sessions[{i}].capacity"), out var seats) ? seats : null, Text($"sessions[{i}].registrationUrl"))).ToList();
        List<SessionRequest>? sessions = extra.Count == 0 ? null : [new SessionRequest(Text("startsAt"), Text("endsAt")), .. extra];
        if (uploaded is { } fresh) Values["picture.id"] = fresh.ToString();
        if (YesNo("picture.remove") == true) Values["picture.id"] = "";
        var pictureId = Guid.TryParse(Value("picture.id"), out var named) ? named : (Guid?)null;
        var picture = pictureId is null && Text("picture.alt") is null ? null : new PictureRequest(pictureId, Text("picture.alt"));
        return new SubmissionRequest(
            Text("title"), Text("description"), Code<EventType>("eventType"), Text("startsAt"), Text("endsAt"),
            new VenueRequest(Text("venue.name"), Text("venue.street"), Text("venue.postalCode"), Text("venue.commune"), Text("venue.communeInsee")),
            form["sectors"].Select(s => s!).ToList(), form["audiences"].Select(s => s!).ToList(),
            YesNo("freeOfCharge"), int.TryParse(Text("capacity"), out var capacity) ? capacity : null,
            new RegistrationRequest(YesNo("registration.required"), Text("registration.url"), Text("registration.email"), Text("registration.phone")),
            new AccessibilityRequest(YesNo("accessibility.wheelchairAccessible"), null),
            new OrganisingBodyRequest(Text("organisingBody.name"), Code<OrganisationKind>("organisingBody.kind"), Text("organisingBody.siret")),
            new PrivateContactRequest(Text("privateContact.name"), Text("privateContact.email"), Text("privateContact.phone")),
            form["focusTags"].Select(s => s!).ToList(),
            sessions,
            picture);
    }

    /// <summary>A submission as the API shows it (event + private contact), as form values, to revise or duplicate it.</summary>
    protected void Prefill(SubmissionView view) => Prefill(SubmissionRequest.From(view.Event, view.PrivateContact,
        instant => ParisTime.Format(instant, "yyyy-MM-dd'T'HH:mm")));

    /// <summary>A submission request (e.g. a demand carried over into a new edition) as form values.</summary>
    protected void Prefill(SubmissionRequest r)
    {
        static string YesNo(bool? value) => value switch { true => "oui", false => "non", null => "" };
        static string Code<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } v ? Labels.Code(v) : "";
        Values = new Dictionary<string, StringValues>
        {
            ["title"] = r.Title, ["description"] = r.Description, ["eventType"] = Code(r.EventType),
            ["startsAt"] = r.Sessions is { Count: > 0 } given ? given[0].StartsAt : r.StartsAt,
            ["endsAt"] = r.Sessions is { Count: > 0 } again ? again[0].EndsAt : r.EndsAt,
            ["venue.name"] = r.Venue?.Name, ["venue.street"] = r.Venue?.Street, ["venue.postalCode"] = r.Venue?.PostalCode, ["venue.commune"] = r.Venue?.Commune,
            ["sectors"] = new StringValues([.. r.Sectors ?? []]),
            ["audiences"] = new StringValues([.. r.Audiences ?? []]),
            ["focusTags"] = new StringValues([.. r.FocusTags ?? []]),
            ["freeOfCharge"] = YesNo(r.FreeOfCharge),
            ["capacity"] = r.Capacity?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["registration.required"] = YesNo(r.Registration?.Required), ["registration.url"] = r.Registration?.Url,
            ["registration.email"] = r.Registration?.Email, ["registration.phone"] = r.Registration?.Phone,
            ["accessibility.wheelchairAccessible"] = YesNo(r.Accessibility?.WheelchairAccessible),
            ["organisingBody.name"] = r.OrganisingBody?.Name, ["organisingBody.kind"] = Code(r.OrganisingBody?.Kind), ["organisingBody.siret"] = r.OrganisingBody?.Siret,
            ["privateContact.name"] = r.PrivateContact?.Name, ["privateContact.email"] = r.PrivateContact?.Email, ["privateContact.phone"] = r.PrivateContact?.Phone,
            ["picture.id"] = r.Picture?.Id?.ToString() ?? "", ["picture.alt"] = r.Picture?.Alt,
        };
        foreach (var (session, i) in (r.Sessions ?? []).Select((session, i) => (session, i)).Skip(1).Take(MaxSessions - 1))
        {
            Values[$"sessions[{i}].startsAt"] = session.StartsAt;
            Values[$"sessions[{i}].endsAt"] = session.EndsAt;
            Values[$"sessions[{i}].capacity"] = session.Capacity?.ToString(CultureInfo.InvariantCulture) ?? "";
            Values[$"sessions[{i}].registrationUrl"] = session.RegistrationUrl;
        }
    }

    /// <summary>The API's refusal as field errors and commune candidates, with its status.</summary>
    protected void ApplyProblem<T>(ApiAnswer<T> refused)
    {
        Problem = refused.Problem?.Title ?? "La demande n'a pas pu être enregistrée.";
        // The first session is the event's own start and end.
        foreach (var (field, message) in refused.Problem?.FieldErrors() ?? []) Errors[field.StartsWith("sessions[0].", StringComparison.Ordinal) ? field["sessions[0].".Length..] : field] = message;
        CommuneCandidates.AddRange(refused.Problem?.CommuneCandidates ?? []);
        Response.StatusCode = (int)refused.Status;
    }
}
