using System.Globalization;
using System.Resources;
using System.Text.Json;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Web;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Wording;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>
/// The pages word the APIs' codes from one resource per value (FR and EN), read codes as the APIs write them, and put
/// the catalogue's JSON-LD into a script element safely.
/// </summary>
public sealed class WebWordingTests
{
    public static TheoryData<Type> WordedEnums => new() { typeof(CaseStatus), typeof(SubmissionStatus), typeof(EventType), typeof(OrganisationKind) };

    /// <summary>A value added to a contract's enum without its words would show the resource key on the pages.</summary>
    [Theory]
    [MemberData(nameof(WordedEnums))]
    public void Every_value_of_a_worded_contract_enum_has_french_and_english_words(Type type)
    {
        var resources = new ResourceManager("SemaineIndustrie.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
        foreach (var culture in new[] { CultureInfo.GetCultureInfo("fr"), CultureInfo.GetCultureInfo("en") })
        {
            var missing = Enum.GetNames(type).Where(name => string.IsNullOrWhiteSpace(resources.GetString($"{type.Name}.{name}", culture))).ToList();
            Assert.True(missing.Count == 0, $"{type.Name} ({culture.Name}): no words for {string.Join(", ", missing)}");
        }
        // The two languages do not share a wording by accident (a copied line): at least one value differs.
        Assert.Contains(Enum.GetNames(type), name =>
            resources.GetString($"{type.Name}.{name}", CultureInfo.GetCultureInfo("fr")) != resources.GetString($"{type.Name}.{name}", CultureInfo.GetCultureInfo("en")));
    }

    [Theory]
    [InlineData("openDay", EventType.OpenDay)]
    [InlineData("OPENDAY", EventType.OpenDay)]
    [InlineData(" companyVisit ", EventType.CompanyVisit)]
    [InlineData("3", null)]          // Enum.TryParse would take a number: a code is a name
    [InlineData("open-day", null)]
    [InlineData("", null)]
    public void A_code_is_read_as_the_apis_write_it_and_nothing_else(string code, EventType? expected) =>
        Assert.Equal(expected, Labels.FromCode<EventType>(code));

    [Fact]
    public void Codes_are_written_as_the_apis_read_them() =>
        Assert.Equal(JsonSerializer.Serialize(SubmissionStatus.ChangesRequested, SemaineIndustrie.Web.Api.PlatformApi.Json).Trim('"'), Labels.Code(SubmissionStatus.ChangesRequested));

    [Fact]
    public void Json_ld_cannot_close_or_disturb_its_script_element_and_means_the_same()
    {
        var hostile = """{"name":"</script><script>alert(1)</script>","description":"<!-- a & b >"}"""u8.ToArray();
        var safe = CatalogueClient.ScriptSafeJson(hostile);
        Assert.DoesNotContain("<", safe);
        Assert.DoesNotContain(">", safe);
        Assert.DoesNotContain("&", safe);
        using var original = JsonDocument.Parse(hostile);
        using var escaped = JsonDocument.Parse(safe);
        Assert.Equal(original.RootElement.GetProperty("name").GetString(), escaped.RootElement.GetProperty("name").GetString());
        Assert.Equal(original.RootElement.GetProperty("description").GetString(), escaped.RootElement.GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("""{"name":"x"} <script>""")]
    [InlineData("""{"name":"x""")]
    [InlineData("")]
    public void What_is_not_one_json_document_is_refused(string text) =>
        Assert.ThrowsAny<JsonException>(() => CatalogueClient.ScriptSafeJson(System.Text.Encoding.UTF8.GetBytes(text)));
}
