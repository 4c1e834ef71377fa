using SemaineIndustrie.Gateway;
using SemaineIndustrie.Gateway.Docs;
using SemaineIndustrie.Gateway.Edge;
using SemaineIndustrie.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.AddEdgeProtection();
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.UseServiceDefaults();
app.UseEdgeProtection();
app.MapDefaultEndpoints();
app.MapDevelopmentTokens();
app.MapApiDocumentationUi();
app.MapReverseProxy();
app.Run();
