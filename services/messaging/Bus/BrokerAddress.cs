using RabbitMQ.Client;

namespace SemaineIndustrie.Messaging.Bus;

/// <summary>
/// The broker's address as services are given it: an amqp:// URI whose authority may list every node of a
/// RabbitMQ cluster — <c>amqp://user:pass@node-1:5672,node-2:5672,node-3:5672/vhost</c>. Clients connect to
/// the first node that answers, in the order given, and move to the next one when it fails.
/// </summary>
public sealed record BrokerAddress(Uri Uri, IReadOnlyList<BrokerNode> Nodes)
{
    public static BrokerAddress Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) throw new FormatException("The broker address must be an amqp:// or amqps:// URI.");
        var scheme = value[..schemeEnd];
        if (scheme is not ("amqp" or "amqps")) throw new FormatException($"'{scheme}' is not an AMQP scheme (amqp or amqps).");

        var rest = value[(schemeEnd + 3)..];
        var pathStart = rest.IndexOf('/');
        var authority = pathStart < 0 ? rest : rest[..pathStart];
        var path = pathStart < 0 ? "/" : rest[pathStart..];
        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? "" : authority[..(at + 1)];
        var hosts = (at < 0 ? authority : authority[(at + 1)..]).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (hosts.Length == 0) throw new FormatException("The broker address names no host.");

        var defaultPort = scheme == "amqps" ? 5671 : 5672;
        var nodes = hosts.Select(h => BrokerNode.Parse(h, defaultPort)).ToList();
        var uri = new Uri($"{scheme}://{userInfo}{nodes[0]}{path}");
        return new BrokerAddress(uri, nodes);
    }

    public bool IsCluster => Nodes.Count > 1;

    /// <summary>A plain RabbitMQ.Client connection (outside MassTransit) to the first node that answers.</summary>
    public async Task<IConnection> ConnectAsync(string clientName, CancellationToken cancellationToken) =>
        await new ConnectionFactory { Uri = Uri, ClientProvidedName = clientName }
            .CreateConnectionAsync(Nodes.Select(n => new AmqpTcpEndpoint(n.Host, n.Port, Uri.Scheme == "amqps" ? new SslOption(n.Host, enabled: true) : new SslOption())).ToList(), cancellationToken);
}

public sealed record BrokerNode(string Host, int Port)
{
    public static BrokerNode Parse(string value, int defaultPort)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0 || value.EndsWith(']')) return new BrokerNode(value, defaultPort);
        return int.TryParse(value[(colon + 1)..], out var port) && port is > 0 and < 65536
            ? new BrokerNode(value[..colon], port)
            : throw new FormatException($"'{value}' is not host:port.");
    }

    public override string ToString() => $"{Host}:{Port}";
}
