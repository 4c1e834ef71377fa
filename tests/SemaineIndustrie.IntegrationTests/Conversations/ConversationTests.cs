using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts.Review;
using SemaineIndustrie.Identity;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Organisations;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Notification;
using SemaineIndustrie.Notification.Conversations;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Conversations;

/// <summary>
/// A demand's conversation through the real chain: the organisation asks (its own demands only), the committee of the
/// département is mailed once (smtp4dev), a member answers, the organisation reads it and is mailed once; five messages
/// within the window make one mail; nobody outside the demand's organisation or the committee's scope reads it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ConversationTests(Platform platform)
{
    private async Task<(string OrganisationId, string UserId, string Email)> OrganisationAsync()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = "Chaudronnerie " + run, Kind = SemaineIndustrie.Contracts.OrganisationKind.Company, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test" };
        var email = $"dominique-{run}@chaudronnerie.test";
        var user = new PlatformUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Dominique", PreferredLanguage = "fr", CreatedAt = DateTimeOffset.UtcNow };
        var created = await platform.QueryAsync<SemaineIndustrie.Identity.ServiceMarker, UserManager<PlatformUser>, IdentityResult>(users => users.CreateAsync(user));
        Assert.True(created.Succeeded);
        await platform.QueryAsync<SemaineIndustrie.Identity.ServiceMarker, PlatformIdentityDbContext, int>(db =>
        {
            db.Organisations.Add(organisation);
            db.Members.Add(new OrganisationMember { UserId = user.Id, OrganisationId = organisation.Id, Since = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        await platform.PeopleKnownAsync([user.Id]);
        return (organisation.ClaimValue, user.Id, email);
    }

    /// <summary>The conversation mails of a demand once they hold <paramref name="lines"/> messages, then their window closed now (as a minute later) and sent.</summary>
    private async Task SendWindowAsync(Guid submissionId, string to, int lines)
    {
        await Eventually.Until(() => platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, int>(db =>
                db.ConversationMails.Where(m => m.SubmissionId == submissionId && m.To == to && m.SentAt == null).Select(m => m.Lines.Count).SingleOrDefaultAsync()),
            count => count == lines, $"{lines} message(s) waiting for the {to} of {submissionId}");
        await platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, int>(db =>
            db.ConversationMails.Where(m => m.SubmissionId == submissionId && m.SentAt == null).ExecuteUpdateAsync(set => set.SetProperty(m => m.ClosesAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        await platform.Service<SemaineIndustrie.Notification.ServiceMarker, ConversationMails>().SendClosedAsync(CancellationToken.None);
    }

    private static async Task<List<Mailbox.Mail>> MailsAsync(string address, string title, int atLeast = 1) =>
        await Eventually.Until(async () => (await Mailbox.AllToAsync(address))
                .Where(m => m.Subject.Contains(title, StringComparison.Ordinal) && m.Subject.Contains("message", StringComparison.OrdinalIgnoreCase)).ToList(),
            mails => mails.Count >= atLeast, $"{atLeast} message mail(s) about '{title}' to {address}");

    [Fact]
    public async Task The_organisation_asks_the_committee_answers_and_each_side_is_mailed_once_per_window()
    {
        var (organisation, userId, email) = await OrganisationAsync();
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", userId, OrganisationId: organisation));
        var title = "Chaudronnerie ouverte " + Guid.NewGuid().ToString("N")[..6];
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission(title));
        var id = (await created.ReadAsync<SubmissionView>()).Id;
        var caseId = await platform.CaseOfAsync(id);

        var asked = await organiser.PostAsJsonAsync($"/api/conversations/{id}", new MessageRequest("Bonjour, faut-il que les visiteurs portent des chaussures de sécurité ?\nNous pouvons en prêter <b>20</b>."));
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);

        // Nobody follows the case yet: the département's committee is told (the Gers COPIL's seeded member among them), once.
        await SendWindowAsync(id, "committee", 1);
        var toCommittee = Assert.Single(await MailsAsync(DevelopmentAccounts.GersReviewer, title));
        Assert.StartsWith("Nouveau message", toCommittee.Subject);
        Assert.Contains("chaussures de sécurité", toCommittee.Text);
        Assert.Contains("&lt;b&gt;20&lt;/b&gt;", toCommittee.Html);
        Assert.Contains($"/mon-espace/dossiers/{caseId}#echanges", toCommittee.Text);

        // A member answers; the organisation reads the question as read and the answer as unread.
        using var gers = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.GersReviewer));
        var seen = await gers.GetAsync<List<MessageView>>($"/api/review/cases/{caseId}/messages");
        Assert.Equal("organiser", Assert.Single(seen!).From);
        Assert.Equal(HttpStatusCode.OK, (await gers.PostAsync($"/api/review/cases/{caseId}/messages/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await gers.PostAsJsonAsync($"/api/review/cases/{caseId}/messages", new MessageRequest("Oui, pour la visite de l'atelier de soudure."))).StatusCode);
        var summary = Assert.Single((await organiser.GetAsync<List<ConversationSummary>>("/api/conversations"))!, s => s.SubmissionId == id);
        Assert.Equal((2, 1), (summary.Messages, summary.Unread));
        var conversation = (await organiser.GetAsync<List<MessageView>>($"/api/conversations/{id}"))!;
        Assert.NotNull(conversation[0].ReadAt);
        Assert.Equal(("committee", null), (conversation[1].From, conversation[1].ReadAt));

        // Four more within the minute: the organisation gets one mail with all five.
        foreach (var n in Enumerable.Range(2, 4))
            Assert.Equal(HttpStatusCode.Created, (await gers.PostAsJsonAsync($"/api/review/cases/{caseId}/messages", new MessageRequest($"Précision n° {n}."))).StatusCode);
        await SendWindowAsync(id, "organiser", 5);
        var toOrganiser = Assert.Single(await MailsAsync(email, title));
        Assert.StartsWith("5 nouveaux messages", toOrganiser.Subject);
        Assert.Contains("Précision n° 5.", toOrganiser.Text);
        Assert.Contains($"/mon-espace/demandes/{id}#echanges", toOrganiser.Text);

        // Now the member follows the case: the organisation's next message goes to them, not to the whole committee.
        Assert.Equal(HttpStatusCode.Created, (await organiser.PostAsJsonAsync($"/api/conversations/{id}", new MessageRequest("Merci !"))).StatusCode);
        await SendWindowAsync(id, "committee", 1);
        Assert.Equal(2, (await MailsAsync(DevelopmentAccounts.GersReviewer, title, atLeast: 2)).Count);
        Assert.DoesNotContain(await Mailbox.AllToAsync(DevelopmentAccounts.RegionalAdmin), m => m.Subject.Contains(title, StringComparison.Ordinal) && m.Text.Contains("Merci !"));
    }

    [Fact]
    public async Task Nobody_outside_the_demand_s_organisation_or_the_committee_s_scope_reads_or_writes_its_conversation()
    {
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "conv-owner", OrganisationId: "org-conv-" + Guid.NewGuid().ToString("N")[..6]));
        var id = (await (await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission("Conversation privée"))).ReadAsync<SubmissionView>()).Id;
        var caseId = await platform.CaseOfAsync(id);
        Assert.Equal(HttpStatusCode.Created, (await organiser.PostAsJsonAsync($"/api/conversations/{id}", new MessageRequest("Question privée"))).StatusCode);

        using var other = await platform.ClientAsync(new DevTokenRequest("organiser", "conv-other", OrganisationId: "org-conv-other"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/conversations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/conversations/{id}", new MessageRequest("Intrusion"))).StatusCode);
        Assert.DoesNotContain((await other.GetAsync<List<ConversationSummary>>("/api/conversations"))!, s => s.SubmissionId == id);
        using var nord = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-59-conv", Region: "32", Departements: ["59"]));
        Assert.Equal(HttpStatusCode.NotFound, (await nord.GetAsync($"/api/review/cases/{caseId}/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nord.PostAsJsonAsync($"/api/review/cases/{caseId}/messages", new MessageRequest("Hors périmètre"))).StatusCode);
        // An organiser's token opens the conversations, not the committee's routes.
        Assert.Equal(HttpStatusCode.Forbidden, (await organiser.GetAsync($"/api/review/cases/{caseId}/messages")).StatusCode);

        var empty = await organiser.PostAsJsonAsync($"/api/conversations/{id}", new MessageRequest("  "));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.True((await empty.ReadAsync<HttpValidationProblemDetails>()).Errors.ContainsKey("text"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await organiser.PostAsJsonAsync($"/api/conversations/{id}", new MessageRequest(new string('a', 5001)))).StatusCode);
        Assert.Single((await organiser.GetAsync<List<MessageView>>($"/api/conversations/{id}"))!); // nothing half-stored
    }
}
