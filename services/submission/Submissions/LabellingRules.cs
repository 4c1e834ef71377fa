using SemaineIndustrie.ServiceDefaults.Time;
using System.Net.Mail;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.ServiceDefaults.Web;
using SemaineIndustrie.Submission.Editions;
using SemaineIndustrie.Submission.Pictures;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Submission.Submissions;

/// <summary>
/// The rules an event must meet to be labelled — the four cumulative conditions of the Semaine de
/// l'Industrie (free of charge, within the edition, open to the public, about industry) — and the rules
/// of every field of a submission. The server's only truth: pages and clients show its answers.
/// </summary>
public static class LabellingRules
{
    public const int TitleMin = 5, TitleMax = 150, DescriptionMin = 20, DescriptionMax = 5000;
    public const int MaxSectors = 5, MaxCapacity = 100_000, MaxSessions = 20, AltMin = 3, AltMax = 250;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    /// <summary>
    /// Checks every field and the four cumulative labelling conditions (free of charge, within the
    /// edition's dates, open to the public, about industry) and resolves the venue's commune. All
    /// problems are reported at once.
    /// </summary>
    /// <param name="pictures">The submitting organisation's pictures the request names (<see cref="PictureShelf.ForAsync(SubmissionDbContext, string, SubmissionRequest?, CancellationToken)"/>).</param>
    public static SubmissionValidation Validate(SubmissionRequest r, EditionCatalog editions, CommuneDirectory communes, DateTimeOffset now, PictureShelf pictures)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }
        string? Text(string field, string? value, int min, int max, bool required = true, bool multiLine = false)
        {
            var trimmed = value?.Trim();
            if (string.IsNullOrEmpty(trimmed))
            {
                if (required) Add(field, "Required.");
                return null;
            }
            if (TextRules.Check(trimmed, multiLine) is { } unacceptable)
            {
                Add(field, unacceptable);
                return null;
            }
            if (trimmed.Length < min) Add(field, $"At least {min} characters.");
            if (trimmed.Length > max) Add(field, $"At most {max} characters.");
            return trimmed;
        }

        var title = Text("title", r.Title, TitleMin, TitleMax);
        var description = Text("description", r.Description, DescriptionMin, DescriptionMax, multiLine: true);
        if (r.EventType is null) Add("eventType", "Required.");

        // Dates and the edition they belong to: the event's own start and end, or each of its sessions.
        var given = r.Sessions is { Count: > 0 } listed
            ? listed.Select((session, i) => (Prefix: $"sessions[{i}].", session?.StartsAt, session?.EndsAt, session?.Capacity, session?.RegistrationUrl)).ToList()
            : [("", r.StartsAt, r.EndsAt, null, null)];
        if (given.Count > MaxSessions) Add("sessions", $"At most {MaxSessions} sessions.");
        var sessions = new List<(string Prefix, EventSession Session)>();
        foreach (var (prefix, startText, endText, sessionCapacity, sessionUrl) in given.Take(MaxSessions))
        {
            var hasStart = ParisTime.TryParse(startText, out var start, out var startError);
            if (!hasStart) Add(prefix + "startsAt", startError!);
            var hasEnd = ParisTime.TryParse(endText, out var end, out var endError);
            if (!hasEnd) Add(prefix + "endsAt", endError!);
            if (sessionCapacity is { } seats && (seats < 1 || seats > MaxCapacity)) Add(prefix + "capacity", $"Between 1 and {MaxCapacity}.");
            var sessionLink = Url(prefix + "registrationUrl", sessionUrl);
            if (!hasStart || !hasEnd) continue;
            if (end <= start) Add(prefix + "endsAt", "Must be after startsAt.");
            else if (end - start > MaxDuration) Add(prefix + "endsAt", "An event lasts at most 7 days.");
            if (sessions.Any(other => other.Session.StartsAt == start)) Add(prefix + "startsAt", "Another session starts at the same time.");
            sessions.Add((prefix, new EventSession(start, end, sessionCapacity, sessionLink)));
        }
        Edition? edition = null;
        var startsAt = sessions.Count > 0 ? sessions.Min(x => x.Session.StartsAt) : default;
        var endsAt = sessions.Count > 0 ? sessions.Max(x => x.Session.EndsAt) : default;
        if (sessions.Count == given.Count)
        {
            var first = sessions.MinBy(x => x.Session.StartsAt);
            edition = editions.Containing(startsAt);
            if (edition is null)
            {
                var current = editions.Current();
                Add(first.Prefix + "startsAt", current is null
                    ? "No edition is configured."
                    : $"Labelled events take place within the edition: {current.FirstDay:dd/MM/yyyy}–{current.LastDay:dd/MM/yyyy}.");
            }
            else
            {
                foreach (var (prefix, session) in sessions)
                {
                    if (!edition.Covers(ParisTime.Day(session.StartsAt)))
                        Add(prefix + "startsAt", $"Every session takes place within the {edition.Year} edition: {edition.FirstDay:dd/MM/yyyy}–{edition.LastDay:dd/MM/yyyy}.");
                    else if (!edition.Covers(DateOnly.FromDateTime(session.EndsAt.DateTime)))
                        Add(prefix + "endsAt", $"Labelled events end within the edition: by {edition.LastDay:dd/MM/yyyy}.");
                }
                if (!edition.AcceptsSubmissionsAt(now))
                    Add("edition", $"Submissions for the {edition.Year} edition are accepted from {edition.SubmissionsOpen:dd/MM/yyyy} to {edition.SubmissionsClose:dd/MM/yyyy}.");
            }
        }
        var codes = edition ?? editions.Current();

        // About industry: at least one sector of the edition.
        var sectors = Distinct(r.Sectors);
        if (sectors.Count == 0) Add("sectors", "At least one industrial sector.");
        if (sectors.Count > MaxSectors) Add("sectors", $"At most {MaxSectors} sectors.");
        if (codes is not null && sectors.Except(codes.Sectors.Select(s => s.Code)).ToList() is { Count: > 0 } unknownSectors)
            Add("sectors", $"Unknown: {string.Join(", ", unknownSectors)}. Known: {string.Join(", ", codes.Sectors.Select(s => s.Code))}.");

        // National focus tags ("mixité dans l'industrie"): optional, the edition's own codes.
        var focusTags = Distinct(r.FocusTags);
        if (codes is not null && focusTags.Except(codes.FocusTags.Select(f => f.Code)).ToList() is { Count: > 0 } unknownFocus)
            Add("focusTags", codes.FocusTags.Count == 0
                ? $"The {codes.Year} edition has no national focus: {string.Join(", ", unknownFocus)} unknown."
                : $"Unknown: {string.Join(", ", unknownFocus)}. Known: {string.Join(", ", codes.FocusTags.Select(f => f.Code))}.");

        // Open to the public: at least one public audience.
        var audiences = Distinct(r.Audiences);
        if (codes is not null)
        {
            if (audiences.Except(codes.Audiences.Select(a => a.Code)).ToList() is { Count: > 0 } unknownAudiences)
                Add("audiences", $"Unknown: {string.Join(", ", unknownAudiences)}. Known: {string.Join(", ", codes.Audiences.Select(a => a.Code))}.");
            var open = codes.Audiences.Where(a => a.OpenToPublic).Select(a => a.Code).ToList();
            if (!audiences.Intersect(open).Any())
                Add("audiences", $"Labelled events are open to the public: include at least one of {string.Join(", ", open)}.");
        }
        else if (audiences.Count == 0)
        {
            Add("audiences", "Required.");
        }

        // Free of charge.
        if (r.FreeOfCharge is null) Add("freeOfCharge", "Required.");
        else if (r.FreeOfCharge == false) Add("freeOfCharge", "Only free events can be labelled.");

        if (r.Capacity is { } capacity && (capacity < 1 || capacity > MaxCapacity)) Add("capacity", $"Between 1 and {MaxCapacity}.");

        // Venue and its territory.
        Commune? commune = null;
        IReadOnlyList<Commune> candidates = [];
        string? venueName = null, street = null;
        if (r.Venue is null)
        {
            Add("venue", "Required.");
        }
        else
        {
            venueName = Text("venue.name", r.Venue.Name, 2, 150);
            street = Text("venue.street", r.Venue.Street, 3, 200);
            Text("venue.commune", r.Venue.Commune, 1, 100, required: false);
            var postal = r.Venue.PostalCode?.Trim();
            if (postal is not { Length: 5 } || !postal.All(char.IsAsciiDigit))
            {
                Add("venue.postalCode", "Five digits.");
            }
            else
            {
                switch (communes.Resolve(postal, r.Venue.Commune, r.Venue.CommuneInsee))
                {
                    case CommuneResolution.Found found:
                        commune = found.Commune;
                        break;
                    case CommuneResolution.NotFound notFound:
                        Add(notFound.Field, notFound.Message);
                        candidates = notFound.Candidates;
                        break;
                }
            }
        }

        // How to register or ask: a link, an e-mail or a phone number.
        var registration = r.Registration;
        string? url = null, email = null, phone = null;
        if (registration is null)
        {
            Add("registration", "Required: a registration link, an e-mail address or a phone number.");
        }
        else
        {
            url = Url("registration.url", registration.Url);
            email = Email("registration.email", registration.Email);
            phone = Phone("registration.phone", registration.Phone);
            if (string.IsNullOrWhiteSpace(registration.Url) && string.IsNullOrWhiteSpace(registration.Email) && string.IsNullOrWhiteSpace(registration.Phone))
                Add("registration", "Give a registration link, an e-mail address or a phone number.");
        }
        var accessibilityDetails = Text("accessibility.details", r.Accessibility?.Details, 1, 1000, required: false, multiLine: true);

        string? bodyName = null, siret = null;
        if (r.OrganisingBody is null)
        {
            Add("organisingBody", "Required.");
        }
        else
        {
            bodyName = Text("organisingBody.name", r.OrganisingBody.Name, 2, 150);
            if (r.OrganisingBody.Kind is null) Add("organisingBody.kind", "Required.");
            siret = r.OrganisingBody.Siret?.Replace(" ", "");
            if (!string.IsNullOrEmpty(siret) && !Territory.Siret.IsValid(siret)) Add("organisingBody.siret", "14 digits with a valid check digit.");
            if (string.IsNullOrEmpty(siret)) siret = null;
        }

        string? contactName = null, contactEmail = null, contactPhone = null;
        if (r.PrivateContact is null)
        {
            Add("privateContact", "Required (never published): who the committee may contact.");
        }
        else
        {
            contactName = Text("privateContact.name", r.PrivateContact.Name, 2, 100);
            contactEmail = Email("privateContact.email", r.PrivateContact.Email, required: true);
            contactPhone = Phone("privateContact.phone", r.PrivateContact.Phone);
        }

        // The picture: one of the organisation's uploads, described for those who cannot see it (RGAA).
        EventPicture? picture = null;
        if (r.Picture is { } upload && (upload.Id is not null || !string.IsNullOrWhiteSpace(upload.Alt)))
        {
            IReadOnlyList<PictureSize>? sizes = null;
            if (upload.Id is not { } pictureId) Add("picture.id", "Required: upload the picture with POST /api/pictures, then give its id.");
            else if ((sizes = pictures.SizesOf(pictureId)) is null) Add("picture.id", "Unknown picture: upload it with POST /api/pictures (an organisation names its own pictures only).");
            string? alt = null;
            if (string.IsNullOrWhiteSpace(upload.Alt)) Add("picture.alt", "Required: describe what the picture shows, for people who cannot see it.");
            else alt = Text("picture.alt", upload.Alt, AltMin, AltMax);
            if (sizes is not null && alt is not null) picture = new EventPicture(upload.Id!.Value, alt, sizes);
        }

        var problems = errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
        if (problems.Count > 0) return new SubmissionValidation(null, problems, candidates);

        var frame = new EditionFrame(edition!.Year, edition.FirstDay, edition.LastDay,
            edition.Audiences.Where(a => a.OpenToPublic).Select(a => a.Code).ToList());
        var details = new EventDetails(
            frame, title!, description!, ContractCodes.Of(r.EventType!.Value), startsAt, endsAt,
            new Venue(venueName!, street!, r.Venue!.PostalCode!.Trim(), commune!.Code, commune.Name, commune.Departement, commune.Region),
            sectors, audiences, true, r.Capacity,
            new Registration(registration!.Required ?? false, url, email, phone),
            new Accessibility(r.Accessibility?.WheelchairAccessible, accessibilityDetails),
            new OrganisingBody(bodyName!, ContractCodes.Of(r.OrganisingBody!.Kind!.Value), siret),
            focusTags,
            r.Sessions is { Count: > 0 } ? sessions.Select(x => x.Session).OrderBy(x => x.StartsAt).ToList() : null,
            picture);
        return new SubmissionValidation(new ValidSubmission(details, new PrivateContact(contactName!, contactEmail!, contactPhone)), problems, []);

        string? Url(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var trimmed = value.Trim();
            // A URL goes verbatim into exports (iCalendar URL, CSV, JSON-LD, HTML links): no whitespace, no
            // control character, none of the characters RFC 3986 never allows unencoded.
            if (trimmed.Length > 500 || TextRules.Check(trimmed, multiLine: false) is not null || trimmed.Any(c => char.IsWhiteSpace(c) || "\"<>\\^`{|}".Contains(c))
                || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host))
            {
                Add(field, "An absolute http(s) address of at most 500 characters, without spaces or quotes.");
                return null;
            }
            return trimmed;
        }

        string? Email(string field, string? value, bool required = false)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required) Add(field, "Required.");
                return null;
            }
            var trimmed = value.Trim();
            if (trimmed.Length > 254 || TextRules.Check(trimmed, multiLine: false) is not null || trimmed.Any(char.IsWhiteSpace) || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || !address.Host.Contains('.'))
            {
                Add(field, "A valid e-mail address.");
                return null;
            }
            return trimmed;
        }

        string? Phone(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var digits = new string(value.Where(c => !" .-()".Contains(c)).ToArray());
            var ok = digits.StartsWith('+') ? digits.Length is >= 10 and <= 16 && digits[1..].All(char.IsAsciiDigit)
                                            : digits.Length == 10 && digits[0] == '0' && digits.All(char.IsAsciiDigit);
            if (!ok)
            {
                Add(field, "A French number (10 digits starting with 0) or an international one (+33…).");
                return null;
            }
            return value.Trim();
        }
    }

    private static List<string> Distinct(IReadOnlyList<string>? codes) =>
        (codes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList();
}
