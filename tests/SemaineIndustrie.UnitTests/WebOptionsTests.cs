using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class WebOptionsTests
{
    [Theory]
    [InlineData("", null)]
    [InlineData("https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.fr")]
    [InlineData("https://data.geopf.fr/wmts?LAYER=PLAN&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}", "https://data.geopf.fr")]
    public void The_tile_servers_origin_is_what_the_pages_policy_allows(string tileUrl, string? origin) =>
        Assert.Equal(origin, new SemaineIndustrie.Web.MapOptions { TileUrl = tileUrl }.TileOrigin);
}

public sealed class WebKeyRingTests
{
    private static IServiceProvider Replica(string keys)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions { EnvironmentName = "Production" });
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(builder.Configuration,
        [
            new("Web:KeysFolder", keys), new("Web:SignIn:Authority", "https://connexion.example.gouv.fr/"),
            new("Web:SignIn:ClientId", "web"), new("Web:SignIn:ClientSecret", "secret"),
        ]);
        SemaineIndustrie.Web.WebFrontEndExtensions.AddWebFrontEnd(builder);
        return builder.Build().Services;
    }

    [Fact]
    public void Replicas_sharing_the_keys_folder_read_each_others_cookies()
    {
        var keys = Directory.CreateTempSubdirectory("web-keys-").FullName;
        var first = Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.GetDataProtector(Replica(keys), "cookie");
        var second = Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.GetDataProtector(Replica(keys), "cookie");

        var cookie = Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(first, "signed in");

        Assert.Equal("signed in", Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Unprotect(second, cookie));
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
    }
}
