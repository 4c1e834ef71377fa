using System.Globalization;
using System.Text.Json;
using SemaineIndustrie.Web.Catalogue;

namespace SemaineIndustrie.Web.Workbench;

/// <summary>
/// The review API's pre-checks (code + outcome) said in French for the committee, from the case's own event
/// (dates, audiences, sectors, edition) and the edition's labels. The outcome stays the API's; only the words
/// are the page's (the API's detail is English, for API clients).
/// </summary>
public static class PreCheckWording
{
    public static string Label(string code) => code switch
    {
        "free-of-charge" => "Gratuit pour le public",
        "within-edition" => "Pendant la semaine de l'édition",
        "open-to-public" => "Ouvert au public",
        "about-industry" => "Fait découvrir l'industrie",
        "likely-duplicate" => "Pas de doublon probable",
        "venue-located" => "Lieu localisé",
        _ => code,
    };

    public static string Detail(string code, string outcome, JsonElement e, EditionInfo? edition, int duplicates, bool placedByHand)
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        string Day(string property) => TimeZoneInfo.ConvertTime(e.GetProperty(property).GetDateTimeOffset(), paris).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        string Labels(string property, IReadOnlyList<CodeLabel>? labels) => string.Join(", ", e.GetProperty(property).EnumerateArray()
            .Select(c => c.GetString()!).Select(c => labels?.FirstOrDefault(l => l.Code == c)?.Label ?? c));
        var pass = outcome == "pass";
        switch (code)
        {
            case "free-of-charge": return pass ? "L'événement est gratuit." : "L'événement est payant.";
            case "within-edition":
                var frame = e.TryGetProperty("edition", out var ed) && ed.TryGetProperty("firstDay", out var first) && ed.TryGetProperty("lastDay", out var last)
                    ? $" ; l'édition {ed.GetProperty("year").GetInt32()} : du {DateOnly.Parse(first.GetString()!, CultureInfo.InvariantCulture):dd/MM/yyyy} au {DateOnly.Parse(last.GetString()!, CultureInfo.InvariantCulture):dd/MM/yyyy}"
                    : "";
                return $"Du {Day("startsAt")} au {Day("endsAt")}{frame}.";
            case "open-to-public": return (pass ? "Publics : " : "Aucun public ouvert parmi : ") + Labels("audiences", edition?.Audiences) + ".";
            case "about-industry": return pass ? "Filières : " + Labels("sectors", edition?.Sectors) + "." : "Aucune filière industrielle.";
            case "likely-duplicate":
                return pass ? "Aucun événement semblable de cet organisateur, dans cette commune, ce jour-là."
                    : $"Semblable à {duplicates} autre(s) dossier(s) : même organisateur, même commune, même jour, titre proche.";
            case "venue-located":
                return outcome switch
                {
                    "pass" => placedByHand ? "Lieu placé à la main par un membre du comité." : "Lieu localisé à partir de son adresse.",
                    "fail" => "Le lieu n'a pas pu être localisé : placez-le à la main.",
                    _ => "Localisation en cours.",
                };
            default: return "";
        }
    }
}
