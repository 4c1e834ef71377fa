using SkiaSharp;

namespace SemaineIndustrie.Submission.Pictures;

/// <summary>
/// What an uploaded picture goes through before anything keeps it: its content sniffed (JPEG, PNG or WebP, whatever
/// it is called or declared as), its size and its pixel count checked from its header before any decoding (a
/// decompression bomb is refused unread), then decoded once — JPEG and WebP at a reduced scale when the
/// largest size allows — turned upright (EXIF orientation) and re-encoded as WebP at each size the pages use.
/// Only pixels are re-encoded: EXIF (GPS position, camera, owner), XMP and comments of the upload never leave.
/// </summary>
public static class PictureProcessing
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const long MaxPixels = 40_000_000;
    public const int MinSide = 200;
    /// <summary>The boxes the derivatives fit in: the map's pop-up and the lists (320), the event page on a phone (640), the event page and link previews (1200).</summary>
    public static readonly int[] Boxes = [320, 640, 1200];
    public const int WebpQuality = 80;

    public abstract record Outcome;

    /// <summary>The derivatives, smallest first, and what the upload was.</summary>
    public sealed record Processed(string Format, int Width, int Height, IReadOnlyList<(int Width, int Height, byte[] Webp)> Files) : Outcome;

    /// <summary>Refused, with the HTTP status and the reason (about the field "file").</summary>
    public sealed record Refused(int Status, string Title, string Message) : Outcome;

    /// <summary>At most two pictures decoded at once: a 40-megapixel PNG takes 160 MB while decoded.</summary>
    private static readonly SemaphoreSlim Decoding = new(2);

    public static string? Sniff(ReadOnlySpan<byte> data) => data switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "png",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "webp",
        _ => null,
    };

    public static async Task<Outcome> ProcessAsync(byte[] data, CancellationToken ct)
    {
        if (data.LongLength > MaxBytes)
            return new Refused(StatusCodes.Status413PayloadTooLarge, "Picture too large", $"At most {MaxBytes / (1024 * 1024)} MB.");
        if (Sniff(data) is not { } format)
            return new Refused(StatusCodes.Status415UnsupportedMediaType, "Not a picture", "A JPEG, PNG or WebP picture (its content is read, not its name or declared type).");

        using var encoded = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(encoded);
        if (codec is null) return Damaged();
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > MaxPixels)
            return new Refused(StatusCodes.Status422UnprocessableEntity, "Picture too large",
                $"At most {MaxPixels / 1_000_000} megapixels; this one has {width} × {height} pixels.");
        var upright = codec.EncodedOrigin >= SKEncodedOrigin.LeftTop ? (Width: height, Height: width) : (Width: width, Height: height);
        if (upright.Width < MinSide || upright.Height < MinSide)
            return new Refused(StatusCodes.Status422UnprocessableEntity, "Picture too small", $"At least {MinSide} × {MinSide} pixels (what link previews need).");

        await Decoding.WaitAsync(ct);
        try
        {
            using var source = Decode(codec, Sizes(upright.Width, upright.Height)[^1]);
            if (source is null) return Damaged();
            var files = Sizes(upright.Width, upright.Height).Select(size => (size.Width, size.Height, Render(source, codec.EncodedOrigin, size))).ToList();
            return new Processed(format, upright.Width, upright.Height, files);
        }
        finally
        {
            Decoding.Release();
        }
    }

    /// <summary>The derivatives' sizes, smallest first: the picture fitted in each box (never enlarged; the same size once).</summary>
    public static IReadOnlyList<(int Width, int Height)> Sizes(int width, int height)
    {
        var sizes = new List<(int, int)>();
        foreach (var box in Boxes)
        {
            var scale = Math.Min(1.0, (double)box / Math.Max(width, height));
            var size = (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
            if (!sizes.Contains(size)) sizes.Add(size);
        }
        return sizes;
    }

    private static Refused Damaged() =>
        new(StatusCodes.Status422UnprocessableEntity, "Unreadable picture", "The file is damaged or incomplete: export it again as JPEG, PNG or WebP.");

    /// <summary>Decodes into sRGB, at the smallest scale the codec offers that still covers <paramref name="largest"/> (upright).</summary>
    private static SKBitmap? Decode(SKCodec codec, (int Width, int Height) largest)
    {
        var info = codec.Info;
        var swapped = codec.EncodedOrigin >= SKEncodedOrigin.LeftTop;
        var needed = swapped ? (Width: largest.Height, Height: largest.Width) : largest;
        var scale = Math.Max((float)needed.Width / info.Width, (float)needed.Height / info.Height);
        var scaled = codec.GetScaledDimensions(scale);
        if (scaled.Width < needed.Width || scaled.Height < needed.Height) scaled = info.Size;
        var target = new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888,
            info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap(target);
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result == SKCodecResult.Success) return bitmap; // a truncated file (IncompleteInput) is refused, not shown half grey
        bitmap.Dispose();
        return null;
    }

    /// <summary>The source turned upright (EXIF orientation) and resized to <paramref name="size"/>, as WebP.</summary>
    private static byte[] Render(SKBitmap source, SKEncodedOrigin origin, (int Width, int Height) size)
    {
        var (w, h) = ((float)source.Width, (float)source.Height);
        var orient = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        var (uprightWidth, uprightHeight) = origin >= SKEncodedOrigin.LeftTop ? (h, w) : (w, h);
        var matrix = SKMatrix.Concat(SKMatrix.CreateScale(size.Width / uprightWidth, size.Height / uprightHeight), orient);

        using var target = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, source.AlphaType, SKColorSpace.CreateSrgb()));
        using (var canvas = new SKCanvas(target))
        using (var image = SKImage.FromBitmap(source))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.SetMatrix(matrix);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }
        using var pixels = target.PeekPixels();
        using var webp = pixels.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, WebpQuality))
            ?? throw new InvalidOperationException("Skia could not encode the picture as WebP.");
        return webp.ToArray();
    }
}
