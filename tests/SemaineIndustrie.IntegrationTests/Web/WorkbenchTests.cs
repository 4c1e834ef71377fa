using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>The reviewers' pages in a real browser: several cases decided at once, and a committee of another région that sees nothing of the Gers.</summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class WorkbenchTests(Platform platform, BrowserFixture browser)
{
    private Task<IPage> SignedInAsync(string email, string returnTo) => browser.SignedInPageAsync(platform.Gateway, email, returnTo);

    private async Task<(Guid Submission, Guid Case, string Title)> GersCaseAsync(HttpClient organiser, string title)
    {
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission(title));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<SubmissionView>()).Id;
        var caseId = await platform.CaseOfAsync(id);
        return (id, caseId, title);
    }

    [Fact]
    public async Task The_Gers_committee_decides_two_cases_at_once_and_another_region_sees_neither()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "bulk", OrganisationId: "org-bulk-" + run));
        var first = await GersCaseAsync(organiser, "Découverte de la robotique " + run);
        var second = await GersCaseAsync(organiser, "Conférence sur l'aéronautique " + run);

        var gers = await SignedInAsync(DevelopmentAccounts.GersReviewer, "/mon-espace/dossiers?departement=32");
        await Assertions.Expect(gers.GetByRole(AriaRole.Heading, new() { Name = "Dossiers de votre comité" })).ToBeVisibleAsync();
        await Eventually.Until(async () =>
        {
            if (await gers.Locator($"tr[data-id='{second.Case}']").CountAsync() > 0 && await gers.Locator($"tr[data-id='{first.Case}']").CountAsync() > 0) return true;
            await gers.ReloadAsync();
            return false;
        }, "both cases in the Gers queue");
        // The DSFR draws the box from the label, whose text is for screen readers only: tick the inputs themselves.
        await gers.Locator($"#case-{first.Case}").CheckAsync(new() { Force = true });
        await gers.Locator($"#case-{second.Case}").CheckAsync(new() { Force = true });
        await BrowserFixture.AccessibleAsync(gers);
        await gers.GetByLabel("Décision").SelectOptionAsync("label");
        await gers.GetByRole(AriaRole.Button, new() { Name = "Décider pour la sélection" }).ClickAsync();
        await Assertions.Expect(gers.Locator("#resultats")).ToContainTextAsync("2 dossier(s) décidé(s) sur 2.");
        await Assertions.Expect(gers.Locator("#resultats")).ToContainTextAsync(first.Title + " : Labellisé");
        // The committee's queues with their counts: only the Gers for this committee, its decided count includes these two.
        Assert.Equal(["32"], await gers.Locator("#files tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.departement)"));
        Assert.True(int.Parse(await gers.Locator("#files tbody tr td").Nth(4).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 2);
        await browser.ScreenshotAsync(gers, "web-reviewer-bulk");

        var elsewhere = await SignedInAsync(DevelopmentAccounts.NouvelleAquitaineReviewer, "/mon-espace/dossiers?statut=all");
        await Assertions.Expect(elsewhere.GetByRole(AriaRole.Heading, new() { Name = "Dossiers de votre comité" })).ToBeVisibleAsync();
        Assert.Equal(0, await elsewhere.Locator($"tr[data-id='{first.Case}'], tr[data-id='{second.Case}']").CountAsync());
        var direct = await elsewhere.GotoAsync($"/mon-espace/dossiers/{first.Case}");
        Assert.Equal(404, direct!.Status);
    }

    /// <summary>
    /// Layout shifts a page makes on its own (no input), recorded from before its first script: the DSFR's table script took a
    /// table's caption out of the flow, then gave its height back as padding a frame later, and every workbench table jumped twice.
    /// </summary>
    private const string RecordLayoutShifts = """
        window.__shifts = [];
        new PerformanceObserver(list => {
          for (const e of list.getEntries()) if (!e.hadRecentInput)
            window.__shifts.push({ value: e.value, sources: (e.sources || []).map(s => s.node ? (s.node.id || s.node.nodeName) : '?').join(' ') });
        }).observe({ type: 'layout-shift', buffered: true });
        """;

    [Fact]
    public async Task The_workbench_tables_stay_still_when_the_design_system_starts()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "still", OrganisationId: "org-still-" + run));
        var pending = await GersCaseAsync(organiser, "Portes ouvertes de la fonderie " + run);
        var pages = new (string Email, string Path, string Table)[]
        {
            (DevelopmentAccounts.GersReviewer, "/mon-espace/dossiers?departement=32", "#dossiers"),
            (DevelopmentAccounts.GersReviewer, $"/mon-espace/dossiers/{pending.Case}", "#historique"),
            (DevelopmentAccounts.NationalAdmin, "/mon-espace/tableau-de-bord", "#regions"),
            (DevelopmentAccounts.NationalAdmin, "/mon-espace/comites?region=76", "#membres"),
        };
        foreach (var (email, path, table) in pages)
        {
            var page = await SignedInAsync(email, path);
            await Assertions.Expect(page.Locator(table)).ToBeVisibleAsync(); // signed in, on the page
            await page.AddInitScriptAsync(RecordLayoutShifts);
            // As on a phone, where the page paints before the DSFR's script has run (Lighthouse's mobile profile: CPU slowed 4×).
            await page.SetViewportSizeAsync(412, 823);
            var devtools = await page.Context.NewCDPSessionAsync(page);
            await devtools.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 4 });
            await page.GotoAsync(path);
            // The DSFR has started on the tables once it marks them; its caption measure lands within the next frames.
            await Assertions.Expect(page.Locator(".fr-table[data-fr-js-table='true']").First).ToBeAttachedAsync();
            await Assertions.Expect(page.Locator(table)).ToBeVisibleAsync();
            await page.EvaluateAsync("() => new Promise(done => { let frames = 10; const tick = () => --frames ? requestAnimationFrame(tick) : done(); requestAnimationFrame(tick); })");
            var shifts = await page.EvaluateAsync<Shift[]>("() => window.__shifts");
            var total = shifts.Sum(s => s.Value);
            Assert.True(total < 0.01, $"{path}: layout shift {total:0.000} ({string.Join("; ", shifts.Select(s => $"{s.Value:0.000} {s.Sources}"))})");
            // Each table is still named for assistive technologies.
            foreach (var name in await page.Locator(".fr-table table").EvaluateAllAsync<string[]>("ts => ts.map(t => t.caption?.textContent.trim() || t.getAttribute('aria-labelledby') && document.getElementById(t.getAttribute('aria-labelledby'))?.textContent.trim() || '')"))
                Assert.False(string.IsNullOrWhiteSpace(name), $"{path}: a table without a name");
            await BrowserFixture.AccessibleAsync(page);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_table_is_a_stop_in_the_tab_order_only_while_it_scrolls()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "stops", OrganisationId: "org-stops-" + run));
        await GersCaseAsync(organiser, "Visite de la tonnellerie " + run);
        var page = await SignedInAsync(DevelopmentAccounts.GersReviewer, "/mon-espace/dossiers?departement=32");
        await page.SetViewportSizeAsync(1280, 900);
        var queues = page.Locator("#files");
        await Assertions.Expect(queues).ToBeVisibleAsync();
        // At desktop width the committee's queues fit: the stop the page renders (tabindex="0", for browsers without scripts) is taken out.
        await Assertions.Expect(queues).Not.ToHaveAttributeAsync("tabindex", "0");
        Assert.False(await queues.EvaluateAsync<bool>("t => t.scrollWidth > t.clientWidth"), "the queues table scrolls at 1280 px");
        // On a phone it scrolls sideways, and a keyboard must reach it to scroll it (axe: scrollable-region-focusable).
        await page.SetViewportSizeAsync(412, 823);
        await Assertions.Expect(queues).ToHaveAttributeAsync("tabindex", "0");
        Assert.True(await queues.EvaluateAsync<bool>("t => t.scrollWidth > t.clientWidth"), "the queues table fits at 412 px");
        await BrowserFixture.AccessibleAsync(page);
        // Back to a wide window: out of the tab order again.
        await page.SetViewportSizeAsync(1280, 900);
        await Assertions.Expect(queues).Not.ToHaveAttributeAsync("tabindex", "0");
        await page.Context.CloseAsync();
    }

    private sealed class Shift { public double Value { get; set; } public string Sources { get; set; } = ""; }
}
