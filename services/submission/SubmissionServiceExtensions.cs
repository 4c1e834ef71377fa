using SemaineIndustrie.Messaging.Bus;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Messaging.Reconciliation;
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
        builder.Services.AddSingleton<EditionCatalog>();
        builder.Services.Configure<SubmissionOptions>(builder.Configuration.GetSection("Submissions"));
        builder.Services.Configure<Pictures.PictureOptions>(builder.Configuration.GetSection("Pictures"));
        builder.AddServiceDatabase<SubmissionDbContext>();
        // The purges run at start: after the migrations (hosted services start in registration order).
        builder.Services.AddSingleton<IdempotencyKeyPurge>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IdempotencyKeyPurge>());
        builder.Services.AddSingleton<Pictures.PicturePurge>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Pictures.PicturePurge>());
        builder.AddServiceMessaging<SubmissionDbContext>("submission", bus =>
        {
            bus.AddConsumer<ReviewCaseOpenedConsumer>();
            bus.AddConsumer<LabelGrantedConsumer>();
            bus.AddConsumer<LabelRefusedConsumer>();
            bus.AddConsumer<ChangesRequestedConsumer>();
        });
        builder.Services.AddHostedService<EditionsLoader>(); // after the migrations: seeds an empty database, loads the editions before the service answers
        builder.Services.AddSingleton<Drafts.ReminderWakeUp>();
        builder.Services.AddSingleton<Drafts.SubmissionReminders>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Drafts.SubmissionReminders>());
        builder.Services.Configure<Reconciliation.ReconciliationOptions>(builder.Configuration.GetSection(Reconciliation.ReconciliationOptions.Section));
        builder.Services.AddScoped<Reconciliation.HeldSubmissions>();
        builder.Services.AddScoped<IHeldSubmissions>(services => services.GetRequiredService<Reconciliation.HeldSubmissions>());
        builder.Services.AddScoped<Reconciliation.Reconciler>();
        builder.Services.AddHttpClient(Reconciliation.Reconciler.Client, client => client.Timeout = TimeSpan.FromMinutes(2));
        return builder;
    }
}
