using SemaineIndustrie.Gateway;
using SemaineIndustrie.Gateway.Docs;
using SemaineIndustrie.Gateway.Edge;
using SemaineIndustrie.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.AddEdgeProtection();
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.UseServiceDefaults(front: app => app.UseCachedAnswers()); // what the output cache answered, answered again before anything else
app.UseEdgeProtection();
app.MapDefaultEndpoints();
app.MapApiDocumentationUi();
// An /api (or /dev) address no route serves is a 404 problem+json, not a page of the web front-end's catch-all route.
app.Map("/api/{**rest}", () => Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
app.Map("/dev/{**rest}", () => Results.NotFound()).AllowAnonymous();
app.MapReverseProxy(proxy =>
{
    proxy.Use(DestinationFailures.AsBadGateway);
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});
app.Run();
