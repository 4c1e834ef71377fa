using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for the browser tests, driven by Playwright through its path (Playwright's
/// own browser download cannot work here; deploy/infra.sh browser installs it). Screenshots go under the
/// test output (bin/…/screenshots, git-ignored).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"{ChromiumPath} is missing: run deploy/infra.sh browser (deploy/test.sh does)");
        Directory.CreateDirectory(Screenshots);
        playwright = await Playwright.CreateAsync();
        // Web-first assertions wait up to 15 s (Playwright's default is 5 s): CI saw a page arrive in two parts more than
        // 5 s apart while the suite's other platforms loaded both cores.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> PageAsync(Uri baseAddress, bool javaScript = true, string locale = "fr-FR")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(), JavaScriptEnabled = javaScript, Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
            AcceptDownloads = true,
        });
        return await context.NewPageAsync();
    }

    /// <summary>axe-core on the page as it is now: no serious or critical violation.</summary>
    public static async Task AccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Xunit.Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    /// <summary>A new browser context signed in on the web front-end (code flow through the identity pages), landing on <paramref name="returnTo"/>.</summary>
    public async Task<IPage> SignedInPageAsync(Uri gateway, string email, string returnTo, string password = SemaineIndustrie.Identity.Development.DevelopmentAccounts.Password)
    {
        var page = await PageAsync(gateway);
        await page.GotoAsync("/session/connexion?retour=" + Uri.EscapeDataString(returnTo));
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        return page;
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}

/// <summary>The browser tests: their own platform (their own databases and catalogue) and one shared browser.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Platform>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The signed-in pages (organiser space, workbench) on a platform of their own: they label and publish events,
/// which must not change what the public pages' tests count on theirs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SignedInPagesCollection : ICollectionFixture<Platform>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "signed-in pages";
}
