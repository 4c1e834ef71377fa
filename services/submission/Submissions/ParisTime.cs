using System.Globalization;

namespace SemaineIndustrie.Submission;

/// <summary>Event times are Europe/Paris wall-clock times.</summary>
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
