using SemaineIndustrie.ServiceDefaults.Work;
using Microsoft.Extensions.Options;
using Polly;
using SemaineIndustrie.Messaging.Bus;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Messaging.People;
using SemaineIndustrie.Notification.Committees;
using SemaineIndustrie.Notification.Deliveries;
using SemaineIndustrie.Notification.Organisers;
using SemaineIndustrie.Notification.Recipients;
using SemaineIndustrie.Notification.Unsubscribe;
using SemaineIndustrie.Notification.Webhooks;
using SemaineIndustrie.ServiceDefaults.Mail;

namespace SemaineIndustrie.Notification;

/// <summary>Marks this service's assembly for test hosts (WebApplicationFactory).</summary>
public sealed class ServiceMarker;

public static class NotificationServiceExtensions
{
    /// <summary>The bus's queue prefix, and how this service names itself to identity (people resync).</summary>
    public const string ServiceName = "notification";

    public static IHostApplicationBuilder AddNotificationService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationOptions>().Bind(builder.Configuration.GetSection(NotificationOptions.Section))
            .Validate(o => o.PublicBaseUrl is { IsAbsoluteUri: true }, "Notification:PublicBaseUrl must be the public site's absolute address.")
            .Validate(o => o.MaxAttempts >= 1, "Notification:MaxAttempts must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddSmtpMail(builder.Configuration);
        builder.AddServiceDatabase<NotificationDbContext>();
        builder.Services.AddScoped<SemaineIndustrie.Messaging.Reconciliation.IHeldSubmissions, Reconciliation.HeldNotices>();
        builder.AddServiceMessaging<NotificationDbContext>(ServiceName, bus =>
        {
            bus.AddConsumer<SubmissionReceivedNotice>();
            bus.AddConsumer<SubmissionRevisedNotice>();
            bus.AddConsumer<InReviewNotice>();
            bus.AddConsumer<LabelledNotice>();
            bus.AddConsumer<RefusedNotice>();
            bus.AddConsumer<ChangesRequestedNotice>();
            bus.AddConsumer<WithdrawnNotice>();
            bus.AddConsumer<ReminderNotice>();
            bus.AddConsumer<Conversations.ConversationNotice>();
            bus.AddConsumer<CommitteeCaseOpened>();
            bus.AddConsumer<CommitteeCaseLabelled>();
            bus.AddConsumer<CommitteeCaseRefused>();
            bus.AddConsumer<CommitteeCaseChangesRequested>();
            bus.AddConsumer<CommitteeCaseWithdrawn>();
            bus.AddConsumer<CaseAssignedNotice>();
            bus.AddConsumer<CaseEscalatedNotice>();
            bus.AddConsumer<PublishedWebhooks>();
            bus.AddConsumer<UnpublishedWebhooks>();
            bus.AddConsumer<PersonChangedConsumer>();
            bus.AddConsumer<PeopleResyncStartedConsumer>();
            bus.AddConsumer<Editions.EditionPublishedConsumer>();
            bus.AddConsumer<Editions.EditionRemovedConsumer>();
        });

        builder.Services.AddScoped<People>();
        builder.Services.AddPeopleResync<NotificationDbContext>(ServiceName);
        builder.Services.AddSingleton<MailTemplates>();
        builder.Services.AddSingleton<UnsubscribeLinks>();
        builder.Services.AddSingleton<WebhookSecrets>();
        builder.Services.AddSingleton<DeliveryWakeUp>();
        builder.Services.AddSingleton<IMailTransport, SmtpMailTransport>();
        builder.Services.AddScoped<Notices>();
        builder.Services.AddScoped<OrganiserNotifier>();
        builder.Services.AddSingleton<DeliverySender>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DeliverySender>());
        // Partners: a timeout per call and nothing else (the sender retries, over hours); no redirects followed.
        builder.Services.AddHttpClient(WebhookSender.Client)
            .ConfigurePrimaryHttpMessageHandler(services =>
            {
                var allowLoopback = services.GetRequiredService<IOptions<NotificationOptions>>().Value.Webhooks.AllowLoopbackHttp;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = (context, ct) => WebhookTargets.ConnectAsync(context, allowLoopback, ct), // public addresses only, at each connection
                };
            })
            .AddResilienceHandler("partner-timeout", (pipeline, context) =>
                pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<NotificationOptions>>().Value.Webhooks.Timeout));
        builder.Services.AddSingleton<WebhookWakeUp>();
        builder.Services.AddHostedService<WebhookSender>();
        builder.Services.Configure<Conversations.ConversationOptions>(builder.Configuration.GetSection("Notification:Conversations"));
        builder.Services.AddSingleton<Conversations.ConversationMails>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Conversations.ConversationMails>());
        builder.Services.AddSingleton<CommitteeDigests>();
        builder.Services.AddHostedService<CommitteeDigestScheduler>();
        return builder;
    }
}
