namespace SemaineIndustrie.Territory;

/// <summary>
/// French public holidays (Code du travail, art. L3133-1): the fixed ones, Easter Monday, Ascension and
/// Whit Monday computed from Easter; plus Good Friday and 26 December in Alsace-Moselle (57, 67, 68)
/// and the abolition-of-slavery day of each overseas département.
/// </summary>
public static class FrenchPublicHolidays
{
    private static readonly (int Month, int Day)[] Fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)];

    private static readonly Dictionary<string, (int Month, int Day)> AbolitionOfSlavery = new()
    {
        ["971"] = (5, 27), ["972"] = (5, 22), ["973"] = (6, 10), ["974"] = (12, 20), ["976"] = (4, 27),
    };

    /// <summary>Easter Sunday, Gregorian calendar (anonymous algorithm: Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    public static bool IsHoliday(DateOnly day, string? departement = null)
    {
        if (Fixed.Contains((day.Month, day.Day))) return true;
        var easter = EasterSunday(day.Year);
        if (day == easter.AddDays(1) || day == easter.AddDays(39) || day == easter.AddDays(50)) return true;
        if (departement is "57" or "67" or "68" && (day == easter.AddDays(-2) || (day.Month, day.Day) == (12, 26))) return true;
        return departement is not null && AbolitionOfSlavery.TryGetValue(departement, out var abolition) && (day.Month, day.Day) == abolition;
    }

    public static bool IsWorkingDay(DateOnly day, string? departement = null) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(day, departement);
}
