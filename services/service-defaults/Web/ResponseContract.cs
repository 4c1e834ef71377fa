using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>
/// Every answer of an API endpoint (a route under /api/) is checked against what the endpoint declares — the
/// same metadata its OpenAPI document is written from (<see cref="IProducesResponseTypeMetadata"/>). An answer
/// it does not declare is a contract drift: logged as a warning and kept (<see cref="Undeclared"/>), so the
/// integration tests, which answer through every service, fail on it (Platform checks at the end of each collection).
/// </summary>
public sealed class ResponseContract(ILogger<ResponseContract> logger)
{
    /// <summary>"METHOD route → status" of every undeclared answer seen, with a count.</summary>
    public ConcurrentDictionary<string, int> Undeclared { get; } = new();

    /// <summary>"METHOD route → status" of every answer seen (declared or not): how much of the contract the tests reached.</summary>
    public ConcurrentDictionary<string, int> Seen { get; } = new();

    /// <param name="endpoint">The endpoint routing chose (read before the pipeline ran: the exception handler clears it).</param>
    internal void Check(HttpContext context, Endpoint? endpoint)
    {
        // A handler of this service (minimal APIs carry their MethodInfo), not a proxied route or a page.
        if (endpoint is not RouteEndpoint { RoutePattern.RawText: { } route } || endpoint.Metadata.GetMetadata<System.Reflection.MethodInfo>() is null) return;
        if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }) return; // not an operation of the document
        if (!route.TrimStart('/').StartsWith("api/", StringComparison.Ordinal)) return;
        var status = context.Response.StatusCode;
        var answer = $"{context.Request.Method} {route} → {status}";
        Seen.AddOrUpdate(answer, 1, (_, n) => n + 1);
        var declared = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode);
        if (declared.Contains(status)) return;
        if (Undeclared.AddOrUpdate(answer, 1, (_, n) => n + 1) == 1)
            logger.LogWarning("Undeclared answer {Answer}: add it to the endpoint's declared results", answer);
    }
}

public static class ResponseContractExtensions
{
    public static IServiceCollection AddResponseContract(this IServiceCollection services) => services.AddSingleton<ResponseContract>();

    /// <summary>Outermost: sees the status the client gets, exception handler and status-code pages included.</summary>
    public static WebApplication UseResponseContract(this WebApplication app)
    {
        var contract = app.Services.GetRequiredService<ResponseContract>();
        app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            try
            {
                await next(context);
            }
            finally
            {
                contract.Check(context, endpoint ?? context.GetEndpoint());
            }
        });
        return app;
    }
}
