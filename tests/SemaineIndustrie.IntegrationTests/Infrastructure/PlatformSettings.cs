namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>
/// deploy/platform.settings — the settings deploy/run.sh and deploy/cluster.sh give each process — read the way
/// deploy/lib/service-env.sh reads it, so the test platform configures its processes as people's runs do. What a
/// test platform adds on top (its databases, quicker retries, higher limits) is named where it is added.
/// </summary>
public static class PlatformSettings
{
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Path.Combine(RepositoryRoot(), "deploy", "platform.settings")));

    /// <summary>The settings of <paramref name="process"/> (configuration keys, ':' for '__'), every {placeholder} filled.</summary>
    public static Dictionary<string, string?> For(string process, IReadOnlyDictionary<string, string> placeholders)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var raw in Lines.Value)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts[0] != "*" && parts[0] != process) continue;
            var value = parts.Length > 2 ? parts[2] : "";
            foreach (var (name, filled) in placeholders) value = value.Replace("{" + name + "}", filled, StringComparison.Ordinal);
            if (System.Text.RegularExpressions.Regex.IsMatch(value, @"\{[a-z-]+\}"))
                throw new InvalidOperationException($"deploy/platform.settings: {parts[1]} of {process} names a placeholder the test platform does not fill: {value}");
            settings[parts[1].Replace("__", ":", StringComparison.Ordinal)] = value;
        }
        // The environment is the host's to choose (ServiceHost: Development, as in the file); the rest is configuration.
        settings.Remove("ASPNETCORE_ENVIRONMENT");
        settings.Remove("OTEL_SERVICE_NAME");
        return settings;
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "deploy", "platform.settings"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("deploy/platform.settings not found above " + AppContext.BaseDirectory);
    }
}
