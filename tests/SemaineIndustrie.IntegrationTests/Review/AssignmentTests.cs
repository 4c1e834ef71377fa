using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts.Review;
using SemaineIndustrie.Identity;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Committees;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.LabellingReview;
using SemaineIndustrie.LabellingReview.Sharing;
using SemaineIndustrie.Messaging.People;
using SemaineIndustrie.Notification;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Review;

/// <summary>
/// Sharing the work with named people, through the real chain: identity announces committee members (with their role and
/// what they administer) to the review service's own copy; a case handed to a colleague of its committee is theirs (the
/// claim replaces any other), audited, and they are mailed (smtp4dev); a case that stays overdue is escalated once per level,
/// and the région's administrators are mailed once.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AssignmentTests(Platform platform)
{
    /// <summary>A person of identity with a seat (départements) or an administration (région), known to review and notification.</summary>
    private async Task<(string UserId, string Email)> MemberAsync(string name, string language, string? seatDepartement = null, string? administers = null)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var email = $"{name.ToLowerInvariant()}-{run}@direccte.test";
        var user = new PlatformUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"{name} {run}", PreferredLanguage = language, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await platform.QueryAsync<SemaineIndustrie.Identity.ServiceMarker, UserManager<PlatformUser>, IdentityResult>(users => users.CreateAsync(user))).Succeeded);
        await platform.QueryAsync<SemaineIndustrie.Identity.ServiceMarker, PlatformIdentityDbContext, int>(db =>
        {
            if (seatDepartement is { } d) db.Seats.Add(new CommitteeSeat { UserId = user.Id, Region = "76", Departements = [d], Since = DateTimeOffset.UtcNow, AppointedBy = "test" });
            if (administers is { } r) db.Admins.Add(new AdminGrant { UserId = user.Id, Region = r, Since = DateTimeOffset.UtcNow, GrantedBy = "test" });
            return db.SaveChangesAsync();
        });
        await platform.PeopleKnownAsync([user.Id]);
        await Eventually.Until(() => platform.QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, ReviewDbContext, KnownPerson?>(db =>
                db.People.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == user.Id)),
            p => p is { Role: "reviewer" } && p.AdminRegion == administers, $"the review service to know {email} as a committee member");
        return (user.Id, email);
    }

    private async Task<(Guid CaseId, string Title)> CaseAsync(string prefix)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "assign-" + run, OrganisationId: "org-assign-" + run));
        var title = $"{prefix} {run}";
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission(title));
        return (await platform.CaseOfAsync((await created.ReadAsync<SubmissionView>()).Id), title);
    }

    [Fact]
    public async Task A_case_handed_to_a_colleague_of_its_committee_is_theirs_and_they_are_mailed_in_their_language()
    {
        var (colleague, colleagueEmail) = await MemberAsync("Camille", "en", seatDepartement: "32");
        var (stranger, _) = await MemberAsync("Sacha", "fr", seatDepartement: "65"); // Hautes-Pyrénées: same région, another committee
        var (caseId, title) = await CaseAsync("Atelier confié");
        var run = Guid.NewGuid().ToString("N")[..6];
        using var me = await platform.ClientAsync(new DevTokenRequest("reviewer", "assigner-" + run, Region: "76", Departements: ["32"]));
        using var third = await platform.ClientAsync(new DevTokenRequest("reviewer", "third-" + run, Region: "76", Departements: ["32"]));
        using var nord = await platform.ClientAsync(new DevTokenRequest("reviewer", "nord-" + run, Region: "32", Departements: ["59"]));
        Assert.Equal(HttpStatusCode.OK, (await third.PostAsync($"/api/review/cases/{caseId}/claim", null)).StatusCode);

        // Who may take it: the Gers committee (the colleague, the seeded Gers and Occitanie reviewers), not the Hautes-Pyrénées member, not organisers.
        var assignees = await me.GetAsync<List<Assignee>>($"/api/review/cases/{caseId}/assignees");
        Assert.Contains(assignees, a => a.Subject == colleague && a.Name.StartsWith("Camille", StringComparison.Ordinal));
        Assert.DoesNotContain(assignees, a => a.Subject == stranger);

        // Nobody outside the committee, and nothing outside the caller's scope.
        foreach (var to in new[] { stranger, "nobody-" + run, "" })
        {
            var refused = await me.PostAsJsonAsync($"/api/review/cases/{caseId}/assign", new AssignRequest(to));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.True((await refused.ReadAsync<HttpValidationProblemDetails>()).Errors.ContainsKey("to"));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await nord.PostAsJsonAsync($"/api/review/cases/{caseId}/assign", new AssignRequest(colleague))).StatusCode);

        // Handed over: the colleague's claim replaces the third member's, for days (not a 30-minute lease), in the audit trail.
        var assigned = await me.PostAsJsonAsync($"/api/review/cases/{caseId}/assign", new AssignRequest(colleague));
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        var detail = await me.GetAsync<CaseDetail>($"/api/review/cases/{caseId}");
        Assert.Equal(colleague, detail.Claim!.By);
        Assert.True(detail.Claim.Until > DateTimeOffset.Parse("2018-02-19T00:00:00+01:00"), $"held until {detail.Claim.Until}");
        Assert.StartsWith("Camille", detail.People[colleague], StringComparison.Ordinal);
        var audit = await me.GetAsync<List<AuditEntryView>>($"/api/review/cases/{caseId}/audit");
        Assert.Contains(audit, a => a.Action == "assigned" && a.Actor == "assigner-" + run && a.Detail!.Contains("third-" + run, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, (await third.PostAsync($"/api/review/cases/{caseId}/claim", null)).StatusCode);

        // The colleague is told, in English, with the link to the case.
        var mail = (await Eventually.Until(async () => (await Mailbox.AllToAsync(colleagueEmail)).Where(m => m.Subject.Contains(title, StringComparison.Ordinal)).ToList(),
            mails => mails.Count >= 1, $"the hand-over mail to {colleagueEmail}")).Single();
        Assert.Equal($"Case handed to you: {title}", mail.Subject);
        Assert.Contains($"/mon-espace/dossiers/{caseId}", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_left_overdue_is_escalated_once_per_level_and_the_region_s_administrators_are_mailed_once()
    {
        var (_, adminEmail) = await MemberAsync("Dominique", "fr", administers: "76");
        var (caseId, title) = await CaseAsync("Atelier oublié");
        var (twoDays, _) = await CaseAsync("Atelier en retard");
        var (oneDay, _) = await CaseAsync("Atelier presque en retard");
        // On Thursday 15 February (the domain clock): due at the end of Wednesday 7, five working days late; of Monday 12, two;
        // of Tuesday 13, one (not escalated).
        foreach (var (id, due) in new[] { (caseId, "2018-02-08"), (twoDays, "2018-02-13"), (oneDay, "2018-02-14") })
            await platform.QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, ReviewDbContext, int>(db =>
                db.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(set => set.SetProperty(c => c.DueAt, DateTimeOffset.Parse(due + "T00:00:00+01:00"))));

        var escalations = platform.Service<SemaineIndustrie.LabellingReview.ServiceMarker, Escalations>();
        await escalations.EscalateAsync(CancellationToken.None);
        await escalations.EscalateAsync(CancellationToken.None); // again: nothing new
        var recorded = await platform.QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, ReviewDbContext, List<string>>(db =>
            db.Escalations.Where(e => e.CaseId == caseId).OrderBy(e => e.Level).Select(e => e.Level).ToListAsync());
        Assert.Equal(["national", "region"], recorded);
        Assert.Equal([["region"], []], await platform.QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, ReviewDbContext, List<List<string>>>(async db =>
            [await db.Escalations.Where(e => e.CaseId == twoDays).Select(e => e.Level).ToListAsync(), await db.Escalations.Where(e => e.CaseId == oneDay).Select(e => e.Level).ToListAsync()]));
        var audit = await platform.QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, ReviewDbContext, int>(db =>
            db.Audit.CountAsync(a => a.CaseId == caseId && a.Action == "escalated"));
        Assert.Equal(2, audit);

        var mails = await Eventually.Until(async () => (await Mailbox.AllToAsync(adminEmail)).Where(m => m.Subject.Contains(title, StringComparison.Ordinal)).ToList(),
            found => found.Count >= 1, $"the escalation mail to {adminEmail}");
        Assert.Equal($"Dossier en retard de 5 jours ouvrés : {title}", mails.Single().Subject);
        Assert.Contains("tableau-de-bord#escalades", mails.Single().Text, StringComparison.Ordinal);
        // One delivery for the région's level, none for the national one (a dashboard list, not a mail).
        var deliveries = await platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, List<string>>(db =>
            db.Deliveries.Where(d => d.EventKey.StartsWith("case-escalated:" + caseId) && d.Address == adminEmail).Select(d => d.EventKey).ToListAsync());
        Assert.Equal([$"case-escalated:{caseId}:region"], deliveries);
    }
}
