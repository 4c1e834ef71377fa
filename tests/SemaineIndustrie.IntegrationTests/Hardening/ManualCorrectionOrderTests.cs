using SemaineIndustrie.Contracts;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Hardening;

/// <summary>A reviewer's correction of a version wins in publication over that version's automatic news, whatever the delivery order.</summary>
public sealed class ManualCorrectionOrderTests(PublicationAlone publication) : IClassFixture<PublicationAlone>
{
    [Theory]
    [InlineData("auto manual unlocated")]
    [InlineData("auto unlocated manual")]
    [InlineData("manual auto unlocated")]
    [InlineData("manual unlocated auto")]
    [InlineData("unlocated auto manual")]
    [InlineData("unlocated manual auto")]
    public async Task A_labelled_event_stays_on_the_map_at_the_corrected_position(string order)
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var content = PublicationAlone.Details("Visite corrigée à la main"); // travels with geocoding's automatic answers, not with a correction
        await publication.ConsumedAsync(new LabelGranted(id, 1, Guid.NewGuid(), "reviewer", now));
        foreach (var step in order.Split(' '))
        {
            await publication.ConsumedAsync(step switch
            {
                "auto" => new VenueLocated(id, 1, 43.6, 0.5, LocationPrecision.Street, "ban", 0.9, now, content),
                "manual" => new VenueLocated(id, 1, 43.65, 0.59, LocationPrecision.Manual, "reviewer", null, now),
                _ => (object)new VenueUnlocated(id, 1, "No provider could place it.", now, content),
            });
        }
        var entry = await publication.EntryAsync(id);
        Assert.NotNull(entry);
        Assert.Equal((43.65, 0.59), (entry.Latitude, entry.Longitude));
    }

    [Fact]
    public async Task A_new_address_in_a_later_version_replaces_the_correction()
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await publication.PublishEventAsync(id, PublicationAlone.Details("Visite déménagée"), 43.6, 0.5);
        await publication.ConsumedAsync(new VenueLocated(id, 1, 43.65, 0.59, LocationPrecision.Manual, "reviewer", null, now));
        await publication.PublishEventAsync(id, PublicationAlone.Details("Visite déménagée", "31000", "31555", "Toulouse", "31"), 43.60, 1.44, version: 2);
        var entry = await publication.EntryAsync(id);
        Assert.Equal((2, 43.60, 1.44), (entry!.Version, entry.Latitude, entry.Longitude));
    }
}
