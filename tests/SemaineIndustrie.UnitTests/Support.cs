using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Submission.Editions;

namespace SemaineIndustrie.UnitTests;

public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}

public static class SubmissionServiceConfiguration
{
    /// <summary>The editions exactly as the submission service is configured (services/submission/appsettings.json).</summary>
    public static EditionCatalog Editions(DateTimeOffset now)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "services", "submission", "appsettings.json"))) dir = dir.Parent;
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(dir!.FullName, "services", "submission", "appsettings.json"))
            .Build();
        var editions = configuration.GetSection("Editions").Get<List<Edition>>()!;
        return new EditionCatalog(Options.Create(editions), new SemaineIndustrie.ServiceDefaults.Time.DomainClock(new FixedClock(now)));
    }
}
