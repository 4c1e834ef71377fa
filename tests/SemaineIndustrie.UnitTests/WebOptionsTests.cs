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
