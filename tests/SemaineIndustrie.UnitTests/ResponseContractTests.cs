using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SemaineIndustrie.ServiceDefaults.Web;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>
/// The answers checked against what endpoints declare are the answers clients get: a request its client gave up on (a page's
/// draft autosave cut short by a navigation, logged 499) is not one, while an undeclared answer a client does get still is.
/// </summary>
public sealed class ResponseContractTests
{
    [Fact]
    public async Task A_request_its_client_gave_up_on_is_not_held_against_the_contract()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddResponseContract();
        await using var app = builder.Build();
        var slowDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Request.Path == "/api/slow") slowDone.TrySetResult(); // after the contract's check, which is inside
        });
        app.UseResponseContract();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Neither endpoint declares its answers: any answer a client gets is undeclared.
        app.MapGet("/api/slow", async (HttpContext context) =>
        {
            started.TrySetResult();
            try { await Task.Delay(Timeout.Infinite, context.RequestAborted); } catch (OperationCanceledException) { }
            return Results.Ok();
        });
        app.MapGet("/api/quick", () => Results.Ok());
        await app.StartAsync();

        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var giveUp = new CancellationTokenSource();
        var slow = client.GetAsync("/api/slow", giveUp.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
        await slowDone.Task.WaitAsync(TimeSpan.FromSeconds(10));
        (await client.GetAsync("/api/quick")).EnsureSuccessStatusCode();

        var contract = app.Services.GetRequiredService<ResponseContract>();
        Assert.Contains("GET /api/quick → 200", contract.Undeclared);
        Assert.DoesNotContain(contract.Undeclared, answer => answer.Contains("/api/slow", StringComparison.Ordinal));
        await app.StopAsync();
    }
}
