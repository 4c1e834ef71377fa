using Yarp.ReverseProxy.Forwarder;

namespace SemaineIndustrie.Gateway.Edge;

/// <summary>
/// A destination that dies while the gateway sends it a request body (a replica killed, restarted, scaled in)
/// must not look like the client's fault. YARP reports it as <see cref="ForwarderError.RequestBodyClient"/> (400)
/// when HttpClient, having lost its pooled connection, tries to send the already-consumed body again. If the client
/// is still there, it is the destination that failed: 502, which clients retry (with their Idempotency-Key),
/// rather than 400, which they must not. Measured by the fault suite (bench/chaos): killing replicas turned 4 of
/// 2,000 submissions into 400s.
/// </summary>
public static class DestinationFailures
{
    public static async Task AsBadGateway(HttpContext context, Func<Task> next)
    {
        await next();
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested) return;
        if (context.GetForwarderErrorFeature() is { Error: ForwarderError.RequestBodyClient or ForwarderError.RequestBodyCanceled })
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
        }
    }
}
