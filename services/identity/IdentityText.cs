using System.Globalization;
using System.Resources;

namespace SemaineIndustrie.Identity;

/// <summary>
/// The identity service's one resource set (Resources/IdentityText.resx in French, IdentityText.en.resx in English): its
/// pages read it through <c>IStringLocalizer&lt;IdentityText&gt;</c> in the request's language, its mails through
/// <see cref="In"/> in the recipient's.
/// </summary>
public sealed class IdentityText
{
    private static readonly ResourceManager Resources = new("SemaineIndustrie.Identity.Resources.IdentityText", typeof(IdentityText).Assembly);

    /// <summary>One text in <paramref name="language"/> ("fr", "en"), formatted with <paramref name="args"/>.</summary>
    public static string In(string language, string key, params object?[] args)
    {
        var culture = CultureInfo.GetCultureInfo(language == "en" ? "en" : "fr");
        var text = Resources.GetString(key, culture) ?? throw new InvalidOperationException($"No identity text '{key}'.");
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }

    /// <summary>In the current request's language.</summary>
    public static string Now(string key, params object?[] args) => In(SemaineIndustrie.ServiceDefaults.Web.PlatformCultures.Current, key, args);
}
