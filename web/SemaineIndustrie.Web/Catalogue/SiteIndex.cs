using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.Extensions.Options;

namespace SemaineIndustrie.Web.Catalogue;

/// <summary>
/// What search engines read: <c>/robots.txt</c> (the public pages only: no personal space, sign-in, account or API page is
/// indexed) and <c>/sitemap.xml</c> (the map, each published edition's page, the mandatory pages, and every event page of
/// the catalogue, current and past editions — a refused or withdrawn event is not in the catalogue, so not in the map).
/// Addresses are absolute, on <see cref="WebOptions.PublicBaseUrl"/>; each page's English version is <c>?lang=en</c>.
/// </summary>
public static class SiteIndex
{
    public static readonly string[] Private = ["/mon-espace", "/session", "/compte", "/connect", "/api/", "/notifications", "/embed"];

    public static WebApplication MapSiteIndex(this WebApplication app)
    {
        app.MapGet("/robots.txt", (HttpRequest request, IOptions<WebOptions> options) =>
        {
            // The open dataset is under /api/ but meant to be found (data catalogues crawl it): the longer rule wins (RFC 9309).
            var text = new StringBuilder("User-agent: *\nAllow: /api/catalogue/open-data/\n");
            foreach (var path in Private) text.Append("Disallow: ").Append(path).Append('\n');
            text.Append("Sitemap: ").Append(options.Value.Absolute(request, "/sitemap.xml")).Append('\n');
            return Results.Text(text.ToString(), "text/plain; charset=utf-8");
        }).AllowAnonymous();

        app.MapGet("/sitemap.xml", async (HttpContext http, CatalogueClient catalogue, IOptions<WebOptions> options, CancellationToken ct) =>
        {
            var editions = await catalogue.EditionsAsync(ct);
            var pages = new List<string> { "/", "/edition", "/donnees" };
            pages.AddRange(editions.Select(e => $"/edition/{e.Year.ToString(CultureInfo.InvariantCulture)}"));
            pages.AddRange(Pages.Site.SitePage.Mandatory.Select(p => p.Path));
            foreach (var edition in editions)
                pages.AddRange((await catalogue.EventIdsAsync(edition.Year, ct)).Select(id => $"/evenements/{id}"));

            http.Response.ContentType = "application/xml; charset=utf-8";
            http.Response.Headers.CacheControl = "public, max-age=3600";
            await using var xml = XmlWriter.Create(http.Response.Body, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false) });
            await xml.WriteStartDocumentAsync();
            xml.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            xml.WriteAttributeString("xmlns", "xhtml", null, "http://www.w3.org/1999/xhtml");
            foreach (var path in pages)
            {
                var address = options.Value.Absolute(http.Request, path);
                xml.WriteStartElement("url");
                xml.WriteElementString("loc", address);
                foreach (var language in new[] { "fr", "en" })
                {
                    xml.WriteStartElement("xhtml", "link", "http://www.w3.org/1999/xhtml");
                    xml.WriteAttributeString("rel", "alternate");
                    xml.WriteAttributeString("hreflang", language);
                    xml.WriteAttributeString("href", address + "?lang=" + language);
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            await xml.WriteEndDocumentAsync();
        }).AllowAnonymous();
        return app;
    }

    /// <summary>The ids of an edition's published events: its GeoJSON (one request, the gateway's cached answer), not pages of 100.</summary>
    public static async Task<IReadOnlyList<string>> EventIdsAsync(this CatalogueClient catalogue, int edition, CancellationToken ct)
    {
        using var document = await catalogue.GeoJsonAsync(edition, ct);
        return document.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();
    }
}
