using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>
/// A partner's endpoint on a real local HTTP server: records every request (headers and body) and answers
/// as the test's plan says for the n-th request (a status, after an optional delay).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Id, string Timestamp, string Signature, string Body, DateTimeOffset At);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Received> received = new();
    private int count;

    public Uri Address { get; }
    public IReadOnlyList<Received> Requests => [.. received];

    private WebhookReceiver(WebApplication app, Uri address) => (this.app, Address) = (app, address);

    /// <param name="plan">Request number (1-based) → (status, delay before answering).</param>
    public static async Task<WebhookReceiver> StartAsync(Func<int, (int Status, TimeSpan Delay)> plan)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? self = null;
        app.MapPost("/hooks/semaine-industrie", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            self!.received.Enqueue(new Received(context.Request.Headers["Webhook-Id"].ToString(), context.Request.Headers["Webhook-Timestamp"].ToString(),
                context.Request.Headers["Webhook-Signature"].ToString(), body, DateTimeOffset.UtcNow));
            var (status, delay) = plan(Interlocked.Increment(ref self.count));
            if (delay > TimeSpan.Zero) await Task.Delay(delay);
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new WebhookReceiver(app, new Uri(address + "/hooks/semaine-industrie"));
        return self;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
