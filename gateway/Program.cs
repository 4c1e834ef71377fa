using SemaineIndustrie.Gateway;
using SemaineIndustrie.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapDevelopmentTokens();
app.MapReverseProxy();
app.Run();
