using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;
using Microsoft.Extensions.FileProviders;

namespace SemaineIndustrie.Notification.Deliveries;

/// <summary>A mail as rendered: subject, plain-text part, HTML part.</summary>
public sealed record RenderedMail(string Subject, string Text, string Html);

/// <summary>
/// Mail templates are Liquid files (<c>Templates/{kind}.{language}.liquid</c>, rendered by Fluid), in three
/// sections headed <c>=== subject ===</c>, <c>=== text ===</c> and <c>=== html ===</c>. The HTML section is
/// rendered with every value HTML-encoded, the subject and text as typed — so a title like
/// <c>&lt;script&gt;</c> is inert in HTML and readable in text. Subjects lose line breaks (no header
/// injection; MailKit encodes the rest). A language without its template falls back to French.
/// </summary>
public sealed class MailTemplates
{
    /// <summary>Escapes markup in the HTML part; keeps accents as characters (the part is UTF-8).</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
    private readonly FluidParser parser = new();
    private readonly TemplateOptions options = new();
    private readonly ConcurrentDictionary<string, (IFluidTemplate Subject, IFluidTemplate Text, IFluidTemplate Html)> parsed = new();
    private readonly string folder;

    public MailTemplates(IHostEnvironment environment)
    {
        folder = Path.Combine(AppContext.BaseDirectory, "Templates");
        if (!Directory.Exists(folder)) folder = Path.Combine(environment.ContentRootPath, "Templates");
        options.FileProvider = new PhysicalFileProvider(folder);
        options.MaxSteps = 100_000; // a template cannot loop forever
    }

    public static IReadOnlyList<string> Languages { get; } = ["fr", "en"];

    public RenderedMail Render(string kind, string language, IReadOnlyDictionary<string, object?> model)
    {
        var (subject, text, html) = Template(kind, Languages.Contains(language) ? language : "fr");
        return new RenderedMail(
            Run(subject, model, NullEncoder.Default).ReplaceLineEndings(" ").Trim(),
            Run(text, model, NullEncoder.Default).Trim() + "\n",
            Run(html, model, Html).Trim() + "\n");
    }

    private string Run(IFluidTemplate template, IReadOnlyDictionary<string, object?> model, TextEncoder encoder)
    {
        var context = new TemplateContext(options);
        foreach (var (name, value) in model) context.SetValue(name, value);
        return template.Render(context, encoder);
    }

    private (IFluidTemplate Subject, IFluidTemplate Text, IFluidTemplate Html) Template(string kind, string language) => parsed.GetOrAdd($"{kind}.{language}", name =>
    {
        var path = Path.Combine(folder, name + ".liquid");
        if (!File.Exists(path)) path = Path.Combine(folder, $"{kind}.fr.liquid");
        var sections = System.Text.RegularExpressions.Regex.Split(File.ReadAllText(path), @"^=== (subject|text|html) ===\r?\n", System.Text.RegularExpressions.RegexOptions.Multiline);
        // Split keeps the captured names: ["", "subject", body, "text", body, "html", body]
        var bodies = new Dictionary<string, string>();
        for (var i = 1; i + 1 < sections.Length; i += 2) bodies[sections[i]] = sections[i + 1];
        IFluidTemplate Parse(string section) =>
            bodies.TryGetValue(section, out var source) && parser.TryParse(source, out var template, out var error) ? template
            : throw new InvalidOperationException($"Mail template {path}: section '{section}' is missing or does not parse.");
        return (Parse("subject"), Parse("text"), Parse("html"));
    });
}
