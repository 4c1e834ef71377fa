using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using SemaineIndustrie.Web.Api;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>A page whose API call met a rate limit or an unavailable service asks the person to retry; any other fault stays a fault.</summary>
public sealed class BusyPlatformTests
{
    private static async Task<(bool Handled, DefaultHttpContext Context, string Body)> HandleAsync(Exception exception, string path = "/mon-espace/dossiers")
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.QueryString = new QueryString("?q=<script>");
        var body = new MemoryStream();
        context.Response.Body = body;
        var handled = await new BusyPlatform(NullLogger<BusyPlatform>.Instance).TryHandleAsync(context, exception, CancellationToken.None);
        return (handled, context, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task An_api_refusing_for_load_becomes_a_retry_page_in_french(HttpStatusCode status)
    {
        var (handled, context, body) = await HandleAsync(new HttpRequestException("busy", null, status));
        Assert.True(handled);
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.Contains("Réessayez dans quelques secondes", body);
        Assert.Contains("href=\"/mon-espace/dossiers?q=&lt;script&gt;\"", body); // the address is escaped
    }

    [Fact]
    public async Task Any_other_fault_is_left_to_the_error_handler()
    {
        Assert.False((await HandleAsync(new HttpRequestException("boom", null, HttpStatusCode.InternalServerError))).Handled);
        Assert.False((await HandleAsync(new InvalidOperationException("bug"))).Handled);
    }
}
