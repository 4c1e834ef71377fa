using System.Text.Json.Nodes;

namespace SemaineIndustrie.Publication.Catalogue;

/// <summary>
/// The publication rule, in one place: from everything known about a submission's versions, is it
/// public, and which version. An event is public when the latest version with a final decision (labelled
/// or refused; a request for changes is not final) is labelled and its venue located. A revision keeps
/// the labelled version public until the new one is decided: labelled replaces it, refused removes it. A
/// withdrawal or a refusal removes it at once, an unlocatable venue too. When the newest labelled
/// version's content, location or picture has simply not arrived yet, the entry stays as it is until they do.
/// Also renders what the public sees of an event on the map (<see cref="Feature"/>).
/// </summary>
public static class PublicationPolicy
{
    public abstract record Verdict;

    /// <summary>Public, at this version (its content and position are known).</summary>
    public sealed record Publish(VersionFacts Version) : Verdict;

    /// <summary>Not public (any entry is removed), and why.</summary>
    public sealed record Remove(string Reason) : Verdict;

    /// <summary>Nothing final to act on yet: the catalogue stays as it is.</summary>
    public sealed record Keep : Verdict;

    public static Verdict Decide(IReadOnlyCollection<VersionFacts> versions, bool withdrawn)
    {
        if (withdrawn) return new Remove("withdrawn");
        var final = versions.Where(v => v.Decision is Decision.Labelled or Decision.Refused).MaxBy(v => v.Version);
        if (final is null) return new Keep();
        if (final.Decision == Decision.Refused) return new Remove("refused");
        if (final.Unlocated) return new Remove("venue not located");
        if (final.Details is null || final.Latitude is null || final.Longitude is null || final.AwaitsPicture) return new Keep(); // facts still on their way
        return new Publish(final);
    }

    /// <summary>One GeoJSON feature for the map (RFC 7946, [lon, lat]); rendered when the event is published.</summary>
    public static JsonObject Feature(PublicEvent e)
    {
        var feature = FeatureOf(e);
        if (e.FocusTags is { Count: > 0 } focus) // only where ticked: the map's payload stays as small as it was
            feature["properties"]!.AsObject()["focusTags"] = new JsonArray(focus.Select(f => (JsonNode?)f).ToArray());
        if (e.Picture is { } picture) // the pop-up's thumbnail: its size set, so that the pop-up does not jump when it loads
        {
            var thumbnail = picture.AtLeast(320);
            feature["properties"]!.AsObject()["picture"] = new JsonObject
            {
                ["url"] = thumbnail.Url, ["width"] = thumbnail.Width, ["height"] = thumbnail.Height, ["alt"] = picture.Alt,
            };
        }
        if (e.Sessions is { Count: > 1 } sessions) // one marker for the venue; how many sessions it holds (the event's page lists them)
            feature["properties"]!.AsObject()["sessions"] = sessions.Count;
        return feature;
    }

    private static JsonObject FeatureOf(PublicEvent e) => new()
    {
        ["type"] = "Feature",
        ["id"] = e.Id.ToString(),
        ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(Math.Round(e.Location.Longitude, 6), Math.Round(e.Location.Latitude, 6)) },
        ["properties"] = new JsonObject
        {
            ["title"] = e.Title, ["eventType"] = e.EventType,
            ["startsAt"] = e.StartsAt.ToString("yyyy-MM-ddTHH:mm:sszzz"), ["endsAt"] = e.EndsAt.ToString("yyyy-MM-ddTHH:mm:sszzz"),
            ["commune"] = e.Venue.CommuneName, ["communeInsee"] = e.Venue.CommuneInsee,
            ["departement"] = e.Venue.Departement, ["region"] = e.Venue.Region, ["venue"] = e.Venue.Name,
            ["sectors"] = new JsonArray(e.Sectors.Select(s => (JsonNode?)s).ToArray()),
            ["audiences"] = new JsonArray(e.Audiences.Select(a => (JsonNode?)a).ToArray()),
            ["organiser"] = e.OrganisingBody.Name, ["detail"] = $"/api/catalogue/events/{e.Id}",
        },
    };
}
