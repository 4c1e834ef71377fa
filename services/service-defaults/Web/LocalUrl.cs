namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>A return address a page may redirect to: a path of this site, never another site ("//x", "/\x").</summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
