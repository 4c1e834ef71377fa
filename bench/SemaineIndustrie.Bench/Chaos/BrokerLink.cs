using System.Net;
using System.Net.Sockets;

namespace SemaineIndustrie.Bench.Chaos;

/// <summary>
/// The network between the services and the broker, on one machine: a TCP relay per broker node
/// (listen port → node port). deploy/cluster.sh points every service at these ports, so the fault suite can
/// cut that network by freezing this process (SIGSTOP): connections stay open, bytes stop flowing in both
/// directions — as a partition does — until SIGCONT.
/// </summary>
public static class BrokerLink
{
    public static async Task RunAsync(IEnumerable<string> routes, CancellationToken ct)
    {
        var relays = routes.Select(r => r.Split('=')).Select(p => RelayAsync(int.Parse(p[0]), int.Parse(p[1]), ct)).ToList();
        Console.WriteLine($"[link] relaying {string.Join(", ", routes)}");
        await Task.WhenAll(relays);
    }

    private static async Task RelayAsync(int listenPort, int targetPort, CancellationToken ct)
    {
        var listener = new TcpListener(IPAddress.Loopback, listenPort);
        listener.Start(512);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(ct);
                _ = PipeAsync(client, targetPort, ct);
            }
        }
        catch (OperationCanceledException) { }
        finally { listener.Stop(); }
    }

    private static async Task PipeAsync(TcpClient client, int targetPort, CancellationToken ct)
    {
        using (client)
        using (var server = new TcpClient())
        {
            client.NoDelay = server.NoDelay = true;
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, targetPort, ct);
            }
            catch (SocketException)
            {
                return; // the node is down: the client sees its connection closed, as it would
            }
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var up = CopyAsync(client.GetStream(), server.GetStream(), both.Token);
            var down = CopyAsync(server.GetStream(), client.GetStream(), both.Token);
            await Task.WhenAny(up, down);
            await both.CancelAsync(); // one side closed: close the other
        }
    }

    private static async Task CopyAsync(NetworkStream from, NetworkStream to, CancellationToken ct)
    {
        try { await from.CopyToAsync(to, 64 * 1024, ct); }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
    }
}
