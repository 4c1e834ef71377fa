using SemaineIndustrie.Geocoding;
using SemaineIndustrie.Messaging.Redrive;
using SemaineIndustrie.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("geocoding");
builder.AddGeocodingService();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapErrorQueueRedrive();
app.Run();
