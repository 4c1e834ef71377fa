using Xunit;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>Test classes that share one running platform (its start-up costs a few seconds).</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<Platform>
{
    public const string Name = "platform";
}
