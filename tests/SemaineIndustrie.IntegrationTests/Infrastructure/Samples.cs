using System.Text.Json.Nodes;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

public static class Samples
{
    /// <summary>Inside the 2018 edition's submission window: the platform's services start their clock here.</summary>
    public const string ClockStart = "2018-02-15T10:00:00+01:00";

    /// <summary>A valid submission to the 2018 edition in Auch (Gers); tests change what they need.</summary>
    public static JsonObject Submission(string title = "Portes ouvertes de l'atelier aéronautique") => new()
    {
        ["title"] = title,
        ["description"] = "Visite des ateliers de maintenance et rencontre avec les apprentis.",
        ["eventType"] = "openDay",
        ["startsAt"] = "2018-03-27T09:00",
        ["endsAt"] = "2018-03-27T12:00",
        ["venue"] = new JsonObject
        {
            ["name"] = "Atelier du Garros", ["street"] = "12 rue du Garros", ["postalCode"] = "32000", ["commune"] = "Auch",
        },
        ["sectors"] = new JsonArray("aeronautique"),
        ["audiences"] = new JsonArray("jeunes", "demandeurs-emploi"),
        ["freeOfCharge"] = true,
        ["capacity"] = 40,
        ["registration"] = new JsonObject { ["required"] = true, ["url"] = "https://example.org/inscription" },
        ["accessibility"] = new JsonObject { ["wheelchairAccessible"] = true },
        ["organisingBody"] = new JsonObject { ["name"] = "Lycée professionnel d'Auch", ["kind"] = "school" },
        ["privateContact"] = new JsonObject { ["name"] = "Anne Martin", ["email"] = "anne.martin@example.org", ["phone"] = "06 12 34 56 78" },
    };
}
