using System.Globalization;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Editions;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.ServiceDefaults.Time;

namespace SemaineIndustrie.Submission.Submissions;

/// <summary>
/// "Reconduire": a demand of a past edition as the request of a new demand for another edition. The organiser reviews it in
/// the form and posts it; the committee reviews it like any new demand.
/// </summary>
public static class CarryOver
{
    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    public static CarryOverView Into(Guid from, EventDetails past, PrivateContact contact, Edition target)
    {
        var days = DaysMoved(past.StartsAt, past.Edition, target);
        var sectors = target.Sectors.Select(s => s.Code).ToHashSet();
        var audiences = target.Audiences.Select(a => a.Code).ToHashSet();
        var focus = target.FocusTags.Select(f => f.Code).ToHashSet();
        var request = SubmissionRequest.From(past, contact, instant => Local(instant, days)) with
        {
            Sectors = past.Sectors.Where(sectors.Contains).ToList(), Audiences = past.Audiences.Where(audiences.Contains).ToList(),
            FocusTags = (past.FocusTags ?? []).Where(focus.Contains).ToList(),
        };
        return new CarryOverView(from, past.Edition.Year, target.Year, request,
            past.Sectors.Where(s => !sectors.Contains(s)).ToList(), past.Audiences.Where(a => !audiences.Contains(a)).ToList());
    }

    /// <summary>
    /// How many days the event moves: from its first Paris day to the same weekday in <paramref name="target"/>'s week (its
    /// first such day; a week too short to have it: the same rank of day, kept inside the week). Every session and end moves
    /// by as many days at the same Paris clock time, so a Tuesday-and-Thursday event stays on Tuesday and Thursday.
    /// </summary>
    public static int DaysMoved(DateTimeOffset startsAt, EditionFrame from, Edition target)
    {
        var day = ParisTime.Day(startsAt);
        var week = Enumerable.Range(0, target.LastDay.DayNumber - target.FirstDay.DayNumber + 1).Select(target.FirstDay.AddDays).ToList();
        var sameWeekday = week.Where(d => d.DayOfWeek == day.DayOfWeek).Cast<DateOnly?>().FirstOrDefault();
        var newDay = sameWeekday ?? week[Math.Clamp(day.DayNumber - from.FirstDay.DayNumber, 0, week.Count - 1)];
        return newDay.DayNumber - day.DayNumber;
    }

    /// <summary>The Paris start and end of an event moved into <paramref name="target"/>'s week, as the form's local "yyyy-MM-ddTHH:mm".</summary>
    public static (string StartsAt, string EndsAt) MoveDates(DateTimeOffset startsAt, DateTimeOffset endsAt, EditionFrame from, Edition target)
    {
        var days = DaysMoved(startsAt, from, target);
        return (Local(startsAt, days), Local(endsAt, days));
    }

    private static string Local(DateTimeOffset instant, int days) =>
        ParisTime.ToParis(instant).DateTime.AddDays(days).ToString(LocalFormat, CultureInfo.InvariantCulture);
}
