using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Notification;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Submissions;

/// <summary>
/// Editions are data owned by the national team: a national admin creates, publishes, changes and deletes them through the
/// API, every step audited and announced to the services that keep edition facts; the rules refuse with the field at fault;
/// nobody else may touch them. Years far from the demo's keep the other tests' 2018 and 2019 as they are.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EditionsAdminTests(Platform platform)
{
    private static readonly CodeLabel[] Sectors = [new("aeronautique", "Aéronautique et spatial"), new("bois", "Bois")];
    private static readonly Audience[] Audiences = [new("grand-public", "Grand public", true), new("jeunes", "Jeunes", false)];

    private static EditionRequest Draft(int year, DateOnly firstDay, IReadOnlyList<KitItem>? kit = null) => new(
        year, year - 2010, $"Semaine de l'Industrie {year}", "Mixité des métiers", firstDay, firstDay.AddDays(6),
        new DateTimeOffset(year - 1, 10, 1, 0, 0, 0, TimeSpan.FromHours(2)), new DateTimeOffset(firstDay.AddDays(-14).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(1)),
        Sectors, Audiences, [new FocusTag("mixite", "Mixité dans l'industrie")], kit ?? [new KitItem("Logo", $"https://example.org/kit/{year}/logo.zip")]);

    private Task<HttpClient> NationalAdminAsync() => platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.NationalAdmin));

    private Task<SemaineIndustrie.Notification.Editions.EditionKit?> KitAsync(int year) =>
        platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, SemaineIndustrie.Notification.Editions.EditionKit?>(
            db => db.EditionKits.AsNoTracking().SingleOrDefaultAsync(k => k.Year == year));

    [Fact]
    public async Task A_national_admin_creates_publishes_changes_and_deletes_an_edition_each_step_audited_and_announced()
    {
        using var admin = await NationalAdminAsync();
        using var anonymous = await platform.ClientAsync();
        var request = Draft(2031, new DateOnly(2031, 3, 17));

        var created = await admin.PostAsJsonAsync("/api/editions", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False((await created.ReadAsync<Edition>()).Published);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/editions/2031")).StatusCode); // a draft is not public
        Assert.Contains((await admin.GetAsync<EditionsAdminView>("/api/editions/admin")).Editions, e => e is { Year: 2031, Published: false });

        var published = await admin.PostAsync("/api/editions/2031/publication", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var shown = await anonymous.GetAsync<Edition>("/api/editions/2031");
        Assert.Equal(("Mixité des métiers", "mixite"), (shown.Theme, shown.FocusTags.Single().Code));
        var kit = await Eventually.Until(() => KitAsync(2031), k => k is not null, "the notification service's copy of the 2031 kit");
        Assert.Equal("https://example.org/kit/2031/logo.zip", kit!.Items.Single().Url);

        // A change of a published edition is announced again: the kit follows without any configuration or restart.
        var changed = await admin.PutAsJsonAsync("/api/editions/2031", request with { Kit = [new KitItem("Affiches", "https://example.org/kit/2031/affiches.zip")] });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await Eventually.Until(() => KitAsync(2031), k => k!.Items.SingleOrDefault()?.Title == "Affiches", "the changed kit");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/editions/2031")).StatusCode); // nobody submitted for it
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/editions/2031")).StatusCode);
        await Eventually.Until(() => KitAsync(2031), k => k!.Items.Count == 0, "the removed edition's kit");

        var trail = (await admin.GetAsync<EditionsAdminView>("/api/editions/admin")).Changes.Where(c => c.Year == 2031).OrderBy(c => c.At).ToList();
        Assert.Equal(["created", "published", "changed", "deleted"], trail.Select(c => c.Action));
        Assert.All(trail, c => Assert.Equal("Administratrice DGE", c.ByName)); // and the account id, for accountability
        Assert.All(trail, c => Assert.False(string.IsNullOrEmpty(c.By)));
    }

    [Fact]
    public async Task The_rules_refuse_an_edition_naming_the_field_at_fault()
    {
        using var admin = await NationalAdminAsync();
        async Task<Dictionary<string, string[]>> RefusedAsync(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return (await response.ReadAsync<ValidationProblem>()).Errors;
        }

        // Weeks that overlap across the new year.
        var first = Draft(2034, new DateOnly(2034, 12, 28));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/editions", first)).StatusCode);
        var overlapping = await RefusedAsync(await admin.PostAsJsonAsync("/api/editions", Draft(2035, new DateOnly(2035, 1, 1))));
        Assert.Contains("2034", Assert.Single(overlapping["firstDay"]));

        // A window closing once the week has started; a week of three weeks; a code that is not one.
        var late = await RefusedAsync(await admin.PostAsJsonAsync("/api/editions", Draft(2036, new DateOnly(2036, 3, 16)) with { SubmissionsClose = new DateTimeOffset(2036, 3, 17, 12, 0, 0, TimeSpan.FromHours(1)) }));
        Assert.Equal(["submissionsClose"], late.Keys);
        var mistakes = await RefusedAsync(await admin.PostAsJsonAsync("/api/editions", Draft(2036, new DateOnly(2036, 3, 16)) with
        {
            LastDay = new DateOnly(2036, 4, 6), Sectors = [new CodeLabel("Aéronautique!", "Aéronautique")],
        }));
        Assert.Equal(["lastDay", "sectors"], mistakes.Keys.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/editions/2036")).StatusCode); // nothing half-stored

        // The 2018 edition has submissions: a sector they use cannot be removed (renamed is fine), and the edition cannot be deleted.
        using (var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "editions-rules", OrganisationId: "org-editions-rules")))
            Assert.Equal(HttpStatusCode.Created, (await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission("Atelier des éditions"))).StatusCode);
        var edition2018 = (await admin.GetAsync<EditionsAdminView>("/api/editions/admin")).Editions.Single(e => e.Year == 2018);
        var as2018 = new EditionRequest(2018, edition2018.Number, edition2018.Name, edition2018.Theme, edition2018.FirstDay, edition2018.LastDay,
            edition2018.SubmissionsOpen, edition2018.SubmissionsClose, edition2018.Sectors, edition2018.Audiences, edition2018.FocusTags, edition2018.Kit);
        var removed = await RefusedAsync(await admin.PutAsJsonAsync("/api/editions/2018", as2018 with { Sectors = [.. edition2018.Sectors.Where(s => s.Code != "aeronautique")] }));
        Assert.Contains("aeronautique", Assert.Single(removed["sectors"]));
        var renamed = await admin.PutAsJsonAsync("/api/editions/2018", as2018 with
        {
            Sectors = [.. edition2018.Sectors.Select(s => s.Code == "aeronautique" ? s with { Label = "Aéronautique, spatial et défense" } : s)],
        });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/editions/2018", as2018)).StatusCode); // back as it was
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync("/api/editions/2018")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/editions", as2018)).StatusCode); // exists: change it instead
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/editions/2034")).StatusCode);
    }

    [Fact]
    public async Task Nobody_but_a_national_admin_may_create_or_change_an_edition()
    {
        var request = Draft(2037, new DateOnly(2037, 3, 16));
        // An organiser's token opens the submission service, whose editions API refuses it (403). A regional admin's or a
        // committee member's token is for the review APIs only (its audience): the submission service does not accept it (401).
        foreach (var (who, refusal) in new[] { (DevelopmentAccounts.Organiser, HttpStatusCode.Forbidden),
                     (DevelopmentAccounts.RegionalAdmin, HttpStatusCode.Unauthorized), (DevelopmentAccounts.GersReviewer, HttpStatusCode.Unauthorized) })
        {
            using var client = await platform.ClientAsync(new DevTokenRequest(Email: who));
            Assert.Equal(refusal, (await client.PostAsJsonAsync("/api/editions", request)).StatusCode);
            Assert.Equal(refusal, (await client.PutAsJsonAsync("/api/editions/2018", request)).StatusCode);
            Assert.Equal(refusal, (await client.DeleteAsync("/api/editions/2019")).StatusCode);
            Assert.Equal(refusal, (await client.GetAsync("/api/editions/admin")).StatusCode);
        }
        using var anonymous = await platform.ClientAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/editions", request)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/editions/2037")).StatusCode);
    }

    private sealed record ValidationProblem(Dictionary<string, string[]> Errors);
}
