using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity;
using SemaineIndustrie.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("identity", platformTokens: false);
builder.AddIdentityService();

var app = builder.Build();
app.UseServiceDefaults(beforeAuthentication: web =>
{
    web.UseRequestLocalization();
    web.UseCredentialLimits();
});
app.MapDefaultEndpoints();
app.MapIdentityService();
app.Run();
