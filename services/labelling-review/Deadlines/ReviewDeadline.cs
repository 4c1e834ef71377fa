using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.LabellingReview.Deadlines;

/// <summary>
/// A committee has 4 working days to decide a version: the deadline is the end (Paris midnight) of the
/// 4th working day after the day the version was received, skipping weekends and the département's
/// public holidays.
/// </summary>
public static class ReviewDeadline
{
    public const int WorkingDays = 4;


    public static DateOnly DueDay(DateOnly receivedDay, string departement, int workingDays = WorkingDays)
    {
        var day = receivedDay;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (FrenchPublicHolidays.IsWorkingDay(day, departement)) counted++;
        }
        return day;
    }

    public static DateTimeOffset DueAt(DateTimeOffset receivedAt, string departement)
    {
        return ParisTime.StartOf(DueDay(ParisTime.Day(receivedAt), departement).AddDays(1)).ToUniversalTime();
    }

    /// <summary>Working days of <paramref name="departement"/> from the day after the deadline's day up to today (0: not late, or late since today only).</summary>
    public static int WorkingDaysLate(DateTimeOffset dueAt, string departement, DateTimeOffset now)
    {
        var lastDay = ParisTime.Day(dueAt).AddDays(-1); // the deadline is the end of that working day (Paris midnight after it)
        var today = ParisTime.Day(now);
        var late = 0;
        for (var day = lastDay.AddDays(1); day < today; day = day.AddDays(1))
            if (FrenchPublicHolidays.IsWorkingDay(day, departement)) late++;
        return late;
    }

    /// <summary>Escalated to the région's administrators from this many working days late.</summary>
    public const int RegionalEscalationDays = 2;
    /// <summary>Escalated to the national team from this many working days late.</summary>
    public const int NationalEscalationDays = 5;

    /// <summary>The escalation levels a case late by <paramref name="workingDaysLate"/> has reached, the lower first (none under two days).</summary>
    public static IEnumerable<string> EscalationLevels(int workingDaysLate)
    {
        if (workingDaysLate >= RegionalEscalationDays) yield return SemaineIndustrie.Contracts.CaseEscalated.Regional;
        if (workingDaysLate >= NationalEscalationDays) yield return SemaineIndustrie.Contracts.CaseEscalated.National;
    }
}
