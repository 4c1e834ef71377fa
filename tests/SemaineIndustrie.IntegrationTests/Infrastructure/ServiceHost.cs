using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>
/// One service (or the gateway) hosted in the test process on a real Kestrel socket (127.0.0.1, any
/// free port), in the Development environment, with its settings given by the test.
/// </summary>
public sealed class ServiceHost<TMarker> : WebApplicationFactory<TMarker> where TMarker : class
{
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly string environment;
    private readonly Action<IServiceCollection>? testServices;

    /// <param name="testServices">Replaces services for tests only (e.g. a mail transport that fails on purpose).</param>
    public ServiceHost(IReadOnlyDictionary<string, string?> settings, string environment = "Development", int port = 0, Action<IServiceCollection>? testServices = null)
    {
        this.settings = settings;
        this.environment = environment;
        this.testServices = testServices;
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
    }

    /// <summary>What it was started with (a restart on the same address starts it with the same).</summary>
    public IReadOnlyDictionary<string, string?> Settings => settings;

    /// <summary>A free loopback port, for a host whose address another host must know before it starts.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (testServices is not null) builder.ConfigureTestServices(testServices);
    }

    /// <summary>Starts the host (migrations, bus, relay) and returns its base address.</summary>
    public Uri Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address + "/");
    }
}
