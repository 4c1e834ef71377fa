using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using SemaineIndustrie.ServiceDefaults.Security;
using SemaineIndustrie.ServiceDefaults.Web;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Web.Api;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Session;

using SemaineIndustrie.Web.Pictures;

namespace SemaineIndustrie.Web;

/// <summary>Marks this assembly for test hosts, and names the shared UI text resources (Resources/SharedResource*.resx).</summary>
public sealed class SharedResource;

public static class WebFrontEndExtensions
{
    public static IHostApplicationBuilder AddWebFrontEnd(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection(WebOptions.Section));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<ForwardClientAddress>();
        builder.Services.AddExceptionHandler<Api.BusyPlatform>(); // an API's 429/503 is "retry shortly", not a 500
        builder.Services.AddHttpClient<CatalogueClient>((services, http) =>
        {
            http.BaseAddress = services.GetRequiredService<IOptions<WebOptions>>().Value.ApiBaseUrl;
            http.Timeout = TimeSpan.FromSeconds(10);
        }).AddHttpMessageHandler<ForwardClientAddress>();
        builder.Services.AddScoped<PlatformApi>();
        builder.Services.AddScoped<ReviewClient>();
        builder.Services.AddScoped<ConversationsClient>();
        builder.Services.AddScoped<SubmissionsClient>();
        builder.Services.AddScoped<EditionsClient>();
        builder.Services.AddScoped<GeocodingClient>();
        builder.Services.AddScoped<CommitteesClient>();
        builder.Services.AddScoped<PreferencesClient>();
        builder.Services.AddHttpClient(PlatformApi.Client, (services, http) =>
        {
            http.BaseAddress = services.GetRequiredService<IOptions<WebOptions>>().Value.ApiBaseUrl;
            http.Timeout = TimeSpan.FromSeconds(10);
        }).AddHttpMessageHandler<ForwardClientAddress>();
        // The key ring of the session cookies, encrypted at rest (a copy of the keys folder alone forges no session).
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("semaine-industrie-web").ProtectKeysAtRest(builder.Configuration, builder.Environment);
        if (builder.Configuration.GetSection(WebOptions.Section).Get<WebOptions>()?.KeysFolder is { Length: > 0 } keys)
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        builder.AddWebSignIn();
        builder.Services.AddPlatformCultures();
        builder.Services.AddRazorPages(options => options.Conventions.AddPageRoute("/Index", "carte")
                .AddPageRoute("/Index", "{annee:int:range(2000,2100)}") // a past edition's map: /2018 (links shared that year keep working)
                .AddPageRoute("/Edition", "edition/{annee:int:range(2000,2100)}"))
            .AddViewLocalization();
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        return builder;
    }

    public static WebApplication UseWebFrontEnd(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UsePageSecurityHeaders();
        app.UseRequestLocalization();
        app.UsePrecompressedAssets();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = PrecompressedAssets.ContentTypes,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }

    public static WebApplication MapWebFrontEnd(this WebApplication app)
    {
        app.MapRazorPages(); // pages are public unless marked [Authorize] (the signed-in space)
        app.MapWebSignIn();
        app.MapPrivatePictures();
        app.MapSiteIndex();
        app.MapFallbackToPage("/Introuvable").AllowAnonymous();
        app.MapLanguageSwitch("/langue/{culture}");
        return app;
    }
}
