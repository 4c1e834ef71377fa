using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.ServiceDefaults.Auth;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.EndToEnd;

[Collection(PlatformCollection.Name)]
public sealed class ErrorQueueAdministrationTests(Platform platform)
{
    [Fact]
    public async Task Only_an_admin_lists_and_redrives_a_services_error_queues()
    {
        using var admin = await platform.ClientAsync(new DevTokenRequest("admin", "ops"), platform.Publication);
        using var reviewer = await platform.ClientAsync(new DevTokenRequest("reviewer", Region: "76"), platform.Publication);
        using var reviewerOnReview = await platform.ClientAsync(new DevTokenRequest("reviewer", Region: "76"), platform.Review);
        using var anonymous = await platform.ClientAsync(baseAddress: platform.Publication);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/admin/messaging/error-queues")).StatusCode);
        // A reviewer's token is not issued for the publication API at all (audience), and on the review API,
        // which it is for, the reviewer is not an admin.
        Assert.Equal(HttpStatusCode.Unauthorized, (await reviewer.GetAsync("/admin/messaging/error-queues")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reviewer.PostAsync("/admin/messaging/error-queues/publication-label/redrive", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewerOnReview.GetAsync("/admin/messaging/error-queues")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewerOnReview.PostAsync("/admin/messaging/error-queues/review-open-case/redrive", null)).StatusCode);

        var queues = (await admin.GetFromJsonAsync<JsonElement[]>("/admin/messaging/error-queues"))!;
        Assert.Equal(
            ["publication-changes-requested", "publication-label", "publication-location", "publication-picture", "publication-refusal",
             "publication-unlocated", "publication-withdrawal"],
            queues.Select(q => q.GetProperty("queue").GetString()).Order());
        Assert.All(queues, q => Assert.Equal(q.GetProperty("queue").GetString() + "_error", q.GetProperty("errorQueue").GetString()));

        var redriven = await admin.PostAsync("/admin/messaging/error-queues/publication-label/redrive?limit=10", null);
        Assert.Equal(HttpStatusCode.OK, redriven.StatusCode);
        Assert.Equal(0, (await redriven.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").GetInt32());

        var unknown = await admin.PostAsync("/admin/messaging/error-queues/review-open-case/redrive", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode); // another service's queue
        var badLimit = await admin.PostAsync("/admin/messaging/error-queues/publication-label/redrive?limit=0", null);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal("application/problem+json", badLimit.Content.Headers.ContentType?.MediaType);
    }
}
