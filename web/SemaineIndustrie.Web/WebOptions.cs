namespace SemaineIndustrie.Web;

/// <summary>Configuration section "Web".</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The gateway, through which the pages read the APIs like any client.</summary>
    public Uri ApiBaseUrl { get; set; } = new("http://127.0.0.1:8080/");

    public MapOptions Map { get; set; } = new();

    /// <summary>What the State website's mandatory pages state (legal notices, accessibility statement, contact).</summary>
    public SiteOptions Site { get; set; } = new();

    /// <summary>
    /// The site's public address (the gateway's), for what must be absolute: link previews (OpenGraph, Twitter cards). Empty:
    /// the address the request came to.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>An absolute address of the site for <paramref name="path"/> ("/evenements/…").</summary>
    public string Absolute(HttpRequest request, string path) =>
        (PublicBaseUrl?.ToString().TrimEnd('/') ?? $"{request.Scheme}://{request.Host}") + path;

    /// <summary>
    /// Where the data-protection key ring lives (sign-in cookies, antiforgery tokens). Several replicas must share
    /// it, or a cookie one of them wrote is unreadable by the others: a folder every replica mounts (Kubernetes: the
    /// ReadWriteMany volume "web-keys"; deploy/cluster.sh: .local/cluster/web-keys). Empty: ASP.NET Core's default,
    /// the user's profile — one process, or several as the same user on one machine.
    /// </summary>
    public string? KeysFolder { get; set; }

    /// <summary>Origins allowed to frame the embeddable widget (/embed); "*" for any site.</summary>
    public string[] EmbedAllowedOrigins { get; set; } = ["*"];
}

/// <summary>The map's tile layer. Empty: no tiles (a plain background), as on machines without internet.</summary>
public sealed class MapOptions
{
    /// <summary>e.g. the IGN Plan: https://data.geopf.fr/wmts?…&amp;TILEMATRIX={z}&amp;TILEROW={y}&amp;TILECOL={x}, or OSM France.</summary>
    public string TileUrl { get; set; } = "";
    public string TileAttribution { get; set; } = "";

    /// <summary>The tile server's origin for the pages' Content-Security-Policy; a "{s}." subdomain template allows every subdomain.</summary>
    public string? TileOrigin
    {
        get
        {
            if (!Uri.TryCreate(TileUrl.Replace("{s}", "a").Replace("{z}", "0").Replace("{x}", "0").Replace("{y}", "0"), UriKind.Absolute, out var uri)) return null;
            var origin = uri.GetLeftPart(UriPartial.Authority);
            return TileUrl.Contains("//{s}.", StringComparison.Ordinal) ? origin.Replace("//a.", "//*.", StringComparison.Ordinal) : origin;
        }
    }
}

/// <summary>
/// Configuration section "Web:Site": the publisher's facts the mandatory pages state, set by the operator (the accessibility
/// statement's contact and audit date are edited here, e.g. <c>Web__Site__AccessibilityCheckedOn=2027-03-01</c>).
/// </summary>
public sealed class SiteOptions
{
    public string Publisher { get; set; } = "Direction générale des entreprises (DGE), ministère de l'Économie et des Finances, 139 rue de Bercy, 75572 Paris Cedex 12";
    public string PublicationDirector { get; set; } = "Le directeur général des entreprises";
    /// <summary>The host's name, address and telephone, as the operator contracted it.</summary>
    public string Host { get; set; } = "L'hébergeur que l'exploitant a retenu (Web:Site:Host)";
    /// <summary>Where people write about the site, its accessibility and their personal data.</summary>
    public string ContactEmail { get; set; } = "contact@semaine-industrie.example";
    /// <summary>The day the accessibility checks stated on the statement were last run.</summary>
    public DateOnly AccessibilityCheckedOn { get; set; } = new(2026, 12, 4);
}
