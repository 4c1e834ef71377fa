using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.Publication.Catalogue;
using SemaineIndustrie.ServiceDefaults.Web;
using SemaineIndustrie.Submission;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>What text the platform accepts, and how it leaves in each export format.</summary>
public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Portes ouvertes de l'atelier — œuvre, 😀", true, true)]
    [InlineData("ligne 1\r\nligne 2\tavec tabulation", false, true)]
    [InlineData("a\u0000b", false, false)]
    [InlineData("\u0001", false, false)]
    [InlineData("\u001B[31m", false, false)]
    [InlineData("del\u007F", false, false)]
    [InlineData("next\u0085line", false, false)]
    public void Text_is_accepted_on_one_line_on_several_or_not_at_all(string text, bool singleLine, bool multiLine)
    {
        Assert.Equal(singleLine, TextRules.Check(text, multiLine: false) is null);
        Assert.Equal(multiLine, TextRules.Check(text, multiLine: true) is null);
        Assert.Equal(multiLine, TextRules.IsAcceptable(text));
    }

    [Fact]
    public void Lone_surrogates_are_never_accepted()
    {
        // Built at run time: attribute arguments cannot carry a lone surrogate (it becomes U+FFFD).
        foreach (var text in new[] { new string((char)0xD800, 1), "x" + (char)0xDC00 + "y", "a" + (char)0xD83D })
        {
            Assert.NotNull(TextRules.Check(text, multiLine: true));
            Assert.False(TextRules.IsAcceptable(text));
        }
        Assert.True(TextRules.IsAcceptable("😀"));
    }

    [Fact]
    public void Stripping_keeps_line_breaks_and_whole_surrogate_pairs_only()
    {
        Assert.Equal("ab\r\nc😀d", TextRules.StripControls("a\u0000b\r\n\u001Bc😀" + (char)0xD800 + "d\u007F"));
        var untouched = "rien à retirer";
        Assert.Same(untouched, TextRules.StripControls(untouched));
    }

    [Theory]
    [InlineData("=1+2", "\"'=1+2\"")]
    [InlineData("+33 6 12 34 56 78", "\"'+33 6 12 34 56 78\"")]
    [InlineData("-2", "\"'-2\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tindent", "\"'\tindent\"")]
    [InlineData("\rreturn", "\"'\rreturn\"")]
    [InlineData("a, \"b\"", "\"a, \"\"b\"\"\"")]
    [InlineData("plain", "plain")]
    [InlineData("nul\u0000", "nul")]
    public void A_csv_cell_never_starts_like_a_formula(string value, string cell) => Assert.Equal(cell, CsvText.Cell(value));

    [Fact]
    public void Icalendar_values_cannot_end_their_line()
    {
        Assert.Equal("a\\;b\\,c\\\\d\\ne\\nf", CatalogueExports.Text("a;b,c\\d\r\ne\nf\u0007"));
        Assert.Equal("\"Org  ATTACH:x 'q'\"", CatalogueExports.Param("Org\r\nATTACH:x \"q\"\u0001"));
        Assert.Null(CatalogueExports.Uri("https://example.org/a\r\nATTACH:http://evil"));
        Assert.Null(CatalogueExports.Uri("https://example.org/a b"));
        Assert.Null(CatalogueExports.Uri("not a uri"));
        Assert.Equal("https://example.org/inscription?x=1", CatalogueExports.Uri("https://example.org/inscription?x=1"));
    }

    [Theory]
    [InlineData("2018-03-27T09:00", "2018-03-27T09:00:00+02:00")]
    [InlineData("2018-03-27T09:00:30", "2018-03-27T09:00:30+02:00")]
    [InlineData("2018-03-27T09:00:30.5", "2018-03-27T09:00:30+02:00")]
    [InlineData("2018-03-27T07:00Z", "2018-03-27T09:00:00+02:00")]
    [InlineData("2018-03-27T07:00:00Z", "2018-03-27T09:00:00+02:00")]
    [InlineData("2018-03-27T09:00+02:00", "2018-03-27T09:00:00+02:00")]
    [InlineData("2018-03-27T03:00:00-04:00", "2018-03-27T09:00:00+02:00")]
    public void Every_documented_iso_8601_form_is_read_as_paris_time(string text, string paris)
    {
        Assert.True(ParisTime.TryParse(text, out var value, out var error), error);
        Assert.Equal(paris, value.ToString("yyyy-MM-ddTHH:mm:sszzz"));
    }

    [Theory]
    [InlineData("0001-01-01T00:00")]
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("9999-12-31T23:59")]
    [InlineData("9999-12-31T23:59:59-12:00")]
    [InlineData("1999-12-31T23:59")]
    [InlineData("2018-03-25T02:30")]
    [InlineData("2018-02-30T10:00")]
    [InlineData("27/03/2018 09:00")]
    public void Dates_out_of_range_or_malformed_are_refused_without_throwing(string text) =>
        Assert.False(ParisTime.TryParse(text, out _, out _));
}
