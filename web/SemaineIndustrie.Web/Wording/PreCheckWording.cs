using System.Globalization;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Review;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.Contracts.Editions;

namespace SemaineIndustrie.Web.Wording;

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

    public static string Detail(PreCheck check, EventDetails e, Edition? edition, int duplicates, bool placedByHand)
    {
        string Labels(IReadOnlyList<string> codes, IEnumerable<(string Code, string Label)>? labels) =>
            string.Join(", ", codes.Select(c => labels?.FirstOrDefault(l => l.Code == c).Label ?? c));
        var pass = check.Outcome == CheckOutcome.Pass;
        switch (check.Code)
        {
            case "free-of-charge": return pass ? "L'événement est gratuit." : "L'événement est payant.";
            case "within-edition":
                var frame = $" ; l'édition {e.Edition.Year} : du {e.Edition.FirstDay.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} au {e.Edition.LastDay.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
                return $"Du {ParisTime.Format(e.StartsAt, "dd/MM/yyyy")} au {ParisTime.Format(e.EndsAt, "dd/MM/yyyy")}{frame}.";
            case "open-to-public": return (pass ? "Publics : " : "Aucun public ouvert parmi : ") + Labels(e.Audiences, edition?.Audiences.Select(a => (a.Code, a.Label))) + ".";
            case "about-industry": return pass ? "Filières : " + Labels(e.Sectors, edition?.Sectors.Select(a => (a.Code, a.Label))) + "." : "Aucune filière industrielle.";
            case "likely-duplicate":
                return pass ? "Aucun événement semblable de cet organisateur, dans cette commune, ce jour-là."
                    : $"Semblable à {duplicates} autre(s) dossier(s) : même organisateur, même commune, même jour, titre proche.";
            case "venue-located":
                return check.Outcome switch
                {
                    CheckOutcome.Pass => placedByHand ? "Lieu placé à la main par un membre du comité." : "Lieu localisé à partir de son adresse.",
                    CheckOutcome.Fail => "Le lieu n'a pas pu être localisé : placez-le à la main.",
                    _ => "Localisation en cours.",
                };
            default: return "";
        }
    }
}
