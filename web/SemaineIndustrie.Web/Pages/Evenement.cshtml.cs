using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Web.Catalogue;

namespace SemaineIndustrie.Web.Pages;

/// <summary>
/// One event as the public sees it. An event that is not (or no longer) in the catalogue — withdrawn,
/// refused, never published — is a 404 page, never a stale copy.
/// </summary>
public sealed class EvenementModel(CatalogueClient catalogue, IOptions<WebOptions> options) : PageModel
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public PublicEvent? Event { get; private set; }
    public EditionInfo? Edition { get; private set; }
    public MapOptions Map => options.Value.Map;

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Event = await catalogue.EventAsync(id, ct);
        if (Event is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Edition = await catalogue.EditionAsync(Event.Edition, ct);
    }

    /// <summary>A sector's or audience's label in the event's edition (the code when the edition does not name it).</summary>
    public string Label(string code) =>
        Edition?.Sectors.Concat(Edition.Audiences).FirstOrDefault(c => c.Code == code)?.Label ?? code;

    /// <summary>schema.org Event for search engines, encoded by System.Text.Json (which escapes &lt;, &gt; and &amp;, so no text can close the script).</summary>
    public string JsonLd()
    {
        var e = Event!;
        var evt = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = e.Title,
            ["description"] = e.Description,
            ["startDate"] = e.StartsAt.ToString("yyyy-MM-ddTHH:mm:sszzz"),
            ["endDate"] = e.EndsAt.ToString("yyyy-MM-ddTHH:mm:sszzz"),
            ["eventStatus"] = "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode",
            ["isAccessibleForFree"] = e.FreeOfCharge,
            ["location"] = new JsonObject
            {
                ["@type"] = "Place", ["name"] = e.Venue.Name,
                ["address"] = new JsonObject
                {
                    ["@type"] = "PostalAddress", ["streetAddress"] = e.Venue.Street, ["postalCode"] = e.Venue.PostalCode,
                    ["addressLocality"] = e.Venue.CommuneName, ["addressCountry"] = "FR",
                },
                ["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = e.Location.Latitude, ["longitude"] = e.Location.Longitude },
            },
            ["organizer"] = new JsonObject { ["@type"] = "Organization", ["name"] = e.OrganisingBody.Name },
        };
        if (e.Registration.Url is { } url) evt["url"] = url;
        return evt.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
    }
}
