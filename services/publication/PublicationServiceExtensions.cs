using SemaineIndustrie.Messaging.Bus;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Publication.Catalogue;
using SemaineIndustrie.Publication.OpenData;

namespace SemaineIndustrie.Publication;

/// <summary>Marks this service's assembly for test hosts (WebApplicationFactory).</summary>
public sealed class ServiceMarker;

public static class PublicationServiceExtensions
{
    public static IHostApplicationBuilder AddPublicationService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogueOptions>().Bind(builder.Configuration.GetSection(CatalogueOptions.Section))
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http", "Catalogue:PublicBaseUrl must be an absolute http(s) address.")
            .ValidateOnStart();
        builder.Services.AddOptions<OpenDataOptions>().Bind(builder.Configuration.GetSection(OpenDataOptions.Section))
            .Validate(o => o.CheckInterval > TimeSpan.Zero, "OpenData:CheckInterval must be positive.").ValidateOnStart();
        builder.AddServiceDatabase<PublicationDbContext>();
        // After the database: the job's first run reads it at start.
        builder.Services.AddSingleton<DailyOpenData>();
        builder.Services.AddSingleton<MapClustersApi.ClusterCache>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DailyOpenData>());
        builder.Services.AddScoped<SemaineIndustrie.Messaging.Reconciliation.IHeldSubmissions, Reconciliation.HeldFacts>();
        builder.AddServiceMessaging<PublicationDbContext>("publication", bus =>
        {
            bus.AddConsumer<PictureConsumer>();
            bus.AddConsumer<LocationConsumer>();
            bus.AddConsumer<UnlocatedConsumer>();
            bus.AddConsumer<LabelConsumer>();
            bus.AddConsumer<RefusalConsumer>();
            bus.AddConsumer<ChangesRequestedConsumer>();
            bus.AddConsumer<WithdrawalConsumer>();
        }, retiredQueues: ["publication-submission-content", "publication-revised-content"]); // content now comes with the venue's location
        return builder;
    }
}
