using SemaineIndustrie.Messaging.Reconciliation;
using SemaineIndustrie.Geocoding;
using SemaineIndustrie.Geocoding.Corrections;
using SemaineIndustrie.Messaging.Redrive;
using SemaineIndustrie.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("geocoding");
builder.AddGeocodingService();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCorrectionsApi();
app.MapErrorQueueRedrive();
app.MapReconciliation();
app.Run();
