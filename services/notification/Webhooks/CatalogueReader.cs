using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SemaineIndustrie.Notification.Webhooks;

/// <summary>Reads one public event from the catalogue (the same JSON as the public API): what partners receive, nothing more.</summary>
public sealed class CatalogueReader(HttpClient http)
{
    /// <returns>Null when the event is not public (any more).</returns>
    public async Task<JsonObject?> PublicEventAsync(Guid id, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/catalogue/events/{id}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"The catalogue answered {(int)response.StatusCode} for event {id}.");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))?.AsObject();
    }

    public static (string Region, string Departement, string[] Sectors) Place(JsonObject publicEvent)
    {
        var venue = publicEvent["venue"]!.AsObject();
        return (venue["region"]!.GetValue<string>(), venue["departement"]!.GetValue<string>(),
            publicEvent["sectors"]?.AsArray().Select(s => s!.GetValue<string>()).ToArray() ?? []);
    }

    public static string Body(Guid deliveryId, string type, DateTimeOffset occurredAt, JsonNode payload) =>
        new JsonObject
        {
            ["id"] = deliveryId.ToString(), ["type"] = type, ["occurredAt"] = occurredAt.ToString("O"), ["event"] = payload.DeepClone(),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
