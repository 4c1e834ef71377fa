using Microsoft.Extensions.Configuration;
using SemaineIndustrie.Submission.Editions;

namespace SemaineIndustrie.UnitTests;

public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}

public static class SubmissionServiceConfiguration
{
    /// <summary>The editions a Development database is seeded with (services/submission/appsettings.Development.json).</summary>
    public static EditionCatalog Editions(DateTimeOffset now)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "services", "submission", "appsettings.Development.json"))) dir = dir.Parent;
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(dir!.FullName, "services", "submission", "appsettings.Development.json"))
            .Build();
        var catalog = new EditionCatalog(new SemaineIndustrie.ServiceDefaults.Time.DomainClock(new FixedClock(now)));
        catalog.Use(configuration.GetSection("Editions").Get<List<EditionSeed>>()!.Select(e => e.ToEdition()));
        return catalog;
    }
}
