using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SemaineIndustrie.Identity;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Committees;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Notification;
using SemaineIndustrie.Notification.Committees;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Notifications;

/// <summary>Committees get one digest a day, not a mail per case — and one only, however many replicas try.</summary>
[Collection(PlatformCollection.Name)]
public sealed class CommitteeDigestTests(Platform platform)
{
    private async Task<(string Email, string UserId)> PyreneesReviewerAsync()
    {
        var email = $"copil-hautes-pyrenees-{Guid.NewGuid():N}@direccte.test";
        var user = new PlatformUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "COPIL Hautes-Pyrénées", PreferredLanguage = "fr", CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await platform.QueryAsync<SemaineIndustrie.Identity.ServiceMarker, UserManager<PlatformUser>, IdentityResult>(users => users.CreateAsync(user))).Succeeded);
        await platform.QueryAsync<SemaineIndustrie.Identity.ServiceMarker, PlatformIdentityDbContext, int>(db =>
        {
            db.Seats.Add(new CommitteeSeat { UserId = user.Id, Region = "76", Departements = ["65"], Since = DateTimeOffset.UtcNow, AppointedBy = "test" });
            return db.SaveChangesAsync();
        });
        await platform.PeopleKnownAsync(user.Id); // announced by identity, kept by notification
        return (email, user.Id);
    }

    private async Task<(Guid Submission, Guid Case)> PyreneesCaseAsync(HttpClient organiser, string title)
    {
        var body = Samples.Submission(title);
        body["venue"] = new JsonObject { ["name"] = "Usine", ["street"] = "1 rue de l'Industrie", ["postalCode"] = "65000", ["commune"] = "Tarbes" };
        var created = await organiser.PostAsJsonAsync("/api/submissions", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<SubmissionView>()).Id;
        var open = await Eventually.Until(() => platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, OpenCase?>(
            db => db.OpenCases.AsNoTracking().SingleOrDefaultAsync(c => c.SubmissionId == id)), c => c is { DueAt: not null }, "the case in the committee's queue");
        // The case (from the review) and its title (from the submission) arrive by different messages: a digest before the
        // title shows "(titre à venir)" — seen once on a loaded full run.
        await Eventually.Until(() => platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, bool>(
            db => db.Submissions.AnyAsync(s => s.SubmissionId == id && s.Title == title)), "the case's title known to the digest");
        return (id, open!.CaseId);
    }

    [Fact]
    public async Task The_digest_lists_a_members_overdue_cases_of_their_departement_and_runs_once_with_two_replicas()
    {
        var (member, _) = await PyreneesReviewerAsync();
        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "digest", OrganisationId: "org-digest-" + run));
        var waiting = await PyreneesCaseAsync(organiser, "Visite de la laiterie " + run);
        var decided = await PyreneesCaseAsync(organiser, "Atelier de coutellerie " + run);
        using (var committee = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-65-digest", Region: "76", Departements: ["65"])))
            Assert.Equal(HttpStatusCode.OK, (await committee.PostAsJsonAsync($"/api/review/cases/{decided.Case}/decision", new { decision = "label" })).StatusCode);
        await Eventually.Until(() => platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, bool>(
            db => db.OpenCases.AnyAsync(c => c.CaseId == decided.Case && c.Closed)), closed => closed, "the decided case out of the queue");

        var due = (await platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, OpenCase>(
            db => db.OpenCases.AsNoTracking().SingleAsync(c => c.CaseId == waiting.Case))).DueAt!.Value;
        var period = CommitteeDigests.LatestPeriod(due.AddDays(2), 8); // two days after the deadline: overdue

        // Two replicas — the platform's and a second host on the same database — reach the same period at once: one runs it.
        var replica = (await platform.NotificationReplicaAsync()).GetRequiredService<CommitteeDigests>();
        var runs = await Task.WhenAll(
            platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, CommitteeDigests, bool>(d => d.RunAsync(period, default)),
            replica.RunAsync(period, default));
        Assert.Single(runs, ran => ran);

        var digest = await Mailbox.NextAsync(member);
        Assert.StartsWith("Résumé du comité", digest.Subject);
        Assert.Contains("En retard", digest.Text);
        Assert.Contains("Visite de la laiterie " + run, digest.Text);
        Assert.DoesNotContain("Atelier de coutellerie " + run, digest.Text); // decided: no longer waiting
        Assert.Contains($"/mon-espace/dossiers/{waiting.Case}", digest.Text);

        // The period is done: a restarted service, or a late replica, does not send it again.
        Assert.False(await platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, CommitteeDigests, bool>(d => d.RunAsync(period, default)));
        Assert.False(await replica.RunAsync(period, default));
        Assert.Single(await Mailbox.AllToAsync(member));
    }

    [Fact]
    public async Task A_seat_moved_in_identity_reaches_the_next_digest_and_older_news_of_it_changes_nothing()
    {
        var (moved, movedId) = await PyreneesReviewerAsync();
        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "digest-move", OrganisationId: "org-digest-move-" + run));
        var title = "Visite de la scierie " + run;
        var waiting = await PyreneesCaseAsync(organiser, title);
        var due = (await platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, OpenCase>(
            db => db.OpenCases.AsNoTracking().SingleAsync(c => c.CaseId == waiting.Case))).DueAt!.Value;
        var first = CommitteeDigests.LatestPeriod(due.AddDays(10), 8); // days other digest tests do not use
        Assert.True(await platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, CommitteeDigests, bool>(d => d.RunAsync(first, default)));
        var firstDigest = (await Mailbox.NextAsync(moved)).Text;
        Assert.True(firstDigest.Contains(title, StringComparison.Ordinal), $"{title} not in the digest of {first:O} (case due {due:O}):\n{firstDigest}");

        // In identity, the member moves to the Gers and a newcomer takes the Hautes-Pyrénées: nobody tells notification but identity's announcements.
        var (newcomer, newcomerId) = await PyreneesReviewerAsync();
        await platform.QueryAsync<SemaineIndustrie.Identity.ServiceMarker, PlatformIdentityDbContext, int>(async db =>
        {
            (await db.Seats.SingleAsync(s => s.UserId == movedId)).Departements = ["32"];
            return await db.SaveChangesAsync();
        });
        await platform.PeopleKnownAsync(movedId, newcomerId);

        Assert.True(await platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, CommitteeDigests, bool>(d => d.RunAsync(first.AddDays(1), default)));
        Assert.Contains(title, (await Mailbox.NextAsync(newcomer)).Text);
        Assert.Single(await Mailbox.AllToAsync(moved), m => m.Text.Contains(title, StringComparison.Ordinal)); // the first digest only

        // An older announcement arriving late (the broker does not keep order across messages) changes nothing.
        var stale = Guid.NewGuid();
        await platform.PublishAsync(new SemaineIndustrie.Contracts.PersonChanged(movedId, 1, moved, "COPIL Hautes-Pyrénées", "fr", null, "76", ["65"], Deleted: false), stale);
        await Eventually.Until(() => platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, bool>(
            db => db.Set<SemaineIndustrie.Messaging.Inbox.InboxMessage>().AnyAsync(m => m.MessageId == stale)), "the late announcement consumed");
        var kept = await platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, SemaineIndustrie.Messaging.People.KnownPerson>(
            db => db.People.AsNoTracking().SingleAsync(p => p.UserId == movedId));
        Assert.Equal(["32"], kept.Departements);
    }
}
