using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Publication.Catalogue;

/// <summary>
/// Open-data renderings of the catalogue, streamed row by row. Columns and fields are documented in
/// docs/catalogue.md. Organisers' text leaves in each format escaped for that format: CSV cells that a
/// spreadsheet would run as formulas are neutralised, iCalendar values are escaped per RFC 5545 (no
/// organiser text can start a property of its own), JSON is encoded by System.Text.Json.
/// </summary>
public static class CatalogueExports
{
    public static readonly string[] CsvColumns =
    [
        "id", "version", "edition", "title", "description", "event_type", "starts_at", "ends_at",
        "venue_name", "street", "postal_code", "commune_insee", "commune", "departement", "region", "latitude", "longitude",
        "sectors", "audiences", "free_of_charge", "capacity", "registration_required", "registration_url", "registration_email",
        "registration_phone", "wheelchair_accessible", "accessibility_details", "organiser", "organiser_kind",
    ];

    /// <summary>RFC 4180 CSV, UTF-8 with a byte-order mark (so spreadsheets read accents), CRLF, lists joined with '|'.</summary>
    public static StreamedBody<PublicEvent> Csv(IAsyncEnumerable<PublicEvent> events) => new StreamedBody<PublicEvent>(
        "text/csv; charset=utf-8; header=present", events, "\uFEFF" + string.Join(',', CsvColumns) + "\r\n", (e, _) => CsvRow(e), "", _ => "");

    internal static string CsvRow(PublicEvent e)
    {
        string?[] values =
        [
            e.Id.ToString(), I(e.Version), I(e.Edition), Cell(e.Title), Cell(e.Description), Cell(e.EventType), T(e.StartsAt), T(e.EndsAt),
            Cell(e.Venue.Name), Cell(e.Venue.Street), Cell(e.Venue.PostalCode), Cell(e.Venue.CommuneInsee), Cell(e.Venue.CommuneName),
            Cell(e.Venue.Departement), Cell(e.Venue.Region), D(e.Location.Latitude), D(e.Location.Longitude),
            Cell(string.Join('|', e.Sectors)), Cell(string.Join('|', e.Audiences)), B(e.FreeOfCharge), e.Capacity is { } c ? I(c) : null,
            B(e.Registration.Required), Cell(e.Registration.Url), Cell(e.Registration.Email), Cell(e.Registration.Phone),
            e.Accessibility.WheelchairAccessible is { } w ? B(w) : null, Cell(e.Accessibility.Details),
            Cell(e.OrganisingBody.Name), Cell(e.OrganisingBody.Kind),
        ];
        return string.Join(',', values.Select(v => v ?? "")) + "\r\n";
    }

    private static string? Cell(string? value) => CsvText.Cell(value);

    /// <summary>RFC 5545 calendar: one VEVENT per event, times in Europe/Paris (VTIMEZONE included), lines folded at 75 octets.</summary>
    public static StreamedBody<PublicEvent> ICalendar(IAsyncEnumerable<PublicEvent> events) => new StreamedBody<PublicEvent>(
        "text/calendar; charset=utf-8", events, CalendarHeader, (e, _) => VEvent(e), "", _ => Folded(["END:VCALENDAR"]));

    private static readonly string CalendarHeader = Folded([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Semaine de l'Industrie//Catalogue//FR", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        "X-WR-CALNAME:Semaine de l'Industrie", "X-WR-TIMEZONE:Europe/Paris",
        "BEGIN:VTIMEZONE", "TZID:Europe/Paris",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]);

    /// <summary>
    /// One VEVENT per session. UIDs are stable: the event's id for a one-session event (as before sessions existed),
    /// "{id}-{n}" for the n-th session in time order otherwise.
    /// </summary>
    internal static string VEvent(PublicEvent e) => e.Sessions is { Count: > 0 } sessions
        ? string.Concat(sessions.OrderBy(s => s.StartsAt).Select((s, n) => VEvent(e, $"{e.Id}-{n + 1}", s.StartsAt, s.EndsAt, s.RegistrationUrl ?? e.Registration.Url)))
        : VEvent(e, e.Id.ToString(), e.StartsAt, e.EndsAt, e.Registration.Url);

    private static string VEvent(PublicEvent e, string uid, DateTimeOffset startsAt, DateTimeOffset endsAt, string? registration)
    {
        var lines = new List<string>
        {
            "BEGIN:VEVENT",
            $"UID:{uid}@semaine-industrie.gouv.fr",
            $"DTSTAMP:{e.UpdatedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}",
            $"SEQUENCE:{e.Version}",
            $"DTSTART;TZID=Europe/Paris:{startsAt.DateTime:yyyyMMdd'T'HHmmss}",
            $"DTEND;TZID=Europe/Paris:{endsAt.DateTime:yyyyMMdd'T'HHmmss}",
            $"SUMMARY:{Text(e.Title)}",
            $"DESCRIPTION:{Text(e.Description)}",
            $"LOCATION:{Text($"{e.Venue.Name}, {e.Venue.Street}, {e.Venue.PostalCode} {e.Venue.CommuneName}")}",
            $"GEO:{D(e.Location.Latitude)};{D(e.Location.Longitude)}",
            $"CATEGORIES:{string.Join(',', e.Sectors.Select(Text))}",
            $"ORGANIZER;CN={Param(e.OrganisingBody.Name)}:{(e.Registration.Email is { } email && Uri("mailto:" + email) is { } mailto ? mailto : "https://www.semaine-industrie.gouv.fr")}",
        };
        if (Uri(registration) is { } url) lines.Add($"URL:{url}");
        lines.AddRange(["STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT"]);
        return Folded(lines);
    }

    /// <summary>TEXT (RFC 5545 §3.3.11): control characters dropped, backslash, ';', ',' and line breaks escaped.</summary>
    public static string Text(string text) =>
        TextRules.StripControls(text).Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,")
            .Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "\\n");

    /// <summary>A parameter value (§3.2): a quoted-string holds no control character, no line break and no DQUOTE.</summary>
    public static string Param(string text) =>
        "\"" + TextRules.StripControls(text).Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ').Replace('"', '\'') + "\"";

    /// <summary>A URI value (§3.3.13): absolute, and free of anything that could end the line or the value; else none.</summary>
    public static string? Uri(string? value) =>
        value is not null && value.All(c => c > ' ' && c != '\u007F' && c is not ('"' or '<' or '>' or '\\')) && TextRules.IsAcceptable(value)
            && System.Uri.TryCreate(value, UriKind.Absolute, out _) ? value : null;

    /// <summary>Content lines of at most 75 octets, continued with CRLF + space, never splitting a UTF-8 character (§3.1).</summary>
    private static string Folded(IEnumerable<string> lines)
    {
        var output = new StringBuilder();
        foreach (var line in lines)
        {
            var octets = 0;
            foreach (var rune in line.EnumerateRunes())
            {
                var size = rune.Utf8SequenceLength;
                if (octets + size > 75)
                {
                    output.Append("\r\n ");
                    octets = 1;
                }
                output.Append(rune.ToString());
                octets += size;
            }
            output.Append("\r\n");
        }
        return output.ToString();
    }

    /// <summary>schema.org Event items (JSON-LD), as search engines and aggregators read them; <c>@id</c> under the configured public address.</summary>
    public static StreamedBody<PublicEvent> JsonLd(IAsyncEnumerable<PublicEvent> events, string publicBaseUrl) => new StreamedBody<PublicEvent>(
        "application/ld+json; charset=utf-8", events,
        """{"@context":"https://schema.org","@type":"ItemList","name":"Semaine de l'Industrie — événements labellisés","itemListElement":[""",
        (e, index) => new JsonObject { ["@type"] = "ListItem", ["position"] = index + 1, ["item"] = SchemaOrgEvent(e, publicBaseUrl) }.ToJsonString(),
        ",", count => $"],\"numberOfItems\":{count}}}");

    /// <summary>One event as schema.org describes it: the one mapping, for the JSON-LD list and each event's page.</summary>
    public static JsonObject SchemaOrgEvent(PublicEvent e, string publicBaseUrl)
    {
        var evt = new JsonObject
        {
            ["@type"] = "Event",
            ["@id"] = $"{publicBaseUrl.TrimEnd('/')}/api/catalogue/events/{e.Id}",
            ["name"] = e.Title,
            ["description"] = e.Description,
            ["startDate"] = e.StartsAt.ToString("yyyy-MM-ddTHH:mm:sszzz"),
            ["endDate"] = e.EndsAt.ToString("yyyy-MM-ddTHH:mm:sszzz"),
            ["eventStatus"] = "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode",
            ["isAccessibleForFree"] = e.FreeOfCharge,
            ["inLanguage"] = "fr",
            ["keywords"] = string.Join(", ", e.Sectors),
            ["audience"] = new JsonArray(e.Audiences.Select(a => (JsonNode?)new JsonObject { ["@type"] = "Audience", ["audienceType"] = a }).ToArray()),
            ["location"] = new JsonObject
            {
                ["@type"] = "Place",
                ["name"] = e.Venue.Name,
                ["address"] = new JsonObject
                {
                    ["@type"] = "PostalAddress", ["streetAddress"] = e.Venue.Street, ["postalCode"] = e.Venue.PostalCode,
                    ["addressLocality"] = e.Venue.CommuneName, ["addressRegion"] = e.Venue.Region, ["addressCountry"] = "FR",
                },
                ["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = e.Location.Latitude, ["longitude"] = e.Location.Longitude },
            },
            ["organizer"] = new JsonObject { ["@type"] = "Organization", ["name"] = e.OrganisingBody.Name },
        };
        if (e.Capacity is { } capacity) evt["maximumAttendeeCapacity"] = capacity;
        if (Uri(e.Registration.Url) is { } url) evt["url"] = url;
        if (e.Picture is { } picture) // schema.org/Google: an ImageObject, absolute address, its size and description
            evt["image"] = new JsonArray(new JsonObject
            {
                ["@type"] = "ImageObject", ["url"] = publicBaseUrl.TrimEnd('/') + picture.Url,
                ["width"] = picture.Width, ["height"] = picture.Height, ["description"] = picture.Alt,
            });
        if (e.Sessions is { Count: > 0 } sessions) // schema.org: the sessions are sub-events of the event
        {
            evt["subEvent"] = new JsonArray(sessions.OrderBy(s => s.StartsAt).Select(s =>
            {
                var sub = new JsonObject
                {
                    ["@type"] = "Event", ["name"] = e.Title,
                    ["startDate"] = s.StartsAt.ToString("yyyy-MM-ddTHH:mm:sszzz"), ["endDate"] = s.EndsAt.ToString("yyyy-MM-ddTHH:mm:sszzz"),
                    ["eventStatus"] = "https://schema.org/EventScheduled",
                    ["location"] = evt["location"]!.DeepClone(),
                };
                if (s.Capacity is { } seats) sub["maximumAttendeeCapacity"] = seats;
                if (Uri(s.RegistrationUrl) is { } link) sub["url"] = link;
                return (JsonNode?)sub;
            }).ToArray());
        }
        return evt;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string D(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
    private static string B(bool value) => value ? "true" : "false";
    private static string T(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
