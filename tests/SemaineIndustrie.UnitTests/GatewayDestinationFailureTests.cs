using Microsoft.AspNetCore.Http;
using SemaineIndustrie.Gateway.Edge;
using Xunit;
using Yarp.ReverseProxy.Forwarder;

namespace SemaineIndustrie.UnitTests;

public sealed class GatewayDestinationFailureTests
{
    private sealed class ForwarderErrorFeature(ForwarderError error) : IForwarderErrorFeature
    {
        public ForwarderError Error => error;
        public Exception? Exception => new InvalidOperationException("The stream was already consumed. It cannot be read again.");
    }

    private static async Task<int> StatusAfterProxyAsync(ForwarderError? error, int proxyStatus, bool clientGone = false)
    {
        var context = new DefaultHttpContext();
        using var aborted = new CancellationTokenSource();
        context.RequestAborted = aborted.Token;
        if (clientGone) await aborted.CancelAsync();
        await DestinationFailures.AsBadGateway(context, () =>
        {
            context.Response.StatusCode = proxyStatus;
            if (error is { } e) context.Features.Set<IForwarderErrorFeature>(new ForwarderErrorFeature(e));
            return Task.CompletedTask;
        });
        return context.Response.StatusCode;
    }

    [Fact]
    public async Task A_body_the_destination_could_not_take_while_the_client_is_still_there_is_a_bad_gateway_not_a_bad_request() =>
        Assert.Equal(502, await StatusAfterProxyAsync(ForwarderError.RequestBodyClient, 400));

    [Fact]
    public async Task A_client_that_went_away_keeps_its_status_and_other_answers_are_untouched()
    {
        Assert.Equal(400, await StatusAfterProxyAsync(ForwarderError.RequestBodyClient, 400, clientGone: true));
        Assert.Equal(400, await StatusAfterProxyAsync(null, 400)); // the service's own 400
        Assert.Equal(502, await StatusAfterProxyAsync(ForwarderError.Request, 502));
        Assert.Equal(201, await StatusAfterProxyAsync(null, 201));
    }
}
