using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Tests.Shared;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Pictures;

/// <summary>
/// Pictures through the gateway, on the real chain: what an upload is is read from its bytes, the limits hold before any
/// decoding, the photo's GPS position never comes back, a demand needs the picture's description, and only the picture of
/// the version on the map is served — immutable, a year in caches — while a replaced or refused one never is.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PicturesApiTests(Platform platform)
{
    private static MultipartFormDataContent Upload(byte[] bytes, string fileName, string declaredType) =>
        new() { { new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(declaredType) } }, "file", fileName } };

    private static async Task<HttpValidationProblemDetails> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadAsync<HttpValidationProblemDetails>();
    }

    private Task<HttpClient> OrganiserAsync(string organisation) =>
        platform.ClientAsync(new DevTokenRequest("organiser", "pictures-" + organisation, OrganisationId: "org-pictures-" + organisation));

    [Fact]
    public async Task An_upload_is_judged_by_its_content_and_its_limits_before_decoding_and_leaves_no_metadata()
    {
        var organisation = Guid.NewGuid().ToString("N")[..8];
        using var organiser = await OrganiserAsync(organisation);

        var photo = await organiser.PostAsync("/api/pictures", Upload(TestPictures.JpegWithGps(1600, 1200), "maison.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.Created, photo.StatusCode);
        var uploaded = await photo.ReadAsync<UploadedPicture>();
        Assert.Equal(("jpeg", 1600, 1200), (uploaded.Format, uploaded.Width, uploaded.Height));
        Assert.Equal([320, 640, 1200], uploaded.Sizes.Select(s => s.Width));
        foreach (var size in uploaded.Sizes)
        {
            var served = await organiser.GetAsync($"/api/pictures/{uploaded.Id}/{size.Width}.webp");
            Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
            var bytes = await served.Content.ReadAsByteArrayAsync();
            Assert.False(TestPictures.HasMetadataChunk(bytes));
            Assert.False(TestPictures.Contains(bytes, TestPictures.PrivateDescription));
        }
        using (var other = await OrganiserAsync(organisation + "-other")) // another organisation's picture does not exist for it
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/pictures/{uploaded.Id}/320.webp")).StatusCode);

        // A PNG called .jpg and declared as JPEG is a PNG; a text file called .png is no picture.
        var renamed = await organiser.PostAsync("/api/pictures", Upload(TestPictures.Png(), "affiche.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.Created, renamed.StatusCode);
        Assert.Equal("png", (await renamed.ReadAsync<UploadedPicture>()).Format);
        var text = await ProblemAsync(await organiser.PostAsync("/api/pictures", Upload(TestPictures.Text(), "affiche.png", "image/png")), HttpStatusCode.UnsupportedMediaType);
        Assert.True(text.Errors.ContainsKey("file"));

        // 60 megapixels announced by a header with no image data: refused from the header (decoding would have called it damaged).
        var bomb = await ProblemAsync(await organiser.PostAsync("/api/pictures", Upload(TestPictures.SixtyMegapixelPngHeader(), "bombe.png", "image/png")),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("10000 × 6000", bomb.Errors["file"][0]);

        // 6 MB: through the gateway to the API, which names the field and the limit.
        var large = await ProblemAsync(await organiser.PostAsync("/api/pictures", Upload(TestPictures.Padded(6 * 1024 * 1024), "grande.jpg", "image/jpeg")),
            HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("5 MB", large.Errors["file"][0]);

        // Nothing refused was kept: the organisation holds its two accepted pictures only.
        Assert.Equal(2, await platform.QueryAsync<SemaineIndustrie.Submission.ServiceMarker, SemaineIndustrie.Submission.SubmissionDbContext, int>(
            db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Pictures, p => p.OrganiserId == "org-pictures-" + organisation)));
    }

    [Fact]
    public async Task A_demand_names_its_own_picture_with_a_description()
    {
        var organisation = Guid.NewGuid().ToString("N")[..8];
        using var organiser = await OrganiserAsync(organisation);
        var picture = (await (await organiser.PostAsync("/api/pictures", Upload(TestPictures.Jpeg(), "a.jpg", "image/jpeg"))).ReadAsync<UploadedPicture>()).Id;

        var request = Samples.Submission("Atelier sans description d'image");
        request["picture"] = new JsonObject { ["id"] = picture.ToString() };
        var noAlt = await ProblemAsync(await organiser.PostAsJsonAsync("/api/submissions", request), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["picture.alt"], noAlt.Errors.Keys);

        using var other = await OrganiserAsync(organisation + "-other");
        request["picture"] = new JsonObject { ["id"] = picture.ToString(), ["alt"] = "L'atelier de soudure" };
        var notTheirs = await ProblemAsync(await other.PostAsJsonAsync("/api/submissions", request), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["picture.id"], notTheirs.Errors.Keys);

        Assert.Equal(HttpStatusCode.Created, (await organiser.PostAsJsonAsync("/api/submissions", request)).StatusCode);
    }

    [Fact]
    public async Task An_upload_no_demand_or_draft_names_is_deleted_after_its_retention_and_a_named_one_is_kept()
    {
        var organisation = Guid.NewGuid().ToString("N")[..8];
        using var organiser = await OrganiserAsync(organisation);
        async Task<Guid> UploadAsync() => (await (await organiser.PostAsync("/api/pictures", Upload(TestPictures.Jpeg(), "p.jpg", "image/jpeg"))).ReadAsync<UploadedPicture>()).Id;
        var (abandoned, inDraft, inDemand, recent) = (await UploadAsync(), await UploadAsync(), await UploadAsync(), await UploadAsync());
        var draft = new JsonObject { ["title"] = "Brouillon avec image", ["picture"] = new JsonObject { ["id"] = inDraft.ToString(), ["alt"] = "Une presse" } };
        Assert.Equal(HttpStatusCode.Created, (await organiser.PostAsJsonAsync("/api/drafts", draft)).StatusCode);
        var request = Samples.Submission("Demande avec image gardée");
        request["picture"] = new JsonObject { ["id"] = inDemand.ToString(), ["alt"] = "Une presse hydraulique" };
        Assert.Equal(HttpStatusCode.Created, (await organiser.PostAsJsonAsync("/api/submissions", request)).StatusCode);
        // Three of them uploaded 31 days ago; the fourth today.
        Guid[] old = [abandoned, inDraft, inDemand];
        await platform.QueryAsync<SemaineIndustrie.Submission.ServiceMarker, SemaineIndustrie.Submission.SubmissionDbContext, int>(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(db.Pictures.Where(p => old.Contains(p.Id)),
                set => set.SetProperty(p => p.UploadedAt, p => p.UploadedAt.AddDays(-31))));

        await platform.Service<SemaineIndustrie.Submission.ServiceMarker, SemaineIndustrie.Submission.Pictures.PicturePurge>().PurgeAsync(CancellationToken.None);

        var left = await platform.QueryAsync<SemaineIndustrie.Submission.ServiceMarker, SemaineIndustrie.Submission.SubmissionDbContext, List<Guid>>(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Pictures.Where(p => p.OrganiserId == "org-pictures-" + organisation).Select(p => p.Id)));
        Assert.Equal(new[] { inDraft, inDemand, recent }.Order(), left.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"/api/pictures/{abandoned}/320.webp")).StatusCode);
    }

    [Fact]
    public async Task Only_the_picture_of_the_version_on_the_map_is_served_and_a_replaced_or_refused_one_never_is()
    {
        var word = "Image" + Guid.NewGuid().ToString("N")[..6];
        using var organiser = await OrganiserAsync(word);
        async Task<Guid> UploadAsync(byte[] bytes) => (await (await organiser.PostAsync("/api/pictures", Upload(bytes, "p.jpg", "image/jpeg"))).ReadAsync<UploadedPicture>()).Id;
        var first = await UploadAsync(TestPictures.JpegWithGps(1600, 1200));
        var request = Samples.Submission($"Portes ouvertes de la fonderie {word}");
        request["picture"] = new JsonObject { ["id"] = first.ToString(), ["alt"] = "Coulée de bronze dans l'atelier <b>de la fonderie</b>" };
        var created = await organiser.PostAsJsonAsync("/api/submissions", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<SubmissionView>()).Id;

        // The committee sees the picture with the case (in its scope only).
        var caseId = await platform.CaseOfAsync(id);
        using var gers = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-32-pictures", Region: "76", Departements: ["32"]));
        using var nord = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-59-pictures", Region: "32", Departements: ["59"]));
        var seen = await Eventually.Until(() => gers.GetAsync($"/api/review/cases/{caseId}/pictures/{first}.webp"), r => r.StatusCode == HttpStatusCode.OK,
            "the committee's copy of the picture");
        Assert.Equal("image/webp", seen.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await nord.GetAsync($"/api/review/cases/{caseId}/pictures/{first}.webp")).StatusCode);

        using var anonymous = await platform.ClientAsync();
        var largest = $"/api/catalogue/pictures/{first}/1200.webp";
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(largest)).StatusCode); // not labelled yet: not public

        Assert.Equal(HttpStatusCode.OK, (await gers.PostAsJsonAsync($"/api/review/cases/{caseId}/decision", new { decision = "label" })).StatusCode);
        var shown = await Eventually.Until(async () =>
        {
            var answer = await anonymous.GetAsync($"/api/catalogue/events/{id}");
            return answer.StatusCode == HttpStatusCode.OK ? await answer.ReadAsync<PublicEvent>() : null;
        }, e => e is not null, "the labelled event with its picture");
        Assert.Equal(largest, shown!.Picture!.Url);
        Assert.Equal((1200, 900), (shown.Picture.Width, shown.Picture.Height));
        Assert.Equal("Coulée de bronze dans l'atelier <b>de la fonderie</b>", shown.Picture.Alt);

        var picture = await anonymous.GetAsync(largest);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal("image/webp", picture.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", picture.Headers.CacheControl?.ToString());
        Assert.False(TestPictures.Contains(await picture.Content.ReadAsByteArrayAsync(), TestPictures.PrivateDescription));

        var map = JsonNode.Parse(await anonymous.GetStringAsync($"/api/catalogue/events.geojson?q={word}"))!;
        var thumbnail = Assert.Single(map["features"]!.AsArray())!["properties"]!["picture"]!;
        Assert.Equal($"/api/catalogue/pictures/{first}/320.webp", thumbnail["url"]!.GetValue<string>());
        Assert.Equal(240, thumbnail["height"]!.GetValue<int>());
        var jsonLd = JsonNode.Parse(await anonymous.GetStringAsync($"/api/catalogue/events/{id}.jsonld"))!;
        Assert.EndsWith(largest, jsonLd["image"]![0]!["url"]!.GetValue<string>());
        Assert.StartsWith("http", jsonLd["image"]![0]!["url"]!.GetValue<string>());

        // The event's page: the picture with its size and description, and a shared link's preview names it (absolute, escaped).
        var html = await anonymous.GetStringAsync($"/evenements/{id}");
        Assert.Contains($"width=\"1200\" height=\"900\" alt=\"Coulée de bronze dans l&#x27;atelier &lt;b&gt;de la fonderie&lt;/b&gt;\"", html);
        Assert.Matches($"<meta property=\"og:image\" content=\"https?://[^\"]+{largest}\">", html);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary_large_image\">", html);

        // A revision with another picture: until it is decided the first stays; refused, the event leaves the map and neither is served.
        var second = await UploadAsync(TestPictures.Jpeg(900, 900, SkiaSharp.SKColors.Firebrick));
        request["picture"] = new JsonObject { ["id"] = second.ToString(), ["alt"] = "Un tarif d'entrée affiché" };
        var current = await organiser.GetAsync($"/api/submissions/{id}");
        using (var revise = new HttpRequestMessage(HttpMethod.Put, $"/api/submissions/{id}") { Content = JsonContent.Create(request) })
        {
            revise.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);
            Assert.Equal(HttpStatusCode.OK, (await organiser.SendAsync(revise)).StatusCode);
        }
        await Eventually.Until(() => gers.GetAsync($"/api/review/cases/{caseId}/pictures/{second}.webp"), r => r.StatusCode == HttpStatusCode.OK,
            "the committee's copy of the new picture");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/catalogue/pictures/{second}/900.webp")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/catalogue/pictures/{first}/320.webp")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await gers.PostAsJsonAsync($"/api/review/cases/{caseId}/decision",
            new { decision = "refuse", motivation = "L'image montre un tarif : le label exige la gratuité." })).StatusCode);
        await Eventually.Until(() => anonymous.GetAsync($"/api/catalogue/events/{id}"), r => r.StatusCode == HttpStatusCode.NotFound, "the refused event off the map");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/catalogue/pictures/{second}/900.webp")).StatusCode);
        // The first picture leaves the gateway's cache with the event's own answers (Gateway:CatalogueCacheDuration).
        await Eventually.Until(() => anonymous.GetAsync($"/api/catalogue/pictures/{first}/320.webp"), r => r.StatusCode == HttpStatusCode.NotFound,
            "the refused event's picture off the public addresses");
        // And publication no longer keeps either.
        Assert.Equal(0, await platform.QueryAsync<SemaineIndustrie.Publication.ServiceMarker, SemaineIndustrie.Publication.PublicationDbContext, int>(
            db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Pictures, p => p.SubmissionId == id)));
    }
}
