using SemaineIndustrie.Messaging.Bus;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Submission.Decisions;

namespace SemaineIndustrie.Submission;

/// <summary>Marks this service's assembly for test hosts (WebApplicationFactory).</summary>
public sealed class ServiceMarker;

public static class SubmissionServiceExtensions
{
    public static IHostApplicationBuilder AddSubmissionService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<SubmissionDbContext>();
        builder.AddServiceMessaging<SubmissionDbContext>("submission", bus =>
        {
            bus.AddConsumer<LabelGrantedConsumer>();
            bus.AddConsumer<LabelRefusedConsumer>();
            bus.AddConsumer<ChangesRequestedConsumer>();
        });
        return builder;
    }
}
