using SemaineIndustrie.Messaging.Bus;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Publication.Catalogue;

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
        builder.AddServiceDatabase<PublicationDbContext>();
        builder.AddServiceMessaging<PublicationDbContext>("publication", bus =>
        {
            bus.AddConsumer<SubmissionContentConsumer>();
            bus.AddConsumer<RevisedContentConsumer>();
            bus.AddConsumer<PictureConsumer>();
            bus.AddConsumer<LocationConsumer>();
            bus.AddConsumer<UnlocatedConsumer>();
            bus.AddConsumer<LabelConsumer>();
            bus.AddConsumer<RefusalConsumer>();
            bus.AddConsumer<ChangesRequestedConsumer>();
            bus.AddConsumer<WithdrawalConsumer>();
        });
        return builder;
    }
}
