using SemaineIndustrie.Contracts;
using SemaineIndustrie.Publication.Catalogue;
using Xunit;
using static SemaineIndustrie.UnitTests.Lifecycle;

namespace SemaineIndustrie.UnitTests;

/// <summary>When an event is on the public map, and which version of it: the publication rule as a specification.</summary>
public sealed class PublicationPolicyTests
{
    private static readonly Guid Id = Guid.NewGuid();

    private static VersionFacts Version(int version, Decision decision = Decision.None, bool content = true, bool located = true, bool unlocated = false)
    {
        var facts = new VersionFacts { SubmissionId = Id, Version = version };
        if (content) facts.Describe(Details($"Version {version}"));
        if (located) facts.Locate(new VenueLocated(Id, version, 43.6 + version / 100.0, 0.58, LocationPrecision.Street, "ban", 0.9, T0));
        if (unlocated) facts.Unlocate();
        if (decision != Decision.None) facts.Decide(decision, T0);
        return facts;
    }

    private static PublicationPolicy.Verdict Decide(bool withdrawn = false, params VersionFacts[] versions) => PublicationPolicy.Decide(versions, withdrawn);

    [Fact]
    public void An_undecided_event_is_not_public_yet() =>
        Assert.IsType<PublicationPolicy.Keep>(Decide(versions: Version(1)));

    [Fact]
    public void A_labelled_located_version_is_public() =>
        Assert.Equal(1, Assert.IsType<PublicationPolicy.Publish>(Decide(versions: Version(1, Decision.Labelled))).Version.Version);

    [Fact]
    public void A_refused_or_unlocatable_or_withdrawn_event_is_removed()
    {
        Assert.Equal("refused", Assert.IsType<PublicationPolicy.Remove>(Decide(versions: Version(1, Decision.Refused))).Reason);
        Assert.Equal("venue not located", Assert.IsType<PublicationPolicy.Remove>(Decide(versions: Version(1, Decision.Labelled, located: false, unlocated: true))).Reason);
        Assert.Equal("withdrawn", Assert.IsType<PublicationPolicy.Remove>(Decide(true, Version(1, Decision.Labelled))).Reason);
    }

    [Fact]
    public void A_revision_keeps_the_labelled_version_public_until_it_is_decided()
    {
        Assert.Equal(1, Assert.IsType<PublicationPolicy.Publish>(Decide(versions: [Version(1, Decision.Labelled), Version(2)])).Version.Version);
        Assert.Equal(1, Assert.IsType<PublicationPolicy.Publish>(Decide(versions: [Version(1, Decision.Labelled), Version(2, Decision.ChangesRequested)])).Version.Version);
        Assert.Equal(2, Assert.IsType<PublicationPolicy.Publish>(Decide(versions: [Version(1, Decision.Labelled), Version(2, Decision.Labelled)])).Version.Version);
        Assert.IsType<PublicationPolicy.Remove>(Decide(versions: [Version(1, Decision.Labelled), Version(2, Decision.Refused)]));
    }

    [Fact]
    public void A_labelled_version_whose_content_or_position_has_not_arrived_leaves_the_map_as_it_is()
    {
        Assert.IsType<PublicationPolicy.Keep>(Decide(versions: Version(1, Decision.Labelled, content: false)));
        Assert.IsType<PublicationPolicy.Keep>(Decide(versions: Version(1, Decision.Labelled, located: false)));
    }

    [Fact]
    public void A_labelled_version_whose_picture_has_not_arrived_leaves_the_map_as_it_is_until_it_does()
    {
        var pictured = new VersionFacts { SubmissionId = Id, Version = 2 };
        pictured.Describe(Details("Version 2") with { Picture = new EventPicture(Guid.NewGuid(), "L'atelier", [new PictureSize(320, 240)]) });
        pictured.Locate(new VenueLocated(Id, 2, 43.6, 0.58, LocationPrecision.Street, "ban", 0.9, T0));
        pictured.Decide(Decision.Labelled, T0);

        Assert.IsType<PublicationPolicy.Keep>(Decide(versions: [Version(1, Decision.Labelled), pictured])); // version 1 stays shown meanwhile
        pictured.ReceivePicture(pictured.PictureId!.Value);
        Assert.Equal(2, Assert.IsType<PublicationPolicy.Publish>(Decide(versions: [Version(1, Decision.Labelled), pictured])).Version.Version);
    }

    [Fact]
    public void A_version_is_decided_once_and_a_correction_beats_automatic_positions_of_that_version()
    {
        var facts = Version(1, Decision.Labelled);
        facts.Decide(Decision.Refused, T0.AddDays(1));
        Assert.Equal(Decision.Labelled, facts.Decision);

        facts.Locate(new VenueLocated(Id, 1, 43.65, 0.59, LocationPrecision.Manual, "reviewer", null, T0));
        facts.Locate(new VenueLocated(Id, 1, 43.0, 0.1, LocationPrecision.Street, "ban", 0.9, T0));
        facts.Unlocate();
        Assert.Equal((43.65, 0.59, false), (facts.Latitude, facts.Longitude, facts.Unlocated));
    }

    [Fact]
    public void The_map_feature_is_a_geojson_point_in_longitude_latitude_order()
    {
        var entry = CatalogueEntry.For(Id, T0);
        entry.Show(Version(1, Decision.Labelled), T0);
        var feature = System.Text.Json.JsonDocument.Parse(entry.FeatureJson).RootElement;
        Assert.Equal("Feature", feature.GetProperty("type").GetString());
        Assert.Equal([0.58, 43.61], feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        Assert.Equal("Version 1", feature.GetProperty("properties").GetProperty("title").GetString());
        Assert.DoesNotContain("privateContact", entry.PublicJson);
    }
}
