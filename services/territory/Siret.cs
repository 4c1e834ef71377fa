namespace SemaineIndustrie.Territory;

/// <summary>The SIRET rule, shared by submissions (the organising body) and identity (organisations).</summary>
public static class Siret
{
    /// <summary>Spaces are tolerated on input ("123 456 789 00012") and removed.</summary>
    public static string Normalise(string siret) => siret.Replace(" ", "");

    /// <summary>
    /// 14 digits with a Luhn check digit; La Poste's many establishments (SIREN 356000000) may
    /// instead have a digit sum divisible by 5.
    /// </summary>
    public static bool IsValid(string siret)
    {
        if (siret.Length != 14 || !siret.All(char.IsAsciiDigit)) return false;
        if (Luhn(siret)) return true;
        return siret.StartsWith("356000000", StringComparison.Ordinal) && siret.Sum(c => c - '0') % 5 == 0;
    }

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }
}
