using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.LabellingReview.Claiming;
using SemaineIndustrie.Messaging.Bus;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Messaging.People;

namespace SemaineIndustrie.LabellingReview;

/// <summary>Marks this service's assembly for test hosts (WebApplicationFactory).</summary>
public sealed class ServiceMarker;

public static class LabellingReviewServiceExtensions
{
    /// <summary>The bus's queue prefix, and how this service names itself to identity (people resync).</summary>
    public const string ServiceName = "review";

    public static IHostApplicationBuilder AddLabellingReviewService(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ReviewOptions>(builder.Configuration.GetSection("Review"));
        builder.AddServiceDatabase<ReviewDbContext>();
        builder.Services.AddHostedService<Search.CaseSearchBackfill>(); // after the migrations (registered by AddServiceDatabase)
        builder.Services.AddScoped<SemaineIndustrie.Messaging.Reconciliation.IHeldSubmissions, Reconciliation.HeldCases>();
        builder.AddServiceMessaging<ReviewDbContext>(ServiceName, bus =>
        {
            bus.AddConsumer<OpenCaseConsumer>();
            bus.AddConsumer<ReviseCaseConsumer>();
            bus.AddConsumer<Pictures.CasePictureConsumer>();
            bus.AddConsumer<CloseCaseConsumer>();
            bus.AddConsumer<VenueLocatedConsumer>();
            bus.AddConsumer<VenueUnlocatedConsumer>();
            bus.AddConsumer<Editions.EditionPublishedConsumer>();
            bus.AddConsumer<Editions.EditionRemovedConsumer>();
            bus.AddConsumer<Reviewers.PersonChangedConsumer>();
            bus.AddConsumer<Reviewers.PeopleResyncStartedConsumer>();
        });
        builder.Services.AddPeopleResync<ReviewDbContext>(ServiceName);
        builder.Services.AddSingleton<Sharing.Escalations>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Sharing.Escalations>());
        return builder;
    }
}
