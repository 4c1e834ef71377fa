using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Identity;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Organisations;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Notification;
using SemaineIndustrie.Notification.Deliveries;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Notifications;

/// <summary>
/// Organisers are told by mail, through the real chain: submission → review → notification service (who belongs to the
/// organisation: its own copy of the people identity announces) → SMTP (smtp4dev), read back from the SMTP server.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OrganiserMailTests(Platform platform)
{
    private sealed record Member(string UserId, string Email, string Language);

    /// <summary>An organisation with members (accounts with confirmed addresses), staged in the identity service's own database.</summary>
    private async Task<(string OrganisationId, Member[] Members)> OrganisationAsync(params (string Who, string Language)[] people)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = "Fonderie " + run, Kind = SemaineIndustrie.Contracts.OrganisationKind.Company, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test" };
        var members = new List<Member>();
        foreach (var (who, language) in people)
        {
            var email = $"{who}-{run}@fonderie.test";
            var user = new PlatformUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = who, PreferredLanguage = language, CreatedAt = DateTimeOffset.UtcNow };
            var created = await platform.QueryAsync<SemaineIndustrie.Identity.ServiceMarker, UserManager<PlatformUser>, IdentityResult>(users => users.CreateAsync(user));
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
            members.Add(new Member(user.Id, email, language));
        }
        await platform.QueryAsync<SemaineIndustrie.Identity.ServiceMarker, PlatformIdentityDbContext, int>(db =>
        {
            db.Organisations.Add(organisation);
            db.Members.AddRange(members.Select(m => new OrganisationMember { UserId = m.UserId, OrganisationId = organisation.Id, Since = DateTimeOffset.UtcNow }));
            return db.SaveChangesAsync();
        });
        await platform.PeopleKnownAsync([.. members.Select(m => m.UserId)]); // announced by identity, kept by notification
        return (organisation.ClaimValue, [.. members]);
    }

    private async Task<(HttpClient Organiser, Guid SubmissionId, Guid CaseId)> SubmitAsync(string organisationId, Member author, string title)
    {
        var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", author.UserId, OrganisationId: organisationId));
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission(title));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<SubmissionView>()).Id;
        var caseId = await platform.CaseOfAsync(id);
        return (organiser, id, caseId);
    }

    private async Task DecideAsync(Guid caseId, object decision)
    {
        using var gers = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-32-mail", Region: "76", Departements: ["32"]));
        Assert.Equal(HttpStatusCode.OK, (await gers.PostAsJsonAsync($"/api/review/cases/{caseId}/decision", decision)).StatusCode);
    }

    private static async Task<List<Mailbox.Mail>> MailsAsync(string address, string subjectPart, int atLeast = 1) =>
        await Eventually.Until(async () => (await Mailbox.AllToAsync(address)).Where(m => m.Subject.Contains(subjectPart, StringComparison.Ordinal)).ToList(),
            mails => mails.Count >= atLeast, $"{atLeast} mail(s) '{subjectPart}' to {address}");

    private Task<List<Delivery>> DeliveriesAsync(string eventKey) =>
        platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, List<Delivery>>(db => db.Deliveries.AsNoTracking().Where(d => d.EventKey == eventKey).ToListAsync());

    [Fact]
    public async Task A_label_mails_each_member_once_in_their_language_with_the_event_link_and_kit_even_when_the_decision_arrives_twice()
    {
        var (organisation, members) = await OrganisationAsync(("camille", "fr"), ("alex", "en"));
        var title = "Portes ouvertes de la fonderie <b>&</b> " + Guid.NewGuid().ToString("N")[..6];
        var (_, submissionId, caseId) = await SubmitAsync(organisation, members[0], title);

        var received = await MailsAsync(members[0].Email, "Demande reçue");
        Assert.Contains(title, received[0].Text); // the plain-text part keeps the title as typed
        Assert.Contains("&lt;b&gt;&amp;&lt;/b&gt;", received[0].Html); // the HTML part escapes it
        await MailsAsync(members[1].Email, "Application received");

        await DecideAsync(caseId, new { decision = "label" });
        var french = Assert.Single(await MailsAsync(members[0].Email, "Label accordé"));
        var english = Assert.Single(await MailsAsync(members[1].Email, "Label granted"));
        Assert.Contains($"/evenements/{submissionId}", french.Text);
        Assert.Contains("Le kit de communication", french.Text);
        Assert.Contains("logo-label.zip", english.Html);

        var headers = await french.HeadersAsync();
        var unsubscribe = Assert.Single(headers["List-Unsubscribe"]);
        Assert.Contains("/notifications/desabonnement?", unsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", Assert.Single(headers["List-Unsubscribe-Post"]));
        var delivery = Assert.Single(await DeliveriesAsync($"labelled:{submissionId}:1"), d => d.RecipientId == members[0].UserId);
        Assert.Equal("<" + delivery.MessageId + ">", Assert.Single(headers["Message-ID"]).Trim());

        // The same decision again — redelivered under its own id, and published anew under another: nothing more.
        var again = new LabelGranted(submissionId, 1, caseId, "copil-32-mail", DateTimeOffset.UtcNow);
        var first = Guid.NewGuid();
        await platform.PublishAsync(again, first);
        await platform.PublishAsync(again, first);
        await platform.PublishAsync(again, Guid.NewGuid());
        await Eventually.Until(() => platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, int>(
            db => db.Set<SemaineIndustrie.Messaging.Inbox.InboxMessage>().CountAsync(m => m.MessageType == nameof(LabelGranted) && m.Consumer.EndsWith(nameof(SemaineIndustrie.Notification.Organisers.LabelledNotice)))),
            n => n >= 3, "the repeated decisions consumed"); // the original one and two new message ids
        // The relay accepting a mail comes before the sender records it as sent: wait for the record, not just the mail.
        var deliveries = await Eventually.Until(() => DeliveriesAsync($"labelled:{submissionId}:1"),
            d => d.Count > 2 || d.All(x => x.Status == DeliveryStatus.Sent), "the label's deliveries recorded as sent");
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.Single(await Mailbox.AllToAsync(members[0].Email), m => m.Subject.Contains("Label accordé", StringComparison.Ordinal));
        Assert.Single(await Mailbox.AllToAsync(members[1].Email), m => m.Subject.Contains("Label granted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_carries_the_motivation_and_unsubscribing_stops_that_kind_of_mail_only()
    {
        var (organisation, members) = await OrganisationAsync(("dominique", "fr"));
        var member = members[0];
        var (_, first, firstCase) = await SubmitAsync(organisation, member, "Atelier payant " + Guid.NewGuid().ToString("N")[..6]);
        await DecideAsync(firstCase, new { decision = "refuse", motivation = "L'événement est payant :\nle label exige la gratuité." });
        var refusal = Assert.Single(await MailsAsync(member.Email, "Label refusé"));
        Assert.Contains("L'événement est payant :\nle label exige la gratuité.", refusal.Text);
        Assert.Contains($"/mon-espace/demandes/{first}/modifier", refusal.Text);

        // The link in the mail: opening it changes nothing (a confirmation page); the one-click POST unsubscribes.
        var link = refusal.Link(platform.Gateway + "notifications/desabonnement");
        using var browser = new HttpClient();
        var page = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("label refusé", await page.Content.ReadAsStringAsync());
        var forged = await browser.PostAsync(new Uri(link.AbsoluteUri.Replace("k=refused", "k=labelled", StringComparison.Ordinal)), new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode); // the signature covers the kind
        var oneClick = await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);

        var (_, second, secondCase) = await SubmitAsync(organisation, member, "Visite payante " + Guid.NewGuid().ToString("N")[..6]);
        await MailsAsync(member.Email, "Demande reçue", atLeast: 2); // other kinds still come
        await DecideAsync(secondCase, new { decision = "refuse", motivation = "Payant." });
        var suppressed = await Eventually.Until(() => DeliveriesAsync($"refused:{second}:1"), d => d.Count == 1, "the second refusal recorded");
        Assert.Equal(DeliveryStatus.Suppressed, suppressed[0].Status);
        Assert.Single(await Mailbox.AllToAsync(member.Email), m => m.Subject.Contains("Label refusé", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sender_crash_between_the_relays_acceptance_and_the_record_resends_with_the_same_message_id()
    {
        var (organisation, members) = await OrganisationAsync(("sam" + NotificationSettings.CrashMarker, "fr"));
        var member = members[0];
        var (_, submissionId, _) = await SubmitAsync(organisation, member, "Forum des métiers " + Guid.NewGuid().ToString("N")[..6]);

        var copies = await MailsAsync(member.Email, "Demande reçue", atLeast: 2);
        var delivery = Assert.Single(await Eventually.Until(() => DeliveriesAsync($"submission-received:{submissionId}:1"),
            d => d.Count == 1 && d[0].Status == DeliveryStatus.Sent, "the delivery recorded as sent"));
        Assert.Equal(2, delivery.Attempts);
        var ids = new List<string>();
        foreach (var copy in copies) ids.Add(Assert.Single((await copy.HeadersAsync())["Message-ID"]).Trim());
        Assert.Equal(2, ids.Count);
        Assert.Single(ids.Distinct()); // one message for mail clients and servers that de-duplicate by Message-ID
        Assert.Equal("<" + delivery.MessageId + ">", ids[0]);
        var attempts = await platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, List<DeliveryAttempt>>(
            db => db.Attempts.AsNoTracking().Where(a => a.DeliveryId == delivery.Id).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([false, true], attempts.Select(a => a.Succeeded));
    }

    [Fact]
    public async Task A_delivery_the_relay_keeps_refusing_is_parked_listed_for_operators_and_replayed_once_fixed()
    {
        var (organisation, members) = await OrganisationAsync(("lou" + NotificationSettings.RefusedMarker, "fr"));
        var (_, submissionId, _) = await SubmitAsync(organisation, members[0], "Journée portes ouvertes " + Guid.NewGuid().ToString("N")[..6]);
        var key = $"submission-received:{submissionId}:1";
        var parked = Assert.Single(await Eventually.Until(() => DeliveriesAsync(key), d => d.Count == 1 && d[0].Status == DeliveryStatus.Parked, "the delivery parked"));
        Assert.Equal(3, parked.Attempts);
        Assert.Contains("550 simulated", parked.LastError);

        using var admin = await platform.ClientAsync(new DevTokenRequest("admin", "dge-operator"));
        var listed = await admin.GetAsync<DeliveryView[]>("/api/notifications/deliveries?status=parked&limit=500");
        Assert.Contains(listed!, d => d.Id == parked.Id && d.Attempts == 3 && d.LastError!.Contains("550", StringComparison.Ordinal));
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", members[0].UserId, OrganisationId: organisation));
        Assert.Equal(HttpStatusCode.Forbidden, (await organiser.GetAsync("/api/notifications/deliveries")).StatusCode); // operators only
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/notifications/deliveries?status=lost")).StatusCode);

        NotificationSettings.RelayAcceptsRefusedAddresses = true; // the relay is fixed; only this test's address is concerned
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/notifications/deliveries/{parked.Id}/replay", null)).StatusCode);
        var mail = Assert.Single(await MailsAsync(members[0].Email, "Demande reçue"));
        var sent = Assert.Single(await Eventually.Until(() => DeliveriesAsync(key), d => d[0].Status == DeliveryStatus.Sent, "the replayed delivery sent"));
        Assert.Equal(4, sent.Attempts);
        Assert.Equal("<" + sent.MessageId + ">", Assert.Single((await mail.HeadersAsync())["Message-ID"]).Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/notifications/deliveries/{Guid.NewGuid()}/replay", null)).StatusCode);
    }

    [Fact]
    public async Task A_decision_reaches_the_organiser_while_the_identity_service_is_down()
    {
        var (organisation, members) = await OrganisationAsync(("sacha", "fr"));
        var title = "Visite de l'aciérie " + Guid.NewGuid().ToString("N")[..6];
        var (_, _, caseId) = await SubmitAsync(organisation, members[0], title);
        await MailsAsync(members[0].Email, "Demande reçue");
        using var gers = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-32-outage", Region: "76", Departements: ["32"])); // minted while identity is up

        await using (await platform.IdentityOutageAsync())
        {
            using var identity = new HttpClient { BaseAddress = platform.Identity };
            await Assert.ThrowsAsync<HttpRequestException>(() => identity.GetAsync("/health/live")); // nobody answers there
            Assert.Equal(HttpStatusCode.OK, (await gers.PostAsJsonAsync($"/api/review/cases/{caseId}/decision", new { decision = "label" })).StatusCode);
            var labelled = Assert.Single(await MailsAsync(members[0].Email, "Label accordé"));
            Assert.Contains(title, labelled.Text);
        }
    }

    [Fact]
    public async Task A_deleted_account_is_forgotten_and_no_longer_told()
    {
        var (organisation, members) = await OrganisationAsync(("noa", "fr"), ("lou", "fr"));
        var gone = members[1];
        Assert.True((await platform.QueryAsync<SemaineIndustrie.Identity.ServiceMarker, UserManager<PlatformUser>, IdentityResult>(
            async users => await users.DeleteAsync((await users.FindByIdAsync(gone.UserId))!))).Succeeded);
        var tombstone = await Eventually.Until(() => platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, NotificationDbContext, SemaineIndustrie.Messaging.People.KnownPerson?>(
            db => db.People.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == gone.UserId)), p => p is { Deleted: true }, "the deletion announced");
        Assert.Null(tombstone!.Email); // the address and name are not kept
        Assert.Equal("", tombstone.DisplayName);

        var (_, submissionId, _) = await SubmitAsync(organisation, members[0], "Visite de la verrerie " + Guid.NewGuid().ToString("N")[..6]);
        await MailsAsync(members[0].Email, "Demande reçue");
        Assert.Equal([members[0].UserId], (await DeliveriesAsync($"submission-received:{submissionId}:1")).Select(d => d.RecipientId));
    }

    [Fact]
    public async Task Before_a_window_closes_members_are_reminded_once_at_J7_and_once_at_J2_of_their_drafts_and_demands_awaiting_changes()
    {
        const int year = 2049;
        var (organisation, members) = await OrganisationAsync(("claude", "fr"), ("robin", "en"));
        var run = Guid.NewGuid().ToString("N")[..6];
        var now = await platform.QueryAsync<SemaineIndustrie.Submission.ServiceMarker, SemaineIndustrie.ServiceDefaults.Time.DomainClock, DateTimeOffset>(clock => Task.FromResult(clock.GetUtcNow()));
        using var dge = await platform.ClientAsync(new DevTokenRequest(Email: SemaineIndustrie.Identity.Development.DevelopmentAccounts.NationalAdmin));
        EditionRequest Edition(DateTimeOffset closes) => new(year, 39, $"Semaine de l'Industrie {year}", "L'industrie du futur", new DateOnly(year, 3, 15), new DateOnly(year, 3, 21),
            now.AddDays(-1), closes, [new CodeLabel("aeronautique", "Aéronautique et spatial")],
            [new Audience("jeunes", "Jeunes", true), new Audience("demandeurs-emploi", "Demandeurs d'emploi", true)]);
        var opened = await dge.PostAsJsonAsync("/api/editions", Edition(now.AddDays(20)));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dge.PostAsync($"/api/editions/{year}/publication", null)).StatusCode);

        // A draft for the edition, a demand the committee asked to change, a demand only submitted (no reminder for it).
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", members[0].UserId, OrganisationId: organisation));
        var draftTitle = "Brouillon de la fonderie " + run;
        var draft = await organiser.PostAsJsonAsync("/api/drafts", new { title = draftTitle, startsAt = $"{year}-03-16T09:00" });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var draftId = (await draft.ReadAsync<DraftView>()).Id;
        var awaiting = await SubmitIn(organiser, year, "Visite à corriger " + run);
        await DecideAsync(await platform.CaseOfAsync(awaiting), new { decision = "request_changes", motivation = "Précisez l'accès au site." });
        await Eventually.Until(async () => (await organiser.GetAsync<SubmissionView>($"/api/submissions/{awaiting}")).Status == SubmissionStatus.ChangesRequested, "changes requested");
        var submittedTitle = "Visite déposée " + run;
        await SubmitIn(organiser, year, submittedTitle);

        // Six days before the close (the national team moved it): the week-before reminder, in each member's language.
        Assert.Equal(HttpStatusCode.OK, (await dge.PutAsJsonAsync($"/api/editions/{year}", Edition(now.AddDays(6)))).StatusCode);
        var french = Assert.Single(await MailsAsync(members[0].Email, $"Semaine de l'Industrie {year} : les demandes ferment"));
        Assert.Contains(draftTitle, french.Text);
        Assert.Contains($"/mon-espace/demandes/nouvelle?brouillon={draftId}", french.Text);
        Assert.Contains($"/mon-espace/demandes/{awaiting}/modifier", french.Text);
        Assert.DoesNotContain(submittedTitle, french.Text);
        Assert.Contains("/notifications/desabonnement?", Assert.Single((await french.HeadersAsync())["List-Unsubscribe"]));
        Assert.Contains("Drafts to finish", Assert.Single(await MailsAsync(members[1].Email, $"Semaine de l'Industrie {year}: applications close")).Text);

        // Then one day before: the two-days-before reminder, once; nothing further is due after it, whatever changes.
        Assert.Equal(HttpStatusCode.OK, (await dge.PutAsJsonAsync($"/api/editions/{year}", Edition(now.AddDays(1)))).StatusCode);
        await MailsAsync(members[0].Email, $"Semaine de l'Industrie {year} : les demandes ferment", atLeast: 2);
        Assert.Equal(HttpStatusCode.OK, (await dge.PutAsJsonAsync($"/api/editions/{year}", Edition(now.AddDays(1.5)))).StatusCode);
        Assert.Equal(0, await platform.QueryAsync<SemaineIndustrie.Submission.ServiceMarker, SemaineIndustrie.Submission.Drafts.SubmissionReminders, int>(r => r.RunAsync(CancellationToken.None)));
        var kinds = await platform.QueryAsync<SemaineIndustrie.Submission.ServiceMarker, SemaineIndustrie.Submission.SubmissionDbContext, List<string>>(
            db => db.SentReminders.Where(r => r.OrganiserId == organisation && r.Edition == year).Select(r => r.Kind).OrderBy(k => k).ToListAsync());
        Assert.Equal(["j-2", "j-7"], kinds);
        Assert.Equal(2, (await Mailbox.AllToAsync(members[0].Email)).Count(m => m.Subject.Contains($"{year} : les demandes ferment", StringComparison.Ordinal)));
    }

    private static async Task<Guid> SubmitIn(HttpClient organiser, int year, string title)
    {
        var request = Samples.Submission(title);
        (request["startsAt"], request["endsAt"]) = ($"{year}-03-16T09:00", $"{year}-03-16T12:00");
        var created = await organiser.PostAsJsonAsync("/api/submissions", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadAsync<SubmissionView>()).Id;
    }
}
