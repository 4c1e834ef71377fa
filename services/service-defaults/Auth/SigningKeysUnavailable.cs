using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace SemaineIndustrie.ServiceDefaults.Auth;

/// <summary>
/// A process that has not read the identity service's discovery document and keys yet (it started while identity was
/// down, as after a full restore where every process starts at once) cannot tell a valid token from a forged one: the
/// token handler then fails on the issuer ("The issuer '…' is invalid"), and a 401 would tell the client its token is
/// bad. The truth is "not yet": a bearer token that arrives before the keys is not judged, and where the endpoint needs a
/// person the answer is 503 with Retry-After, as problem+json, with no challenge. Once the keys are loaded the configuration
/// manager keeps them (last known good) even while identity is down, so this answer is only ever given before the first load.
/// </summary>
internal sealed partial class SigningKeysUnavailable : JwtBearerEvents
{
    private static readonly object Marker = new();
    public const int RetryAfterSeconds = 2;
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Before the token is validated, not after it failed: checked after a failure, keys loaded in between turned a
    /// valid token's failure into a 401 (measured once in the full-restore drill). Free once loaded: the warm-up's flag,
    /// read before anything else, ends it for every request after the first load.
    /// </summary>
    public override async Task MessageReceived(MessageReceivedContext context)
    {
        if (context.HttpContext.RequestServices.GetRequiredService<SigningKeysWarmUp>().Loaded) return;
        if (context.Options.ConfigurationManager is not { } manager) return;
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;
        var aborted = context.HttpContext.RequestAborted;
        // At most a moment: while identity is slow to answer, every request would otherwise queue behind the one fetch in flight.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        wait.CancelAfter(CheckTimeout);
        try
        {
            await manager.GetConfigurationAsync(wait.Token);
        }
        catch (Exception ex) when (!aborted.IsCancellationRequested)
        {
            context.HttpContext.Items[Marker] = true;
            context.NoResult(); // not judged: anonymous, and challenged below where the endpoint needs a person
            LogUnavailable(context.HttpContext.RequestServices.GetRequiredService<ILogger<SigningKeysUnavailable>>(), ex.Message);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            context.NoResult(); // the caller left: nothing to answer
        }
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        if (!context.HttpContext.Items.ContainsKey(Marker)) return;
        context.HandleResponse(); // no WWW-Authenticate: the token was not judged
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        // The request's body is left unread: the connection is not reused. Measured in the full-restore drill: kept alive,
        // such connections made Kestrel read "Invalid request line: ''" and answer the gateway's next request 400.
        response.Headers.Connection = "close";
        response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Tokens cannot be checked yet",
                Detail = "This service has not loaded the identity service's signing keys yet. Try again in a moment with the same token.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A token could not be checked, the signing keys are not loaded (answered 503): {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
