using System.Globalization;

namespace SemaineIndustrie.ServiceDefaults.Time;

/// <summary>
/// The platform's one reading of Europe/Paris: event times are Paris wall-clock times, deadlines end at Paris
/// midnight, pages and mails show Paris times. Every service and the web front-end go through here.
/// </summary>
public static class ParisTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Years an event time may have: anything else is a typing mistake or a probe, refused without arithmetic.</summary>
    public const int MinYear = 2000, MaxYear = 2100;

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    /// <summary>The same forms followed by Z or an offset (K reads "Z", "+02:00" and "-05:00").</summary>
    private static readonly string[] ZonedFormats = [.. LocalFormats.Select(f => f + "K")];

    public const string Expected = "An ISO 8601 date-time such as 2018-03-27T09:00 (Europe/Paris), 2018-03-27T09:00:00+02:00 or 2018-03-27T07:00Z.";

    public static DateTimeOffset ToParis(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The Paris calendar day of an instant.</summary>
    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(ToParis(instant).DateTime);

    /// <summary>Paris midnight at the start of <paramref name="day"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    /// <summary>An instant as Paris time in <paramref name="format"/> ("dd/MM/yyyy HH:mm"), digits as written (invariant).</summary>
    public static string Format(DateTimeOffset instant, string format) => ToParis(instant).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>
    /// "2018-03-27T09:00" (seconds and fractions optional) is read as Paris time; the same with Z or an
    /// offset is converted to Paris time. A local time that does not exist in Paris (the spring-forward
    /// hour) is an error, and so is a year outside [<see cref="MinYear"/>, <see cref="MaxYear"/>]. Never throws.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset value, out string? error)
    {
        value = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Required.";
            return false;
        }
        text = text.Trim();
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (local.Year is < MinYear or > MaxYear) return OutOfRange(out error);
            if (Zone.IsInvalidTime(local))
            {
                error = "This time does not exist in Europe/Paris (clocks move forward).";
                return false;
            }
            value = new DateTimeOffset(local, Zone.GetUtcOffset(local));
            return true;
        }
        if (DateTimeOffset.TryParseExact(text, ZonedFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var zoned))
        {
            if (zoned.Year is < MinYear or > MaxYear) return OutOfRange(out error);
            value = ToParis(zoned);
            return true;
        }
        error = Expected;
        return false;
    }

    private static bool OutOfRange(out string? error)
    {
        error = $"A date between {MinYear} and {MaxYear}.";
        return false;
    }
}
