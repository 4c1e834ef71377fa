using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Notification.Webhooks;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Notifications;

/// <summary>
/// Partners subscribe to public catalogue changes: signed deliveries to a real local HTTP receiver, retried
/// after an error status and a timeout, replayed on demand, and a subscription that keeps failing paused
/// with its contact told by mail. Each test uses a département no other test publishes in.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WebhookTests(Platform platform)
{
    private async Task<CreatedSubscription> SubscribeAsync(HttpClient admin, Uri receiver, string departement, string contact)
    {
        var created = await admin.PostAsJsonAsync("/api/notifications/webhooks", new { url = receiver, contactEmail = contact, departements = new[] { departement } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.ReadAsync<CreatedSubscription>();
    }

    /// <summary>A labelled event at <paramref name="commune"/>, which the pipeline geocodes and publishes.</summary>
    private async Task<Guid> PublishAsync(string postalCode, string commune, string departement)
    {
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "partner-feed", OrganisationId: "org-feed-" + Guid.NewGuid().ToString("N")[..8]));
        var body = Samples.Submission("Journée de l'industrie " + commune + " " + Guid.NewGuid().ToString("N")[..6]);
        body["venue"] = new JsonObject { ["name"] = "Usine", ["street"] = "1 rue de l'Industrie", ["postalCode"] = postalCode, ["commune"] = commune };
        var created = await organiser.PostAsJsonAsync("/api/submissions", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<SubmissionView>()).Id;
        using var committee = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-" + departement, Region: "76", Departements: [departement]));
        var caseId = await Eventually.Until(async () => (await committee.CasesAsync()).FirstOrDefault(c => c.GetProperty("submissionId").GetGuid() == id),
            c => c.ValueKind == JsonValueKind.Object, "the case").ContinueWith(t => t.Result.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await committee.PostAsJsonAsync($"/api/review/cases/{caseId}/decision", new { decision = "label" })).StatusCode);
        return id;
    }

    [Fact]
    public async Task A_delivery_verifies_with_the_documented_snippet_is_retried_after_a_500_and_a_timeout_and_replays_on_demand()
    {
        // 1st call: 500; 2nd: answers after the 1 s client timeout; then 200.
        await using var receiver = await WebhookReceiver.StartAsync(n => n switch
        {
            1 => (500, TimeSpan.Zero),
            2 => (200, TimeSpan.FromSeconds(3)),
            _ => (200, TimeSpan.Zero),
        });
        using var admin = await platform.ClientAsync(new DevTokenRequest("admin", "dge-webhooks"));
        var subscription = await SubscribeAsync(admin, receiver.Address, "12", $"partenaire-{Guid.NewGuid():N}@aveyron.test");
        Assert.StartsWith("whsec_", subscription.Secret);
        // The signing secret is not at rest: the database keeps a salt it is derived from with a key kept apart.
        var stored = await platform.QueryAsync<SemaineIndustrie.Notification.ServiceMarker, SemaineIndustrie.Notification.NotificationDbContext, string>(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.WebhookSubscriptions.Where(s => s.Id == subscription.Subscription.Id).Select(s => s.Secret)));
        Assert.DoesNotContain(subscription.Secret["whsec_".Length..], stored);

        var eventId = await PublishAsync("12000", "Rodez", "12");
        var requests = await Eventually.Until(() => Task.FromResult(receiver.Requests), r => r.Count >= 3, "three calls (500, timeout, 200)");
        Assert.Single(requests.Select(r => r.Id).Distinct()); // the same delivery each time

        var last = requests[2];
        Assert.True(WebhookSignature.Verify(subscription.Secret, last.Timestamp, last.Signature, last.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(subscription.Secret, last.Timestamp, last.Signature, last.Body.Replace("Rodez", "Rodes", StringComparison.Ordinal), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("whsec_another", last.Timestamp, last.Signature, last.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        var body = JsonNode.Parse(last.Body)!;
        Assert.Equal("event.published", body["type"]!.GetValue<string>());
        Assert.Equal(last.Id, body["id"]!.GetValue<string>());
        Assert.Equal(eventId.ToString(), body["event"]!["id"]!.GetValue<string>());
        Assert.Null(body["event"]!["privateContact"]); // the public event only

        var deliveries = await Eventually.Until(() => admin.GetAsync<WebhookDeliveryView[]>($"/api/notifications/webhooks/{subscription.Subscription.Id}/deliveries"),
            d => d.Length == 1 && d[0].Status == WebhookDeliveryStatus.Delivered, "the delivery recorded as delivered");
        Assert.Equal((3, 200), (deliveries[0].Attempts, deliveries[0].LastStatusCode));

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/notifications/webhooks/deliveries/{deliveries[0].Id}/replay", null)).StatusCode);
        var replayed = await Eventually.Until(() => Task.FromResult(receiver.Requests), r => r.Count >= 4, "the replay");
        Assert.Equal((last.Id, last.Body), (replayed[3].Id, replayed[3].Body));
        Assert.True(WebhookSignature.Verify(subscription.Secret, replayed[3].Timestamp, replayed[3].Signature, replayed[3].Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task A_subscription_that_keeps_failing_is_paused_its_contact_told_and_it_delivers_once_resumed()
    {
        var failing = true;
        await using var receiver = await WebhookReceiver.StartAsync(_ => (Volatile.Read(ref failing) ? 503 : 204, TimeSpan.Zero));
        using var admin = await platform.ClientAsync(new DevTokenRequest("admin", "dge-webhooks"));
        var contact = $"partenaire-{Guid.NewGuid():N}@aude.test";
        var subscription = await SubscribeAsync(admin, receiver.Address, "11", contact);

        await PublishAsync("11000", "Carcassonne", "11");
        var mail = await Mailbox.NextAsync(contact);
        Assert.Contains("Abonnement webhook suspendu", mail.Subject);
        Assert.Contains("3 fois de suite", mail.Text);
        var paused = (await admin.GetAsync<SubscriptionView[]>("/api/notifications/webhooks")).Single(s => s.Id == subscription.Subscription.Id);
        Assert.Equal(SubscriptionStatus.Paused, paused.Status);
        var calls = receiver.Requests.Count;
        Assert.Equal(3, calls);

        Volatile.Write(ref failing, false);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/notifications/webhooks/{subscription.Subscription.Id}/resume", null)).StatusCode);
        await Eventually.Until(() => admin.GetAsync<WebhookDeliveryView[]>($"/api/notifications/webhooks/{subscription.Subscription.Id}/deliveries"),
            d => d.Length == 1 && d[0].Status == WebhookDeliveryStatus.Delivered, "the kept delivery sent once resumed");
        Assert.Equal(calls + 1, receiver.Requests.Count);

        var invalid = await admin.PostAsJsonAsync("/api/notifications/webhooks", new { url = "ftp://partner.example/hook", contactEmail = "not-an-address", regions = new[] { "99" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("url", out _) && errors.TryGetProperty("contactEmail", out _) && errors.TryGetProperty("regions", out _));
        using var reviewer = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-11", Region: "76", Departements: ["11"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/api/notifications/webhooks")).StatusCode);
    }

    /// <summary>
    /// A webhook is a request the platform makes on an admin's word: never to the cloud metadata service or an internal
    /// network (whatever the name resolves to), and what is stored of a failure names no internal host.
    /// </summary>
    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://10.0.0.7/hook")]
    [InlineData("https://192.168.1.20/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://100.64.0.1/hook")]
    public async Task A_webhook_to_a_private_link_local_or_shared_address_is_refused(string url)
    {
        using var admin = await platform.ClientAsync(new DevTokenRequest("admin", "dge-webhooks"));
        var refused = await admin.PostAsJsonAsync("/api/notifications/webhooks", new { url, contactEmail = "partenaire@aude.test" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("public internet", errors.GetProperty("url")[0].GetString());
    }
}
