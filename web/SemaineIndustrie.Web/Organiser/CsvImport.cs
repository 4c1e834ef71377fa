using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.Web.Wording;

namespace SemaineIndustrie.Web.Organiser;

/// <summary>
/// The CSV an organisation imports (one event per line, ';'-separated as French spreadsheets write it, UTF-8):
/// each line becomes one item of POST /api/submissions/batch. What this class checks is only what it needs
/// to build the request (columns, yes/no, numbers, dates, codes); every labelling rule stays the API's, whose errors are
/// shown back against the columns they concern (<see cref="ColumnOf"/>).
/// </summary>
public static class CsvImport
{
    public const int MaxLines = 200;

    /// <summary>Column → JSON path in the submission document.</summary>
    public static readonly IReadOnlyList<(string Column, string Path)> Columns =
    [
        ("cle", "key"), ("titre", "title"), ("description", "description"), ("type", "eventType"), ("debut", "startsAt"), ("fin", "endsAt"),
        ("lieu", "venue.name"), ("adresse", "venue.street"), ("code_postal", "venue.postalCode"), ("commune", "venue.commune"),
        ("filieres", "sectors"), ("publics", "audiences"), ("gratuit", "freeOfCharge"), ("capacite", "capacity"),
        ("inscription_requise", "registration.required"), ("inscription_url", "registration.url"), ("inscription_email", "registration.email"),
        ("inscription_telephone", "registration.phone"), ("accessible_fauteuil", "accessibility.wheelchairAccessible"), ("accessibilite_details", "accessibility.details"),
        ("organisme", "organisingBody.name"), ("organisme_type", "organisingBody.kind"), ("siret", "organisingBody.siret"),
        ("contact_nom", "privateContact.name"), ("contact_email", "privateContact.email"), ("contact_telephone", "privateContact.phone"),
    ];

    public sealed record Line(int Number, string Key, string Title, SubmissionRequest? Submission, Dictionary<string, string> Errors);

    /// <summary>The template: the header and one example line.</summary>
    public static string Template() =>
        string.Join(';', Columns.Select(c => c.Column)) + "\r\n" +
        "F-2018-001;Portes ouvertes de l'atelier;Visite des ateliers et rencontre avec les apprentis.;openDay;27/03/2018 09:00;27/03/2018 12:00;" +
        "Atelier du Garros;12 rue du Garros;32000;Auch;aeronautique;jeunes,grand-public;oui;40;oui;https://example.org/inscription;;;oui;Ateliers de plain-pied;" +
        "Forges de Gascogne;company;;Camille Martin;camille.martin@example.org;06 12 34 56 78\r\n";

    /// <summary>Reads the file: a problem with the whole file (columns, size), or one line per event.</summary>
    public static (string? FileError, List<Line> Lines) Read(string text, Microsoft.Extensions.Localization.IStringLocalizer T)
    {
        var lines = new List<Line>();
        using var csv = CsvReader.FromText(text.TrimStart('\uFEFF'), new CsvReaderOptions
        {
            HasHeader = false, TrimWhitespace = true, AllowLineBreaksInQuotes = true, TrackLineNumbers = true, // ';' or ',' detected
        });
        if (!csv.Read()) return (T["Import.Empty"], lines);
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim().ToLowerInvariant()).ToArray();
        var missing = Columns.Select(c => c.Column).Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0) return (T["Import.MissingColumns", string.Join(", ", missing)], lines);

        while (csv.Read())
        {
            var number = (int)csv.LineNumber; // as the spreadsheet numbers it (the header is line 1)
            var values = Columns.ToDictionary(c => c.Column, c => Array.IndexOf(header, c.Column) is var i && i < csv.FieldCount ? csv.GetString(i) : "");
            if (values.Values.All(string.IsNullOrWhiteSpace)) continue;
            if (lines.Count == MaxLines) return (T["Import.TooManyLines", MaxLines], lines);
            lines.Add(Build(number, values, T));
        }
        return (lines.Count == 0 ? T["Import.NoLine"].Value : null, lines);
    }

    private static Line Build(int number, Dictionary<string, string> v, Microsoft.Extensions.Localization.IStringLocalizer T)
    {
        var errors = new Dictionary<string, string>();
        var key = v["cle"].Length > 0 ? v["cle"] : "ligne-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', v.Values))))[..16];
        bool? YesNo(string column)
        {
            var value = v[column].ToLowerInvariant();
            if (value.Length == 0) return null;
            if (value is "oui" or "o" or "yes" or "true" or "1") return true;
            if (value is "non" or "n" or "no" or "false" or "0") return false;
            errors[column] = T["Import.YesNo"];
            return null;
        }
        int? Number(string column)
        {
            if (v[column].Length == 0) return null;
            if (int.TryParse(v[column], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
            errors[column] = T["Integer"];
            return null;
        }
        string? Date(string column)
        {
            var value = v[column];
            if (value.Length == 0) return null;
            return DateTime.TryParseExact(value, ["dd/MM/yyyy HH:mm", "dd/MM/yyyy H:mm", "d/M/yyyy HH:mm", "d/M/yyyy H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)
                : value; // ISO forms go to the API as typed: its rules decide
        }
        string? Text(string column) => v[column].Length == 0 ? null : v[column];
        string[] List(string column) => v[column].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        TEnum? Code<TEnum>(string column) where TEnum : struct, Enum
        {
            if (v[column].Length == 0) return null;
            if (Labels.FromCode<TEnum>(v[column]) is { } value) return value;
            errors[column] = T.OneOf<TEnum>();
            return null;
        }

        var submission = new SubmissionRequest(
            Text("titre"), Text("description"), Code<EventType>("type"), Date("debut"), Date("fin"),
            new VenueRequest(Text("lieu"), Text("adresse"), Text("code_postal"), Text("commune"), null),
            List("filieres"), List("publics"), YesNo("gratuit"), Number("capacite"),
            new RegistrationRequest(YesNo("inscription_requise"), Text("inscription_url"), Text("inscription_email"), Text("inscription_telephone")),
            new AccessibilityRequest(YesNo("accessible_fauteuil"), Text("accessibilite_details")),
            new OrganisingBodyRequest(Text("organisme"), Code<OrganisationKind>("organisme_type"), Text("siret")),
            new PrivateContactRequest(Text("contact_nom"), Text("contact_email"), Text("contact_telephone")));
        return new Line(number, key, v["titre"], errors.Count == 0 ? submission : null, errors);
    }

    /// <summary>The CSV column an API error path ("venue.postalCode", "sectors[1]") concerns.</summary>
    public static string ColumnOf(string path)
    {
        var bare = System.Text.RegularExpressions.Regex.Replace(path, @"\[\d+\]", "");
        return Columns.FirstOrDefault(c => string.Equals(c.Path, bare, StringComparison.OrdinalIgnoreCase)).Column
            ?? Columns.FirstOrDefault(c => bare.StartsWith(c.Path + ".", StringComparison.OrdinalIgnoreCase) || c.Path.StartsWith(bare + ".", StringComparison.OrdinalIgnoreCase)).Column
            ?? path;
    }
}
