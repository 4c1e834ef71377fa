using Scalar.AspNetCore;

namespace SemaineIndustrie.Gateway.Docs;

/// <summary>
/// Every service's OpenAPI document is routed by the gateway as /openapi/{service}.json (see the
/// "openapi-*" routes in appsettings.json); in Development, Scalar browses them all at /scalar.
/// </summary>
public static class ApiDocumentation
{
    public static readonly string[] Documents = ["submission", "review", "geocoding", "publication", "identity", "notification", "v1"];

    public static WebApplication MapApiDocumentationUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return app;
        app.MapScalarApiReference(options =>
        {
            options.WithTitle("Semaine de l'Industrie — API");
            foreach (var document in Documents) options.AddDocument(document);
        }).AllowAnonymous();
        return app;
    }
}
