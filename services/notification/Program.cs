using SemaineIndustrie.Messaging.Reconciliation;
using SemaineIndustrie.Messaging.Redrive;
using SemaineIndustrie.Notification;
using SemaineIndustrie.Notification.Deliveries;
using SemaineIndustrie.Notification.Unsubscribe;
using SemaineIndustrie.Notification.Webhooks;
using SemaineIndustrie.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("notification");
builder.AddNotificationService();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapUnsubscribe();
app.MapDeliveriesApi();
app.MapPreferencesApi();
app.MapWebhooksApi();
app.MapErrorQueueRedrive();
app.MapReconciliation();
app.Run();
