namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>RFC 4180 CSV cells, safe to open in a spreadsheet: one rule for every CSV the platform writes.</summary>
public static class CsvText
{
    /// <summary>
    /// One text cell: control characters dropped; a value a spreadsheet would read as a formula (starting
    /// with =, +, -, @, tab or CR) prefixed with a single quote (OWASP, "CSV injection"); quoted when it
    /// holds a separator, a quote, a line break or that prefix.
    /// </summary>
    public static string? Cell(string? value)
    {
        if (value is null) return null;
        value = TextRules.StripControls(value);
        var formula = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (formula) value = "'" + value;
        return formula || value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    /// <summary>One line: cells (already made with <see cref="Cell"/> or numbers) joined by commas, CRLF-terminated.</summary>
    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(c => c ?? "")) + "\r\n";

    /// <summary>The byte-order mark that makes spreadsheets read UTF-8 accents, then the header line.</summary>
    public static string Header(IEnumerable<string> columns) => "\uFEFF" + string.Join(',', columns) + "\r\n";
}
