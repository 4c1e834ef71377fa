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
        var (startsAt, endsAt) = MoveDates(past.StartsAt, past.EndsAt, past.Edition, target);
        var sectors = target.Sectors.Select(s => s.Code).ToHashSet();
        var audiences = target.Audiences.Select(a => a.Code).ToHashSet();
        var focus = target.FocusTags.Select(f => f.Code).ToHashSet();
        var request = SubmissionRequest.From(past, contact, startsAt, endsAt) with
        {
            Sectors = past.Sectors.Where(sectors.Contains).ToList(), Audiences = past.Audiences.Where(audiences.Contains).ToList(),
            FocusTags = (past.FocusTags ?? []).Where(focus.Contains).ToList(),
        };
        return new CarryOverView(from, past.Edition.Year, target.Year, request,
            past.Sectors.Where(s => !sectors.Contains(s)).ToList(), past.Audiences.Where(a => !audiences.Contains(a)).ToList());
    }

    /// <summary>
    /// The event's Paris start moved to the same weekday in <paramref name="target"/>'s week (its first such day; a week too
    /// short to have it: the same rank of day, kept inside the week), at the same Paris time, lasting as long in Paris
    /// clock time — as the form's local "yyyy-MM-ddTHH:mm".
    /// </summary>
    public static (string StartsAt, string EndsAt) MoveDates(DateTimeOffset startsAt, DateTimeOffset endsAt, EditionFrame from, Edition target)
    {
        var start = ParisTime.ToParis(startsAt).DateTime;
        var end = ParisTime.ToParis(endsAt).DateTime;
        var day = DateOnly.FromDateTime(start);
        var week = Enumerable.Range(0, target.LastDay.DayNumber - target.FirstDay.DayNumber + 1).Select(target.FirstDay.AddDays).ToList();
        var sameWeekday = week.Where(d => d.DayOfWeek == day.DayOfWeek).Cast<DateOnly?>().FirstOrDefault();
        var rank = Math.Clamp(day.DayNumber - from.FirstDay.DayNumber, 0, week.Count - 1);
        var newDay = sameWeekday ?? week[rank];
        var newStart = newDay.ToDateTime(TimeOnly.FromDateTime(start));
        var newEnd = newStart + (end - start);
        return (newStart.ToString(LocalFormat, CultureInfo.InvariantCulture), newEnd.ToString(LocalFormat, CultureInfo.InvariantCulture));
    }
}
