using SemaineIndustrie.Messaging.Bus;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Submission.Decisions;
using SemaineIndustrie.Submission.Editions;
using SemaineIndustrie.Submission.Submissions;

namespace SemaineIndustrie.Submission;

/// <summary>Marks this service's assembly for test hosts (WebApplicationFactory).</summary>
public sealed class ServiceMarker;

public static class SubmissionServiceExtensions
{
    public static IHostApplicationBuilder AddSubmissionService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<List<Edition>>()
            .Bind(builder.Configuration.GetSection("Editions"))
            .Validate(editions => { EditionCatalog.Validate(editions); return editions.Count > 0; }, "At least one edition must be configured (section Editions).")
            .ValidateOnStart();
        builder.Services.AddSingleton<EditionCatalog>();
        builder.Services.Configure<SubmissionOptions>(builder.Configuration.GetSection("Submissions"));
        builder.Services.AddSingleton<IdempotencyKeyPurge>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IdempotencyKeyPurge>());
        builder.AddServiceDatabase<SubmissionDbContext>();
        builder.AddServiceMessaging<SubmissionDbContext>("submission", bus =>
        {
            bus.AddConsumer<ReviewCaseOpenedConsumer>();
            bus.AddConsumer<LabelGrantedConsumer>();
            bus.AddConsumer<LabelRefusedConsumer>();
            bus.AddConsumer<ChangesRequestedConsumer>();
        });
        return builder;
    }
}
