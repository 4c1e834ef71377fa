using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace SemaineIndustrie.Web;

/// <summary>
/// Style sheets, scripts and SVG icons are compressed once by the build at the smallest size (assets.mjs: <c>.br</c>,
/// <c>.gz</c> beside each file); a request that accepts one of those codings gets the file compressed ahead of time
/// (Vary: Accept-Encoding), so nothing is compressed per request and phones download the smallest bytes.
/// </summary>
public static class PrecompressedAssets
{
    private static readonly (string Coding, string Extension)[] Codings = [("br", ".br"), ("gzip", ".gz")];

    public static IApplicationBuilder UsePrecompressedAssets(this WebApplication app)
    {
        var files = app.Environment.WebRootFileProvider;
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value;
            if (path is null || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                || !(path.EndsWith(".css", StringComparison.Ordinal) || path.EndsWith(".js", StringComparison.Ordinal) || path.EndsWith(".svg", StringComparison.Ordinal)))
                return next(context);
            context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
            var accepted = context.Request.Headers.AcceptEncoding.ToString();
            foreach (var (coding, extension) in Codings)
            {
                if (!Accepts(accepted, coding) || !files.GetFileInfo(path + extension).Exists) continue;
                context.Request.Path = path + extension;
                context.Response.Headers.ContentEncoding = coding;
                break;
            }
            return next(context);
        });
        return app;
    }

    /// <summary>The content type of <c>x.css.br</c> is the one of <c>x.css</c>.</summary>
    public static IContentTypeProvider ContentTypes { get; } = new CompressedContentTypes();

    private static bool Accepts(string acceptEncoding, string coding) =>
        acceptEncoding.Split(',').Select(c => c.Trim()).Any(c => c.StartsWith(coding, StringComparison.OrdinalIgnoreCase)
            && (c.Length == coding.Length || c[coding.Length] == ';') && !c.Replace(" ", "").EndsWith(";q=0", StringComparison.Ordinal));

    private sealed class CompressedContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider types = new();

        public bool TryGetContentType(string subpath, out string contentType)
        {
            foreach (var (_, extension) in Codings)
                if (subpath.EndsWith(extension, StringComparison.Ordinal)) return types.TryGetContentType(subpath[..^extension.Length], out contentType!);
            return types.TryGetContentType(subpath, out contentType!);
        }
    }
}
