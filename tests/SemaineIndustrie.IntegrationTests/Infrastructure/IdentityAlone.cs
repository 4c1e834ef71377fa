namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>One identity service on its own database (no other service), with settings a test chooses: for limits and outages.</summary>
public sealed class IdentityAlone : IAsyncDisposable
{
    private readonly IsolatedInfrastructure infra = new();
    private ServiceHost<SemaineIndustrie.Identity.ServiceMarker>? host;

    public Uri Address { get; private set; } = null!;

    public static async Task<IdentityAlone> StartAsync(IReadOnlyDictionary<string, string?> overrides)
    {
        var alone = new IdentityAlone();
        await alone.infra.InitializeAsync();
        alone.host = new ServiceHost<SemaineIndustrie.Identity.ServiceMarker>(await IdentityHostSettings.ForAsync(alone.infra, "identity", overrides));
        alone.Address = alone.host.Start();
        return alone;
    }

    /// <summary>Reads the service's own database (what its API does not show, like its outbox).</summary>
    public async Task<T> QueryAsync<TDb, T>(Func<TDb, Task<T>> query) where TDb : notnull
    {
        await using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(host!.Services);
        return await query(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<TDb>(scope.ServiceProvider));
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null) await host.DisposeAsync();
        await infra.DisposeAsync();
    }
}
