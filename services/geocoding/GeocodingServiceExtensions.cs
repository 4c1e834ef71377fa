using SemaineIndustrie.Geocoding.Locating;
using SemaineIndustrie.Geocoding.Providers;
using SemaineIndustrie.Messaging.Bus;
using SemaineIndustrie.Messaging.Database;

namespace SemaineIndustrie.Geocoding;

/// <summary>Marks this service's assembly for test hosts (WebApplicationFactory).</summary>
public sealed class ServiceMarker;

public static class GeocodingServiceExtensions
{
    public static IHostApplicationBuilder AddGeocodingService(this IHostApplicationBuilder builder)
    {
        builder.AddGeocodingProviders();
        builder.AddServiceDatabase<GeocodingDbContext>();
        builder.Services.AddScoped<SemaineIndustrie.Messaging.Reconciliation.IHeldSubmissions, Reconciliation.HeldLocations>();
        builder.AddServiceMessaging<GeocodingDbContext>("geocoding", bus =>
        {
            bus.AddConsumer<LocateReceivedSubmissionConsumer>();
            bus.AddConsumer<LocateRevisedSubmissionConsumer>();
        });
        return builder;
    }
}
