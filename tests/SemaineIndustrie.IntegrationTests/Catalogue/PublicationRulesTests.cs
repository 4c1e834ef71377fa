using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Messaging.Outbox;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Catalogue;

/// <summary>Each publication rule, staged message by message against the publication service.</summary>
public sealed class PublicationRulesTests(PublicationAlone publication) : IClassFixture<PublicationAlone>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>The type names of what publication announced about a submission, in order.</summary>
    private async Task<List<string>> PublicationEventsAsync(Guid id)
    {
        var types = await publication.QueryAsync(db => db.Set<OutboxMessage>()
            .Where(m => m.PartitionKey == id.ToString()).OrderBy(m => m.SequenceNumber).Select(m => m.MessageType).ToListAsync());
        return types.Select(MessageTypeNames.Short).ToList();
    }

    [Fact]
    public async Task A_refused_revision_removes_the_labelled_version_at_once()
    {
        var id = Guid.NewGuid();
        await publication.PublishEventAsync(id, PublicationAlone.Details("Version une"), 43.6, 0.58);
        await publication.ConsumedAsync(new VenueLocated(id, 2, 43.6, 0.58, LocationPrecision.Municipality, "test", null, Now, PublicationAlone.Details("Version deux")));
        Assert.Equal(1, (await publication.EntryAsync(id))!.Version);

        await publication.ConsumedAsync(new LabelRefused(id, 2, Guid.NewGuid(), "reviewer", "Payant", Now));
        Assert.Null(await publication.EntryAsync(id));
        Assert.Equal(["EventPublished", "EventUnpublished"], await PublicationEventsAsync(id));
    }

    [Fact]
    public async Task A_picture_that_arrives_before_its_version_s_content_is_kept_and_shown_with_it()
    {
        // The content travels with geocoding's answer, the picture from the submission service: either may be applied first.
        var id = Guid.NewGuid();
        var picture = Guid.NewGuid();
        await publication.ConsumedAsync(new PictureAttached(id, 1, picture, [new PictureFile(320, 240, [0x52, 0x49, 0x46, 0x46])], Now));
        var details = PublicationAlone.Details("Image d'abord") with { Picture = new EventPicture(picture, "L'atelier", [new PictureSize(320, 240)]) };
        await publication.PublishEventAsync(id, details, 43.6, 0.58);

        Assert.Equal(picture, (await publication.EntryAsync(id))!.PictureId);
        Assert.Equal(1, await publication.QueryAsync(db => db.Pictures.CountAsync(p => p.PictureId == picture)));
    }

    [Fact]
    public async Task A_labelled_version_is_not_shown_before_its_picture_arrives()
    {
        var id = Guid.NewGuid();
        var picture = Guid.NewGuid();
        var details = PublicationAlone.Details("Image ensuite") with { Picture = new EventPicture(picture, "L'atelier", [new PictureSize(320, 240)]) };
        await publication.PublishEventAsync(id, details, 43.6, 0.58);
        Assert.Null(await publication.EntryAsync(id));

        await publication.ConsumedAsync(new PictureAttached(id, 1, picture, [new PictureFile(320, 240, [0x52, 0x49, 0x46, 0x46])], Now));
        Assert.Equal(picture, (await publication.EntryAsync(id))!.PictureId);
    }

    [Fact]
    public async Task Changes_requested_on_a_revision_keep_the_labelled_version_public()
    {
        var id = Guid.NewGuid();
        await publication.PublishEventAsync(id, PublicationAlone.Details("Version une"), 43.6, 0.58);
        await publication.ConsumedAsync(new VenueLocated(id, 2, 43.6, 0.58, LocationPrecision.Municipality, "test", null, Now, PublicationAlone.Details("Version deux")));
        await publication.ConsumedAsync(new ChangesRequested(id, 2, Guid.NewGuid(), "reviewer", "Précisez", Now));
        var entry = await publication.EntryAsync(id);
        Assert.Equal((1, "Version une"), (entry!.Version, entry.Title));
    }

    [Fact]
    public async Task A_withdrawal_that_arrives_before_everything_else_means_never_published()
    {
        var id = Guid.NewGuid();
        await publication.ConsumedAsync(new SubmissionWithdrawn(id, 1, "org", Now));
        await publication.PublishEventAsync(id, PublicationAlone.Details("Retiré"), 43.6, 0.58);
        Assert.Null(await publication.EntryAsync(id));
        Assert.Empty(await PublicationEventsAsync(id));
    }

    [Fact]
    public async Task A_withdrawal_removes_a_published_event_at_once()
    {
        var id = Guid.NewGuid();
        await publication.PublishEventAsync(id, PublicationAlone.Details("Publié puis retiré"), 43.6, 0.58);
        Assert.NotNull(await publication.EntryAsync(id));
        await publication.ConsumedAsync(new SubmissionWithdrawn(id, 1, "org", Now));
        Assert.Null(await publication.EntryAsync(id));
        Assert.Equal(["EventPublished", "EventUnpublished"], await PublicationEventsAsync(id));
    }

    [Fact]
    public async Task A_venue_that_cannot_be_located_is_not_published()
    {
        var id = Guid.NewGuid();
        await publication.ConsumedAsync(new VenueUnlocated(id, 1, "commune inconnue", Now, PublicationAlone.Details("Introuvable")));
        await publication.ConsumedAsync(new LabelGranted(id, 1, Guid.NewGuid(), "reviewer", Now));
        Assert.Null(await publication.EntryAsync(id));

        // A reviewer places the venue by hand: now it is located, so public.
        await publication.ConsumedAsync(new VenueLocated(id, 1, 43.65, 0.59, LocationPrecision.Manual, "reviewer", null, Now));
        Assert.Equal(43.65, (await publication.EntryAsync(id))!.Latitude, 6);
    }

    [Fact]
    public async Task A_manual_correction_moves_the_published_pin()
    {
        var id = Guid.NewGuid();
        await publication.PublishEventAsync(id, PublicationAlone.Details("Épinglé"), 43.6465, 0.5855);
        await publication.ConsumedAsync(new VenueLocated(id, 1, 43.6501, 0.5712, LocationPrecision.Manual, "reviewer", null, Now));
        var entry = await publication.EntryAsync(id);
        Assert.Equal((43.6501, 0.5712), (entry!.Latitude, entry.Longitude));
        Assert.Equal(["EventPublished", "EventPublished"], await PublicationEventsAsync(id));
    }
}
