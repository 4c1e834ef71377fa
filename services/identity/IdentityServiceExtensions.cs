using SemaineIndustrie.ServiceDefaults.Web;
using SemaineIndustrie.ServiceDefaults.Mail;
using Microsoft.AspNetCore.DataProtection;
using SemaineIndustrie.ServiceDefaults.Security;
using Microsoft.AspNetCore.Identity;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Committees;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.Identity.External;
using SemaineIndustrie.Identity.Mail;
using SemaineIndustrie.Identity.Organisations;
using SemaineIndustrie.Identity.People;
using MassTransit;
using SemaineIndustrie.Messaging.Bus;
using SemaineIndustrie.Identity.Tokens;
using SemaineIndustrie.Messaging.Database;

namespace SemaineIndustrie.Identity;

/// <summary>Marks this service's assembly for test hosts (WebApplicationFactory).</summary>
public sealed class ServiceMarker;

public static class IdentityServiceExtensions
{
    public static IHostApplicationBuilder AddIdentityService(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PlatformIdentityOptions.Section).Get<PlatformIdentityOptions>() ?? new PlatformIdentityOptions();
        builder.Services.Configure<PlatformIdentityOptions>(builder.Configuration.GetSection(PlatformIdentityOptions.Section));
        builder.Services.AddSmtpMail(builder.Configuration);

        builder.AddServiceDatabase<PlatformIdentityDbContext>();
        // Identity announces people (PersonChanged) through its outbox, and everybody again when a service asks. The front
        // door does not depend on the broker: it starts without waiting for it and stays ready while it is down (its
        // announcements wait in the outbox), unlike the services whose work is messages.
        builder.AddServiceMessaging<PlatformIdentityDbContext>("identity", bus =>
        {
            bus.AddConsumer<PeopleResyncConsumer>();
            bus.ConfigureHealthCheckOptions(health => health.Tags.Add("masstransit")); // not "ready"
        });
        builder.Services.Configure<MassTransitHostOptions>(host => host.WaitUntilStarted = false);
        // The key ring that protects cookies, antiforgery tokens and reset links lives in the database: every
        // replica reads the same keys and a restart does not sign everybody out — encrypted: a database backup alone forges nothing.
        builder.Services.AddDataProtection().SetApplicationName("semaine-industrie-identity").PersistKeysToDbContext<PlatformIdentityDbContext>()
            .ProtectKeysAtRest(builder.Configuration, builder.Environment);

        builder.Services.AddIdentity<PlatformUser, IdentityRole>(identity =>
            {
                // ANSSI/NIST: length over composition rules; 4 distinct characters refuse "aaaaaaaaaaaa".
                identity.Password.RequiredLength = 12;
                identity.Password.RequiredUniqueChars = 4;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
                identity.User.RequireUniqueEmail = true;
                identity.SignIn.RequireConfirmedEmail = true;
                identity.ClaimsIdentity.UserIdClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Subject;
                identity.ClaimsIdentity.UserNameClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Name;
                identity.ClaimsIdentity.RoleClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Role;
            })
            .AddEntityFrameworkStores<PlatformIdentityDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = options.EmailLinkLifetime);
        // Secure cookies with the __Host- prefix everywhere but Development, whose local runs and tests speak plain HTTP.
        var development = builder.Environment.IsDevelopment();
        var cookiePrefix = development ? "" : "__Host-";
        var secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/compte/connexion";
            cookie.LogoutPath = "/compte/deconnexion";
            cookie.AccessDeniedPath = "/compte/connexion";
            cookie.Cookie.Name = cookiePrefix + "si-identity";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax; // the code flow returns from other sites with a top-level GET
            cookie.Cookie.SecurePolicy = secure;
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = cookiePrefix + "si-antiforgery";
            antiforgery.Cookie.SecurePolicy = secure;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddPlatformCultures();
        builder.Services.AddRazorPages().AddViewLocalization();
        builder.Services.AddHttpContextAccessor();

        builder.AddOpenIdConnectServer(options);
        builder.AddCredentialLimits();
        builder.Services.AddScoped<PublicLinks>();
        builder.Services.AddScoped<Registration>();
        builder.Services.AddScoped<Sessions>();
        builder.Services.AddScoped<AccountSecurity>();
        // The identity service's own sign-in cookie is checked against the security stamp every minute (30 by default):
        // a password reset or "sign out everywhere" reaches it within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.AddScoped<Invitations>();
        builder.Services.AddScoped<IntegrationClients>();
        builder.Services.AddHostedService<WebClientRegistration>();
        builder.Services.AddSingleton<ResetWakeUp>();
        builder.Services.AddHostedService<ResetMailSender>();
        builder.Services.AddSingleton<IdentityHousekeeping>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IdentityHousekeeping>());
        builder.Services.AddSingleton<PeopleWakeUp>();
        builder.Services.AddHostedService<PeopleAnnouncer>();
        builder.Services.AddHostedService<PeopleChangesListener>();
        builder.Services.AddHostedService<DevelopmentAccounts>();
        return builder;
    }

    public static WebApplication MapIdentityService(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages();
        app.MapLanguageSwitch("/compte/langue/{culture}");
        app.MapConnectEndpoints();
        app.MapExternalSignIn();
        app.MapMeApi();
        app.MapOrganisationsApi();
        app.MapCommitteesApi();
        app.MapDevelopmentTokens();
        return app;
    }
}
