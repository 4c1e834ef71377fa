using System.Globalization;

namespace SemaineIndustrie.Submission;

/// <summary>Event times are Europe/Paris wall-clock times.</summary>
public static class ParisTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    public static DateTimeOffset ToParis(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>
    /// "2018-03-27T09:00" is read as Paris time; a value with an offset or Z is converted to Paris time.
    /// A local time that does not exist in Paris (the spring-forward hour) is an error.
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
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (Zone.IsInvalidTime(local))
            {
                error = "This time does not exist in Europe/Paris (clocks move forward).";
                return false;
            }
            value = new DateTimeOffset(local, Zone.GetUtcOffset(local));
            return true;
        }
        if (text.Length > 19 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            value = ToParis(withOffset);
            return true;
        }
        error = "An ISO 8601 date-time such as 2018-03-27T09:00 (Europe/Paris) or 2018-03-27T09:00:00+02:00.";
        return false;
    }
}
