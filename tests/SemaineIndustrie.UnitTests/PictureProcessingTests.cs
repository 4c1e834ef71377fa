using SemaineIndustrie.Submission.Pictures;
using SemaineIndustrie.Tests.Shared;
using SkiaSharp;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>What an upload goes through: sniffed by content, limits read from the header before decoding, metadata gone, turned upright, one WebP per size.</summary>
public sealed class PictureProcessingTests
{
    private static async Task<PictureProcessing.Processed> Processed(byte[] upload) =>
        Assert.IsType<PictureProcessing.Processed>(await PictureProcessing.ProcessAsync(upload, CancellationToken.None));

    private static async Task<PictureProcessing.Refused> Refused(byte[] upload) =>
        Assert.IsType<PictureProcessing.Refused>(await PictureProcessing.ProcessAsync(upload, CancellationToken.None));

    [Fact]
    public async Task A_photo_s_GPS_position_and_description_never_reach_its_derivatives()
    {
        var upload = TestPictures.JpegWithGps();
        Assert.True(TestPictures.Contains(upload, "Exif\0\0") && TestPictures.Contains(upload, TestPictures.PrivateDescription)); // the input does carry them
        using (var codec = SKCodec.Create(new MemoryStream(upload))) Assert.Equal(800, codec.Info.Width); // and is a readable JPEG

        var processed = await Processed(upload);

        Assert.Equal("jpeg", processed.Format);
        Assert.All(processed.Files, file =>
        {
            Assert.Equal("webp", PictureProcessing.Sniff(file.Webp));
            Assert.False(TestPictures.HasMetadataChunk(file.Webp));
            Assert.False(TestPictures.Contains(file.Webp, TestPictures.PrivateDescription));
            Assert.False(TestPictures.Contains(file.Webp, "Exif"));
        });
    }

    [Fact]
    public async Task Sizes_fit_the_pages_boxes_smallest_first_and_are_never_enlarged()
    {
        var large = await Processed(TestPictures.Jpeg(2400, 1600));
        Assert.Equal([(320, 213), (640, 427), (1200, 800)], large.Files.Select(f => (f.Width, f.Height)));
        foreach (var file in large.Files)
        {
            using var codec = SKCodec.Create(new MemoryStream(file.Webp));
            Assert.Equal((file.Width, file.Height), (codec.Info.Width, codec.Info.Height));
        }

        var small = await Processed(TestPictures.Png(500, 400));
        Assert.Equal("png", small.Format);
        Assert.Equal([(320, 256), (500, 400)], small.Files.Select(f => (f.Width, f.Height)));
    }

    [Fact]
    public async Task A_photo_taken_sideways_is_turned_upright_as_its_EXIF_orientation_says()
    {
        var processed = await Processed(TestPictures.JpegWithGps(800, 600, orientation: 6)); // stored 800 × 600, shown turned 90° clockwise

        Assert.Equal((600, 800), (processed.Width, processed.Height));
        var largest = processed.Files[^1];
        Assert.Equal((600, 800), (largest.Width, largest.Height));
        using var bitmap = SKBitmap.Decode(largest.Webp);
        // The white band was at the stored picture's top left; turned clockwise, it runs down the right edge, from the top.
        Assert.True(bitmap.GetPixel(590, 10).Red > 200 && bitmap.GetPixel(590, 10).Blue > 200);
        Assert.True(bitmap.GetPixel(10, 10).Red < 150);
    }

    [Fact]
    public async Task The_content_decides_not_the_name_a_PNG_called_jpg_is_a_PNG_and_WebP_is_accepted()
    {
        Assert.Equal("png", (await Processed(TestPictures.Png())).Format);
        Assert.Equal("webp", (await Processed(TestPictures.Webp())).Format);
    }

    [Fact]
    public async Task A_text_file_is_refused_as_not_a_picture()
    {
        var refused = await Refused(TestPictures.Text());
        Assert.Equal(415, refused.Status);
    }

    [Fact]
    public async Task A_60_megapixel_picture_is_refused_from_its_header_before_any_decoding()
    {
        // The file holds no image data at all: decoding would fail as "damaged"; the refusal names the pixel count instead.
        var refused = await Refused(TestPictures.SixtyMegapixelPngHeader());
        Assert.Equal(422, refused.Status);
        Assert.Contains("10000 × 6000", refused.Message);
    }

    [Fact]
    public async Task A_file_over_5_MB_is_refused_unread()
    {
        var refused = await Refused(TestPictures.Padded(6 * 1024 * 1024));
        Assert.Equal(413, refused.Status);
    }

    [Fact]
    public async Task A_truncated_file_and_a_tiny_picture_are_refused()
    {
        var jpeg = TestPictures.Jpeg();
        Assert.Equal("Unreadable picture", (await Refused(jpeg[..(jpeg.Length / 2)])).Title);
        Assert.Equal("Picture too small", (await Refused(TestPictures.Png(150, 400))).Title);
    }
}
