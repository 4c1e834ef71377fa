using SemaineIndustrie.Messaging.Bus;
using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class BrokerAddressTests
{
    [Fact]
    public void One_node_keeps_the_uri_as_it_was_given()
    {
        var address = BrokerAddress.Parse("amqp://si_admin:secret@127.0.0.1:56720/");

        Assert.False(address.IsCluster);
        Assert.Equal(new Uri("amqp://si_admin:secret@127.0.0.1:56720/"), address.Uri);
        Assert.Equal([new BrokerNode("127.0.0.1", 56720)], address.Nodes);
    }

    [Fact]
    public void Every_node_of_a_cluster_is_listed_in_order_and_the_first_one_makes_the_uri()
    {
        var address = BrokerAddress.Parse("amqp://user:p%40ss@rabbit-0.broker:5672,rabbit-1.broker,rabbit-2.broker:5673/semaine");

        Assert.True(address.IsCluster);
        Assert.Equal([new BrokerNode("rabbit-0.broker", 5672), new BrokerNode("rabbit-1.broker", 5672), new BrokerNode("rabbit-2.broker", 5673)], address.Nodes);
        Assert.Equal("rabbit-0.broker", address.Uri.Host);
        Assert.Equal("/semaine", address.Uri.AbsolutePath);
        Assert.Equal("user:p%40ss", address.Uri.UserInfo);
    }

    [Fact]
    public void Amqps_nodes_default_to_the_tls_port()
    {
        var address = BrokerAddress.Parse("amqps://u:p@a,b/");
        Assert.Equal([new BrokerNode("a", 5671), new BrokerNode("b", 5671)], address.Nodes);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5672/")]
    [InlineData("127.0.0.1:5672")]
    [InlineData("amqp://u:p@/")]
    [InlineData("amqp://u:p@host:notaport/")]
    [InlineData("amqp://u:p@host:70000/")]
    public void What_is_not_an_amqp_address_is_refused(string value) =>
        Assert.Throws<FormatException>(() => BrokerAddress.Parse(value));
}
