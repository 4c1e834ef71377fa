using System.Text;

namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>
/// What text the platform accepts, decided once for every body field and query parameter of every
/// service: well-formed Unicode (no lone surrogate), no C0 control character (U+0000–U+001F) other than
/// tab, CR and LF, no DEL (U+007F) and no C1 control (U+0080–U+009F). Tab, CR and LF are allowed only
/// where a text may span several lines (descriptions, motivations, notes); names, titles, addresses,
/// codes and query parameters are single lines. PostgreSQL refuses NUL in text, and every export format
/// (CSV, iCalendar, HTML, JSON-LD, mail) is safer without control characters.
/// </summary>
public static class TextRules
{
    public const string MultiLineRule = "Control characters (other than tab and line breaks) and invalid Unicode are not accepted.";
    public const string SingleLineRule = "A single line of text: control characters, line breaks and invalid Unicode are not accepted.";

    /// <summary>Null when <paramref name="text"/> is acceptable, else the reason.</summary>
    public static string? Check(string? text, bool multiLine)
    {
        if (text is null) return null;
        var status = Scan(text);
        if (status == Finding.Control || status == Finding.InvalidUnicode) return multiLine ? MultiLineRule : SingleLineRule;
        if (status == Finding.LineBreakOrTab && !multiLine) return SingleLineRule;
        return null;
    }

    /// <summary>True when the text holds nothing any field may refuse (tab, CR and LF are allowed).</summary>
    public static bool IsAcceptable(string text) => Scan(text) is Finding.None or Finding.LineBreakOrTab;

    private enum Finding { None, LineBreakOrTab, Control, InvalidUnicode }

    private static Finding Scan(string text)
    {
        var finding = Finding.None;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\r' or '\n') { finding = Finding.LineBreakOrTab; continue; }
            if (c < 0x20 || c is >= '\u007F' and <= '\u009F') return Finding.Control;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                return Finding.InvalidUnicode;
            }
            if (char.IsLowSurrogate(c)) return Finding.InvalidUnicode;
        }
        return finding;
    }

    /// <summary>
    /// For writers of formats that must not carry control characters (iCalendar, CSV): drops every
    /// character <see cref="Check"/> would refuse in a multi-line text, keeping tab, CR and LF for the
    /// caller's own escaping. Data stored before the rule existed is still exported safely.
    /// </summary>
    public static string StripControls(string text)
    {
        if (Scan(text) is Finding.None or Finding.LineBreakOrTab) return text;
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\r' or '\n') { clean.Append(c); continue; }
            if (c < 0x20 || c is >= '\u007F' and <= '\u009F') continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c)) continue;
            clean.Append(c);
        }
        return clean.ToString();
    }
}
