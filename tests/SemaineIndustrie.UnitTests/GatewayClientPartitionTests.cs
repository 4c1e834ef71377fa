using System.Net;
using SemaineIndustrie.Gateway.Edge;
using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class GatewayClientPartitionTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void Ipv6_clients_are_counted_by_their_64_and_ipv4_by_address(string address, string partition) =>
        Assert.Equal(partition, ClientPartition.Network(IPAddress.Parse(address)));
}
