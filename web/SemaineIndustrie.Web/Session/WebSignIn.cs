using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Web.Session;

/// <summary>
/// Sign-in on the web front-end as a backend-for-frontend: the OpenID Connect code flow with PKCE runs
/// server-side with a client secret; the tokens live in the session cookie, encrypted with the data-protection
/// key ring and HttpOnly, so page scripts never see them; the server calls the APIs through the gateway with
/// them (<see cref="AccessTokens"/>) and refreshes them when they expire.
/// Routes under /session/ (the gateway sends every method there to this front-end).
/// </summary>
public static class WebSignIn
{
    public const string CallbackPath = "/session/retour";
    public const string SignedOutPath = "/session/fin";

    public static IHostApplicationBuilder AddWebSignIn(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SignInOptions.Section).Get<SignInOptions>() ?? new SignInOptions();
        builder.Services.Configure<SignInOptions>(builder.Configuration.GetSection(SignInOptions.Section));
        builder.Services.AddScoped<AccessTokens>();
        builder.Services.AddHttpClient(AccessTokens.TokenClient).ConfigurePrimaryHttpMessageHandler(() =>
            (HttpMessageHandler?)InternalAuthorityHandler.For(options.Authority, options.InternalAuthority) ?? new SocketsHttpHandler());
        var development = builder.Environment.IsDevelopment();

        var authentication = builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.DefaultChallengeScheme = options.Enabled ? OpenIdConnectDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme;
        }).AddCookie(cookie =>
        {
            cookie.Cookie.Name = (development ? "" : "__Host-") + "si-web";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/session/connexion";
            cookie.AccessDeniedPath = "/";
        });
        if (!options.Enabled) return builder;

        authentication.AddOpenIdConnect(oidc =>
        {
            oidc.Authority = options.Authority;
            oidc.RequireHttpsMetadata = !development;
            if (InternalAuthorityHandler.For(options.Authority, options.InternalAuthority) is { } internalAddress) oidc.BackchannelHttpHandler = internalAddress;
            oidc.ClientId = options.ClientId;
            oidc.ClientSecret = options.ClientSecret;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.ResponseMode = OpenIdConnectResponseMode.Query; // a GET back through the gateway's page route
            oidc.UsePkce = true;
            oidc.SaveTokens = true; // in the encrypted, HttpOnly session cookie: never in the page
            oidc.GetClaimsFromUserInfoEndpoint = false; // the identity token has name, e-mail, role
            oidc.MapInboundClaims = false;
            oidc.TokenValidationParameters.NameClaimType = "name";
            oidc.TokenValidationParameters.RoleClaimType = "role";
            oidc.CallbackPath = CallbackPath;
            oidc.SignedOutCallbackPath = SignedOutPath;
            oidc.Scope.Clear();
            foreach (var scope in SignInOptions.Scopes) oidc.Scope.Add(scope);
            oidc.CorrelationCookie.SecurePolicy = oidc.NonceCookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            oidc.CorrelationCookie.SameSite = oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        });
        return builder;
    }

    public static WebApplication MapWebSignIn(this WebApplication app)
    {
        app.MapGet("/session/connexion", (string? retour, Microsoft.Extensions.Options.IOptions<SignInOptions> options) =>
            options.Value.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl.IsLocal(retour) ? retour : "/mon-espace" }, [OpenIdConnectDefaults.AuthenticationScheme])
                : Results.NotFound()).AllowAnonymous();
        return app;
    }

}
