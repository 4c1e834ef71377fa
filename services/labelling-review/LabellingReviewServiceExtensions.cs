using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.LabellingReview.Claiming;
using SemaineIndustrie.Messaging.Bus;
using SemaineIndustrie.Messaging.Database;

namespace SemaineIndustrie.LabellingReview;

/// <summary>Marks this service's assembly for test hosts (WebApplicationFactory).</summary>
public sealed class ServiceMarker;

public static class LabellingReviewServiceExtensions
{
    public static IHostApplicationBuilder AddLabellingReviewService(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ReviewOptions>(builder.Configuration.GetSection("Review"));
        builder.AddServiceDatabase<ReviewDbContext>();
        builder.Services.AddHostedService<Search.CaseSearchBackfill>(); // after the migrations (registered by AddServiceDatabase)
        builder.AddServiceMessaging<ReviewDbContext>("review", bus =>
        {
            bus.AddConsumer<OpenCaseConsumer>();
            bus.AddConsumer<ReviseCaseConsumer>();
            bus.AddConsumer<Pictures.CasePictureConsumer>();
            bus.AddConsumer<CloseCaseConsumer>();
            bus.AddConsumer<VenueLocatedConsumer>();
            bus.AddConsumer<VenueUnlocatedConsumer>();
            bus.AddConsumer<Editions.EditionPublishedConsumer>();
            bus.AddConsumer<Editions.EditionRemovedConsumer>();
        });
        return builder;
    }
}
