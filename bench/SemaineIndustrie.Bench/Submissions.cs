using System.Text.Json.Nodes;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Bench;

/// <summary>The event submissions the benchmark and the fault suite post: valid, venues spread across France.</summary>
public static class Submissions
{
    private static readonly Lazy<List<Commune>> Venues = new(PickVenues);

    public static JsonObject Body(int i, string title, DateOnly firstDay, string sector, params string[] audiences)
    {
        var venue = Venues.Value[i % Venues.Value.Count];
        var day = firstDay.AddDays(i % 7).ToString("yyyy-MM-dd");
        return new JsonObject
        {
            ["title"] = title,
            ["description"] = "Visite des ateliers, démonstrations et rencontre avec les équipes de production.",
            ["eventType"] = "companyVisit",
            ["startsAt"] = $"{day}T09:30",
            ["endsAt"] = $"{day}T12:00",
            ["venue"] = new JsonObject { ["name"] = "Usine " + venue.Name, ["street"] = $"{1 + i % 90} rue de l'Industrie", ["postalCode"] = venue.PostalCodes[0], ["commune"] = venue.Name },
            ["sectors"] = new JsonArray(sector),
            ["audiences"] = new JsonArray(audiences.Select(a => (JsonNode)a).ToArray()),
            ["freeOfCharge"] = true,
            ["capacity"] = 30,
            ["registration"] = new JsonObject { ["required"] = true, ["url"] = "https://example.org/inscription" },
            ["organisingBody"] = new JsonObject { ["name"] = "Entreprise du banc d'essai", ["kind"] = "company" },
            ["privateContact"] = new JsonObject { ["name"] = "Contact Banc", ["email"] = "banc@example.org" },
        };
    }

    /// <summary>2,000 communes across France whose postal code and name resolve to them alone (seeded, so runs compare).</summary>
    private static List<Commune> PickVenues()
    {
        var directory = CommuneDirectory.Instance;
        var random = new Random(2018);
        return directory.All.Where(c => c.PostalCodes.Count > 0)
            .OrderBy(_ => random.Next())
            .Where(c => directory.Resolve(c.PostalCodes[0], c.Name, null) is CommuneResolution.Found f && f.Commune.Code == c.Code)
            .Take(2000).ToList();
    }
}
