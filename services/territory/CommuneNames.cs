using System.Globalization;
using System.Text;

namespace SemaineIndustrie.Territory;

/// <summary>How organisers write commune names, reduced to one comparable form.</summary>
public static class CommuneNames
{
    /// <summary>
    /// Case, accents, hyphens, apostrophes and the usual abbreviations (St, Ste, Mt) do not matter:
    /// "ST-JEAN-D'ANGELY" and "Saint Jean d’Angély" are the same name.
    /// </summary>
    public static string Normalise(string name)
    {
        var decomposed = name.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        var words = builder.ToString().Replace("œ", "oe").Replace("æ", "ae")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w switch { "st" => "saint", "ste" => "sainte", "mt" => "mont", _ => w });
        return string.Join(' ', words);
    }
}
