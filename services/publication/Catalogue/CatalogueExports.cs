using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SemaineIndustrie.Publication.Catalogue;

/// <summary>Open-data renderings of the catalogue. Columns and fields are documented in docs/catalogue.md.</summary>
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
    public static IResult Csv(IReadOnlyList<PublicEvent> events)
    {
        var csv = new StringBuilder();
        csv.Append('\uFEFF').AppendJoin(',', CsvColumns).Append("\r\n");
        foreach (var e in events)
        {
            string?[] values =
            [
                e.Id.ToString(), I(e.Version), I(e.Edition), e.Title, e.Description, e.EventType, T(e.StartsAt), T(e.EndsAt),
                e.Venue.Name, e.Venue.Street, e.Venue.PostalCode, e.Venue.CommuneInsee, e.Venue.CommuneName, e.Venue.Departement, e.Venue.Region,
                D(e.Location.Latitude), D(e.Location.Longitude), string.Join('|', e.Sectors), string.Join('|', e.Audiences),
                B(e.FreeOfCharge), e.Capacity is { } c ? I(c) : null, B(e.Registration.Required), e.Registration.Url, e.Registration.Email,
                e.Registration.Phone, e.Accessibility.WheelchairAccessible is { } w ? B(w) : null, e.Accessibility.Details,
                e.OrganisingBody.Name, e.OrganisingBody.Kind,
            ];
            csv.AppendJoin(',', values.Select(Quote)).Append("\r\n");
        }
        return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8; header=present");

        static string Quote(string? value) =>
            value is null ? "" : value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    /// <summary>RFC 5545 calendar: one VEVENT per event, times in Europe/Paris (VTIMEZONE included), lines folded at 75 octets.</summary>
    public static IResult ICalendar(IReadOnlyList<PublicEvent> events)
    {
        var ics = new StringBuilder();
        void Line(string text) => Fold(ics, text);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Semaine de l'Industrie//Catalogue//FR");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:Semaine de l'Industrie");
        Line("X-WR-TIMEZONE:Europe/Paris");
        foreach (var line in ParisTimeZone) Line(line);
        foreach (var e in events)
        {
            Line("BEGIN:VEVENT");
            Line($"UID:{e.Id}@semaine-industrie.gouv.fr");
            Line($"DTSTAMP:{e.UpdatedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
            Line($"SEQUENCE:{e.Version}");
            Line($"DTSTART;TZID=Europe/Paris:{e.StartsAt.DateTime:yyyyMMdd'T'HHmmss}");
            Line($"DTEND;TZID=Europe/Paris:{e.EndsAt.DateTime:yyyyMMdd'T'HHmmss}");
            Line($"SUMMARY:{Escape(e.Title)}");
            Line($"DESCRIPTION:{Escape(e.Description)}");
            Line($"LOCATION:{Escape($"{e.Venue.Name}, {e.Venue.Street}, {e.Venue.PostalCode} {e.Venue.CommuneName}")}");
            Line($"GEO:{D(e.Location.Latitude)};{D(e.Location.Longitude)}");
            Line($"CATEGORIES:{string.Join(',', e.Sectors.Select(Escape))}");
            Line($"ORGANIZER;CN={Param(e.OrganisingBody.Name)}:{(e.Registration.Email is { } email ? "mailto:" + email : "https://www.semaine-industrie.gouv.fr")}");
            if (e.Registration.Url is { } url) Line($"URL:{url}");
            Line("STATUS:CONFIRMED");
            Line("TRANSP:OPAQUE");
            Line("END:VEVENT");
        }
        Line("END:VCALENDAR");
        return TypedResults.Text(ics.ToString(), "text/calendar; charset=utf-8");
    }

    /// <summary>schema.org Event items (JSON-LD), as search engines and aggregators read them.</summary>
    public static IResult JsonLd(IReadOnlyList<PublicEvent> events, string baseUrl)
    {
        var items = new JsonArray();
        var position = 0;
        foreach (var e in events)
        {
            var evt = new JsonObject
            {
                ["@type"] = "Event",
                ["@id"] = $"{baseUrl}/api/catalogue/events/{e.Id}",
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
            if (e.Registration.Url is { } url) evt["url"] = url;
            items.Add(new JsonObject { ["@type"] = "ListItem", ["position"] = ++position, ["item"] = evt });
        }
        var document = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ItemList",
            ["name"] = "Semaine de l'Industrie — événements labellisés",
            ["numberOfItems"] = position,
            ["itemListElement"] = items,
        };
        return TypedResults.Text(document.ToJsonString(), "application/ld+json; charset=utf-8");
    }

    private static readonly string[] ParisTimeZone =
    [
        "BEGIN:VTIMEZONE", "TZID:Europe/Paris",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ];

    /// <summary>TEXT escaping (RFC 5545 §3.3.11).</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "\\n");

    private static string Param(string text) => "\"" + text.Replace("\"", "'") + "\"";

    /// <summary>Content lines of at most 75 octets, continued with CRLF + space, never splitting a UTF-8 character (§3.1).</summary>
    private static void Fold(StringBuilder output, string line)
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

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string D(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
    private static string B(bool value) => value ? "true" : "false";
    private static string T(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
