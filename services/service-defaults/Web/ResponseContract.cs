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
/// What an endpoint declares is read once per endpoint; a request costs a lookup and a counter.
/// </summary>
public sealed class ResponseContract(ILogger<ResponseContract> logger)
{
    /// <summary>One described operation (compared by reference: one per endpoint).</summary>
    private sealed class Operation(string name, IReadOnlySet<int> declared)
    {
        public string Name { get; } = name;
        public IReadOnlySet<int> Declared { get; } = declared;
    }

    private readonly ConcurrentDictionary<Endpoint, Operation?> operations = new();
    private readonly ConcurrentDictionary<(Operation Operation, int Status), int> seen = new();

    /// <summary>"METHOD route → status" of every undeclared answer seen.</summary>
    public IReadOnlyList<string> Undeclared =>
        [.. seen.Keys.Where(k => !k.Operation.Declared.Contains(k.Status)).Select(Name)];

    /// <summary>"METHOD route → status" of every answer seen (declared or not), with a count: how much of the contract the tests reached.</summary>
    public IEnumerable<KeyValuePair<string, int>> Seen => seen.Select(p => KeyValuePair.Create(Name(p.Key), p.Value));

    private static string Name((Operation Operation, int Status) answer) => $"{answer.Operation.Name} → {answer.Status}";

    /// <param name="endpoint">The endpoint routing chose (read before the pipeline ran: the exception handler clears it).</param>
    internal void Check(HttpContext context, Endpoint? endpoint)
    {
        // A request its client gave up on (a page's autosave cut short by a navigation) gets no answer: the 499 the server
        // logs for it is no part of the contract.
        if (context.RequestAborted.IsCancellationRequested) return;
        if (endpoint is null || operations.GetOrAdd(endpoint, Describe) is not { } operation) return;
        var answer = (operation, context.Response.StatusCode);
        if (seen.AddOrUpdate(answer, 1, (_, n) => n + 1) == 1 && !operation.Declared.Contains(answer.StatusCode))
            logger.LogWarning("Undeclared answer {Answer}: add it to the endpoint's declared results", Name(answer));
    }

    /// <summary>A handler of this service under /api/ that its document describes (minimal APIs carry their MethodInfo), or null.</summary>
    private static Operation? Describe(Endpoint endpoint)
    {
        if (endpoint is not RouteEndpoint { RoutePattern.RawText: { } route } || endpoint.Metadata.GetMetadata<System.Reflection.MethodInfo>() is null) return null;
        if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }) return null;
        if (!route.TrimStart('/').StartsWith("api/", StringComparison.Ordinal)) return null;
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
        return new Operation($"{string.Join('|', methods)} {route}",
            endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet());
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
