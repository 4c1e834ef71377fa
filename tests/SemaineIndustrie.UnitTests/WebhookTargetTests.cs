using System.Net;
using System.Net.Sockets;
using SemaineIndustrie.Notification.Webhooks;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>Webhooks reach the public internet only: the address rules, and what a failure stores.</summary>
public sealed class WebhookTargetTests
{
    [Theory]
    [InlineData("127.0.0.1")] [InlineData("127.9.9.9")] [InlineData("::1")] [InlineData("0.0.0.0")] [InlineData("::")]
    [InlineData("10.1.2.3")] [InlineData("172.16.0.1")] [InlineData("172.31.255.255")] [InlineData("192.168.0.1")]
    [InlineData("169.254.169.254")] [InlineData("100.64.0.1")] [InlineData("100.127.255.255")] [InlineData("224.0.0.1")] [InlineData("255.255.255.255")]
    [InlineData("fe80::1")] [InlineData("fd00::1")] [InlineData("fc00::1")] [InlineData("ff02::1")] [InlineData("::ffff:10.0.0.1")] [InlineData("::ffff:127.0.0.1")]
    public void Loopback_private_link_local_shared_and_multicast_addresses_are_not_public(string address) =>
        Assert.False(WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")] [InlineData("172.32.0.1")] [InlineData("100.128.0.1")] [InlineData("2a01:cb00::1")] [InlineData("::ffff:93.184.216.34")]
    public void Internet_addresses_are_public(string address) => Assert.True(WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void Loopback_is_allowed_only_where_the_tests_allow_it_and_private_networks_never()
    {
        Assert.False(WebhookTargets.IsAllowed(IPAddress.Loopback, allowLoopback: false));
        Assert.True(WebhookTargets.IsAllowed(IPAddress.Loopback, allowLoopback: true));
        Assert.False(WebhookTargets.IsAllowed(IPAddress.Parse("10.0.0.1"), allowLoopback: true));
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_at_subscription()
    {
        Assert.NotNull(await WebhookTargets.RefusalAsync(new Uri("https://localhost/hook"), allowLoopback: false, CancellationToken.None));
        Assert.Null(await WebhookTargets.RefusalAsync(new Uri("https://localhost/hook"), allowLoopback: true, CancellationToken.None));
    }

    [Fact]
    public void A_stored_failure_names_a_category_never_a_host()
    {
        var error = WebhookTargets.Describe(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (billing.internal:443)",
            new SocketException((int)SocketError.HostNotFound)));
        Assert.Equal("Name resolution failed", error);
        Assert.Equal("Request failed", WebhookTargets.Describe(new InvalidOperationException("postgres.internal:5432 said no")));
    }
}
