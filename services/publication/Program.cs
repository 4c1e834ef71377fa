using SemaineIndustrie.Messaging.Reconciliation;
using SemaineIndustrie.Messaging.Redrive;
using SemaineIndustrie.Publication;
using SemaineIndustrie.Publication.Catalogue;
using SemaineIndustrie.Publication.OpenData;
using SemaineIndustrie.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("publication");
builder.AddPublicationService();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCatalogueApi();
app.MapOpenDataApi();
app.MapErrorQueueRedrive();
app.MapReconciliation();
app.Run();
