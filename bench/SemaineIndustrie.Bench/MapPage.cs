using Microsoft.Playwright;

namespace SemaineIndustrie.Bench;

/// <summary>
/// The public map in a real browser (Debian's Chromium): time from navigation to the map being ready
/// (GeoJSON loaded and every cluster drawn; the page's own data-ready-ms mark) with a cold cache each
/// time, and the page's own weight — JavaScript and CSS as transferred (compressed), without tiles — and what the first
/// view downloads from the catalogue (its clusters and the list's events in view).
/// </summary>
internal static class MapPage
{
    public sealed record Result(int Events, double FirstPaintMedianMs, double FirstPaintMaxMs, long ScriptAndStyleBytes, long FontBytes, long CatalogueBytes, long PageBytes);

    public static async Task<Result> MeasureAsync(Uri gateway, int runs)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var paints = new List<double>();
        long scriptsAndStyles = 0, fonts = 0, catalogue = 0, whole = 0;
        var events = 0;
        for (var run = 0; run < runs; run++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
            var page = await context.NewPageAsync();
            var sizes = new List<(string Type, string Url, long Bytes)>();
            page.RequestFinished += async (_, request) =>
            {
                var s = await request.SizesAsync();
                lock (sizes) sizes.Add((request.ResourceType, request.Url, s.ResponseBodySize));
            };
            await page.GotoAsync(new Uri(gateway, "/").ToString());
            var map = page.Locator("#map[data-ready='true']");
            await map.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            paints.Add(double.Parse((await map.GetAttributeAsync("data-ready-ms"))!, System.Globalization.CultureInfo.InvariantCulture));
            events = await page.EvaluateAsync<int>("() => document.querySelectorAll('#event-list li').length");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            lock (sizes)
            {
                scriptsAndStyles = sizes.Where(s => s.Type is "script" or "stylesheet").Sum(s => s.Bytes);
                fonts = sizes.Where(s => s.Type == "font").Sum(s => s.Bytes);
                catalogue = sizes.Where(s => s.Url.Contains("/api/catalogue/", StringComparison.Ordinal) && !s.Url.Contains("/pictures/", StringComparison.Ordinal)).Sum(s => s.Bytes);
                whole = sizes.Where(s => !s.Url.Contains("tile.openstreetmap", StringComparison.Ordinal)).Sum(s => s.Bytes);
            }
        }
        paints.Sort();
        return new Result(events, paints[paints.Count / 2], paints[^1], scriptsAndStyles, fonts, catalogue, whole);
    }
}
