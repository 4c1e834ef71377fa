using SemaineIndustrie.LabellingReview.Deadlines;
using SemaineIndustrie.Territory;
using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class ReviewDeadlineTests
{
    [Theory]
    [InlineData(2018, "2018-04-01")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    public void Easter_is_computed(int year, string easter) =>
        Assert.Equal(DateOnly.Parse(easter), FrenchPublicHolidays.EasterSunday(year));

    [Theory]
    [InlineData("2018-04-02", "32", true)]   // Easter Monday
    [InlineData("2018-05-10", "32", true)]   // Ascension
    [InlineData("2018-05-21", "32", true)]   // Whit Monday
    [InlineData("2018-05-08", "32", true)]
    [InlineData("2018-03-30", "32", false)]  // Good Friday, most of France
    [InlineData("2018-03-30", "67", true)]   // Good Friday, Bas-Rhin
    [InlineData("2018-12-26", "57", true)]
    [InlineData("2018-12-26", "75", false)]
    [InlineData("2018-05-27", "971", true)]  // abolition of slavery, Guadeloupe
    [InlineData("2018-12-20", "974", true)]  // La Réunion
    [InlineData("2018-12-20", "971", false)]
    public void Public_holidays_depend_on_the_departement(string day, string departement, bool holiday) =>
        Assert.Equal(holiday, FrenchPublicHolidays.IsHoliday(DateOnly.Parse(day), departement));

    [Theory]
    [InlineData("2018-03-19", "32", "2018-03-23")] // Monday → Friday
    [InlineData("2018-03-23", "32", "2018-03-29")] // Friday → the weekend is skipped
    [InlineData("2018-03-29", "32", "2018-04-05")] // Thursday → skips the weekend and Easter Monday
    [InlineData("2018-03-29", "67", "2018-04-06")] // … and Good Friday in Alsace
    [InlineData("2018-05-04", "32", "2018-05-14")] // 8 May and Ascension (10 May) in between
    [InlineData("2018-12-21", "32", "2018-12-28")] // Christmas
    public void Four_working_days_skip_weekends_and_holidays(string received, string departement, string due) =>
        Assert.Equal(DateOnly.Parse(due), ReviewDeadline.DueDay(DateOnly.Parse(received), departement));

    [Fact]
    public void The_deadline_is_paris_midnight_ending_the_due_day()
    {
        // Received Friday 23 March 2018 at 23:30 Paris (22:30 UTC): due end of Thursday 29 March (summer time by then).
        var due = ReviewDeadline.DueAt(DateTimeOffset.Parse("2018-03-23T22:30:00Z"), "32");
        Assert.Equal(DateTimeOffset.Parse("2018-03-30T00:00:00+02:00"), due);
    }

    [Theory]
    // Due at the end of Friday 9 March 2018: the weekend does not count; late by 2 working days once Monday and Tuesday have passed.
    [InlineData("2018-03-12T15:00:00+01:00", 0)]
    [InlineData("2018-03-13T09:00:00+01:00", 1)]
    [InlineData("2018-03-14T09:00:00+01:00", 2)]
    [InlineData("2018-03-17T09:00:00+01:00", 5)]
    public void Lateness_counts_the_working_days_past_the_deadline(string now, int expected)
    {
        var dueAt = ReviewDeadline.DueAt(DateTimeOffset.Parse("2018-03-05T10:00:00+01:00"), "32"); // received Monday: due end of Friday
        Assert.Equal(new DateTimeOffset(2018, 3, 10, 0, 0, 0, TimeSpan.FromHours(1)), dueAt);
        Assert.Equal(expected, ReviewDeadline.WorkingDaysLate(dueAt, "32", DateTimeOffset.Parse(now)));
    }
}
