using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>
/// The resource check of the English pages: every French text of the services' resource sets (the web front-end's
/// SharedResource, the identity service's IdentityText) that differs from its English text must not appear on a page shown in
/// English — in its text, its titles or its accessible names. A text with placeholders is checked by its literal parts; parts
/// shorter than four letters ("Non", "Fin") are left out, as they could be a name's, and so are words that English texts use
/// too ("Public"). It finds what was translated and not
/// used; a page that still writes French outside the resources is caught by the headings and labels the journeys look for.
/// </summary>
public static partial class FrenchResources
{
    private static readonly Lazy<IReadOnlyList<(string Key, string French, Regex Pattern)>> Texts = new(Load);

    private static IReadOnlyList<(string Key, string French, Regex Pattern)> Load()
    {
        var root = PlatformSettings.RepositoryRoot();
        var sets = new[]
        {
            Path.Combine(root, "web", "SemaineIndustrie.Web", "Resources", "SharedResource"),
            Path.Combine(root, "services", "identity", "Resources", "IdentityText"),
        };
        var texts = new List<(string, string, Regex)>();
        // A French text that is also English words of some resource ("Public" in "Public e-mail address") cannot tell them apart.
        var allEnglish = string.Join("\n", sets.SelectMany(set => Read(set + ".en.resx").Values));
        foreach (var set in sets)
        {
            var french = Read(set + ".resx");
            var english = Read(set + ".en.resx");
            foreach (var (key, value) in french)
            {
                if (!english.TryGetValue(key, out var translated)) throw new InvalidOperationException($"{Path.GetFileName(set)}: '{key}' has no English text.");
                if (value == translated) continue;
                foreach (var part in Placeholder().Split(Markup().Replace(value, " ")).Select(p => p.Trim(' ', ',', '.', ';', ':', '(', ')', '«', '»', '—', '–', '·', '\'')))
                {
                    if (part.Count(char.IsLetter) < 4 || translated.Contains(part, StringComparison.Ordinal) || DateFormat().IsMatch(part)) continue;
                    var pattern = new Regex($@"(?<!\p{{L}}){Regex.Escape(part)}(?!\p{{L}})", RegexOptions.CultureInvariant);
                    if (!pattern.IsMatch(allEnglish)) texts.Add(($"{Path.GetFileName(set)}:{key}", part, pattern));
                }
            }
        }
        return texts;
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    /// <summary>
    /// Fails naming every French resource the page shows. <paramref name="userText"/>: selectors of what people wrote (event titles
    /// in a list shared with other tests' French events), left out of the check.
    /// </summary>
    public static async Task AbsentAsync(IPage page, params string[] userText)
    {
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        // Passages marked as French (lang="fr": the State's block, an edition's French-only sector names) are not English text.
        var shown = await page.EvaluateAsync<string>("""
            userText => {
                const body = document.body.cloneNode(true);
                body.querySelectorAll(['script,style,noscript,template,[lang]:not([lang^="en"])', ...userText].join(',')).forEach(e => e.remove());
                return [document.title, body.textContent,
                    ...[...body.querySelectorAll('[title],[aria-label],[placeholder],[alt]')].map(e =>
                        [e.getAttribute('title'), e.getAttribute('aria-label'), e.getAttribute('placeholder'), e.getAttribute('alt')].filter(Boolean).join('\n'))].join('\n');
            }
            """, userText);
        var found = Texts.Value.Where(t => t.Pattern.IsMatch(shown)).Select(t => $"{t.Key}: \"{t.French}\"").Distinct().ToList();
        Assert.True(found.Count == 0, $"{page.Url} shows French resources on its English side:\n" + string.Join("\n", found));
    }

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Markup();

    [GeneratedRegex(@"^[dMyHhms/.:' à]+$")]
    private static partial Regex DateFormat();
}
