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
}
