using SemaineIndustrie.ServiceDefaults;
using SemaineIndustrie.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("web");
builder.AddWebFrontEnd();

var app = builder.Build();
app.UseServiceDefaults();
app.UseWebFrontEnd();
app.MapDefaultEndpoints();
app.MapWebFrontEnd();
app.Run();
