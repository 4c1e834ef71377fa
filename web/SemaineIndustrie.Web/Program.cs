using SemaineIndustrie.ServiceDefaults;
using SemaineIndustrie.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("web", platformTokens: false); // pages: no bearer tokens (sign-in comes with the organiser space)
builder.AddWebFrontEnd();

var app = builder.Build();
app.UseServiceDefaults();
app.UseWebFrontEnd();
app.MapDefaultEndpoints();
app.MapWebFrontEnd();
app.Run();
