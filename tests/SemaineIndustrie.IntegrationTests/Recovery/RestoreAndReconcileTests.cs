using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Reconciliation;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.Submission.Submissions;
using Xunit;
using Xunit.Abstractions;

namespace SemaineIndustrie.IntegrationTests.Recovery;

/// <summary>
/// A restore to an earlier instant leaves one service behind the others; reconciliation finds it and has the owners publish again,
/// and the inboxes keep every effect single. On a small platform whose databases pgBackRest backs up (deploy/backup.sh), restored
/// with deploy/restore.sh as an operator would.
/// </summary>
[Collection(BackedUpPlatformCollection.Name)]
public sealed class RestoreAndReconcileTests(BackedUpPlatform backedUp, ITestOutputHelper output)
{
    private static readonly DevTokenRequest Organiser = new("organiser", "alice", OrganisationId: "org-lycee-auch");
    private static readonly DevTokenRequest GersCommittee = new("reviewer", "copil-32", Region: "76", Departements: ["32"]);
    private static readonly DevTokenRequest NationalAdmin = new("admin", "dge");
    private Platform Platform => backedUp.Platform;

    [Fact]
    public async Task The_publication_database_restored_to_an_instant_is_brought_back_in_line_by_reconciliation_with_nothing_applied_twice()
    {
        using var organiser = await Platform.ClientAsync(Organiser);
        using var reviewer = await Platform.ClientAsync(GersCommittee);
        using var visitor = await Platform.ClientAsync();

        // Before the instant: A is labelled and on the map. After it: B is labelled and on the map too.
        var a = await LabelledAndPublishedAsync(organiser, reviewer, visitor, "Atelier avant la sauvegarde");
        var instant = await backedUp.NowAsync();
        var b = await LabelledAndPublishedAsync(organiser, reviewer, visitor, "Atelier après l'instant choisi");

        // The operator restores the publication database to the instant, its service stopped meanwhile.
        var database = new Npgsql.NpgsqlConnectionStringBuilder(await Platform.Infra.DatabaseAsync("publication")).Database!;
        await using (await Platform.ServiceOutageAsync<SemaineIndustrie.Publication.ServiceMarker>())
        {
            var restore = await DeployScript.RunAsync("deploy/restore.sh", new Dictionary<string, string>(backedUp.Server) { ["SI_RESTORE_SERVICES"] = "0" },
                database, instant.ToString("yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture));
            output.WriteLine(restore);
        }
        // The restore went to the instant: A is on the map, B is not — the catalogue lost it.
        await Eventually.Until(async () => await OnTheMapAsync(visitor), ids => ids.Contains(a) && !ids.Contains(b), "the catalogue as it was at the instant");

        using var admin = await Platform.ClientAsync(NationalAdmin, Platform.Submission);
        var found = await ReconcileAsync(admin, repair: false);
        output.WriteLine(JsonSerializer.Serialize(found, ContractJson.Options));
        var behind = Assert.Single(found.Repairable);
        Assert.Equal((b, "publication-behind"), (behind.SubmissionId, behind.Kind));
        Assert.Null(behind.Evidence["publication"]);
        Assert.Equal(["submission", "review", "geocoding"], behind.Republishers);
        Assert.Empty(found.ForAPerson);
        Assert.Empty(found.Replays);
        Assert.Equal(found.Submissions - 1, found.Agreeing);

        var applied = await InboxRowsAsync();
        var repaired = await ReconcileAsync(admin, repair: true);
        Assert.Equal([b], repaired.Repairable.Select(d => d.SubmissionId).Distinct());
        Assert.Empty(repaired.ForAPerson);
        Assert.Equal(["geocoding", "review", "submission"], repaired.Replays.Select(r => r.Service).Order());
        Assert.All(repaired.Replays, r => Assert.True(r.Messages > 0 && r.NothingRetained.Count == 0, $"{r.Service} replayed {r.Messages}"));

        // The owners' messages arrive again: publication applies what it lost and B is back; everyone else drops them (their inboxes).
        await Eventually.Until(async () => await OnTheMapAsync(visitor), ids => ids.Contains(a) && ids.Contains(b), "B back on the map");
        var again = await ReconcileAsync(admin, repair: false);
        Assert.Empty(again.Repairable);
        Assert.Empty(again.ForAPerson);
        Assert.Equal(again.Submissions, again.Agreeing);
        // The replayed messages kept their ids: the owners' other consumers dropped them (no new inbox row), publication applied them.
        // (Notification hears the catalogue announce B again — news the restored publication raises anew — and its webhook deliveries
        // are keyed by submission and version, so a partner is not told twice.)
        var after = await InboxRowsAsync();
        Assert.Equal((applied.Submission, applied.Review, applied.Geocoding), (after.Submission, after.Review, after.Geocoding));
        Assert.True(after.Publication > applied.Publication, $"publication applied the replayed messages ({applied.Publication} → {after.Publication} inbox rows)");

        // Nothing applied twice: the submission service recorded B's label once, review opened its case once.
        var labelled = await Platform.QueryAsync<SemaineIndustrie.Submission.ServiceMarker, SemaineIndustrie.Submission.SubmissionDbContext, int>(db =>
            db.StatusChanges.CountAsync(c => c.SubmissionId == b && c.Status == SubmissionStatus.Labelled));
        Assert.Equal(1, labelled);
        var opened = await Platform.QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, SemaineIndustrie.LabellingReview.ReviewDbContext, int>(db =>
            (from entry in db.Audit join c in db.Cases on entry.CaseId equals c.Id where c.SubmissionId == b && entry.Action == "opened" select entry).CountAsync());
        Assert.Equal(1, opened);
    }

    [Fact]
    public async Task Only_national_administrators_reconcile()
    {
        using var anonymous = new HttpClient { BaseAddress = Platform.Submission };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/admin/reconciliation/editions/2018?repair=false", null)).StatusCode);
        using var regional = await Platform.ClientAsync(new DevTokenRequest("admin", "occitanie", Region: "76"), Platform.Submission);
        Assert.Equal(HttpStatusCode.Forbidden, (await regional.PostAsync("/admin/reconciliation/editions/2018?repair=false", null)).StatusCode);
        using var organiser = await Platform.ClientAsync(Organiser, Platform.Submission);
        Assert.Equal(HttpStatusCode.Forbidden, (await organiser.PostAsJsonAsync("/admin/reconciliation/replay", new ReplayRequest([Guid.NewGuid()]))).StatusCode);
        using var admin = await Platform.ClientAsync(NationalAdmin, Platform.Submission);
        var invalid = await admin.PostAsJsonAsync("/admin/reconciliation/held", new { edition = 2018 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("submissions", (await invalid.Content.ReadAsStringAsync()));
    }

    private async Task<Guid> LabelledAndPublishedAsync(HttpClient organiser, HttpClient reviewer, HttpClient visitor, string title)
    {
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission(title));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<SubmissionView>()).Id;
        var caseId = await Platform.CaseOfAsync(id);
        var decided = await reviewer.PostAsJsonAsync($"/api/review/cases/{caseId}/decision", new { decision = "label", motivation = "Visite ouverte au public" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        await Eventually.Until(async () => await OnTheMapAsync(visitor), ids => ids.Contains(id), $"{title} on the map");
        return id;
    }

    private async Task<(int Submission, int Review, int Geocoding, int Publication)> InboxRowsAsync()
    {
        static Task<int> Count(DbContext db) => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM inbox_messages").SingleAsync();
        return (await Platform.QueryAsync<SemaineIndustrie.Submission.ServiceMarker, SemaineIndustrie.Submission.SubmissionDbContext, int>(Count),
            await Platform.QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, SemaineIndustrie.LabellingReview.ReviewDbContext, int>(Count),
            await Platform.QueryAsync<SemaineIndustrie.Geocoding.ServiceMarker, SemaineIndustrie.Geocoding.GeocodingDbContext, int>(Count),
            await Platform.QueryAsync<SemaineIndustrie.Publication.ServiceMarker, SemaineIndustrie.Publication.PublicationDbContext, int>(Count));
    }

    private static async Task<HashSet<Guid>> OnTheMapAsync(HttpClient visitor) =>
        (await visitor.GetFromJsonAsync<JsonElement>("/api/catalogue/events?limit=100")).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("id").GetGuid()).ToHashSet();

    private static async Task<ReconciliationReport> ReconcileAsync(HttpClient admin, bool repair)
    {
        var response = await admin.PostAsync($"/admin/reconciliation/editions/2018?repair={(repair ? "true" : "false")}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReconciliationReport>(ContractJson.Options))!;
    }
}
