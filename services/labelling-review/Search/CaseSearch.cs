using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.LabellingReview.Search;

/// <summary>
/// Finding a case by words: of its title, its organiser, its venue and commune, or its number (the case id's first 8
/// hexadecimal digits, as the case page shows it). Accents, case and punctuation do not matter: the words are normalised
/// once, when a version arrives, with the catalogue's own rule (<see cref="CommuneNames.Normalise"/>: "Éauze" is "eauze"),
/// and every word of a query must appear (as a part of a word: "chaudron" finds "chaudronnerie"). A trigram index
/// (pg_trgm) serves those substring matches.
/// </summary>
public static class CaseSearch
{
    public const int MaxQuery = 200;

    /// <summary>The case's number as people read it: the first 8 hexadecimal digits of its id.</summary>
    public static string Number(Guid caseId) => caseId.ToString("N")[..8];

    public static string Text(Guid caseId, Guid submissionId, EventDetails details) => CommuneNames.Normalise(string.Join(' ',
        details.Title, details.OrganisingBody.Name, details.Venue.Name, details.Venue.CommuneName, details.Venue.PostalCode,
        caseId.ToString("N"), submissionId.ToString("N")));

    public static string? Refused(string? q) => q is { Length: > MaxQuery } ? $"At most {MaxQuery} characters." : null;

    public static IQueryable<ReviewCase> Matching(this IQueryable<ReviewCase> cases, string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return cases;
        foreach (var word in CommuneNames.Normalise(q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct())
        {
            var pattern = "%" + word + "%"; // normalised words hold letters and digits only: nothing to escape
            cases = cases.Where(c => EF.Functions.Like(c.SearchText, pattern));
        }
        return cases;
    }
}
