using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace SemaineIndustrie.Tests.Shared;

/// <summary>
/// Pictures as organisers' cameras and tools make them, built here byte by byte: a JPEG carrying EXIF with a GPS
/// position and an orientation, a PNG, a header announcing 60 megapixels, a text file. Shared by the unit and the
/// integration tests (linked into both).
/// </summary>
public static class TestPictures
{
    /// <summary>Written into the EXIF description of <see cref="JpegWithGps"/>: no served byte may carry it.</summary>
    public const string PrivateDescription = "Maison privee, 12 rue des Lilas";

    public static byte[] Jpeg(int width = 800, int height = 600, SKColor? color = null) => Encode(width, height, SKEncodedImageFormat.Jpeg, color ?? SKColors.SteelBlue);

    public static byte[] Png(int width = 800, int height = 600) => Encode(width, height, SKEncodedImageFormat.Png, SKColors.DarkOrange);

    public static byte[] Webp(int width = 800, int height = 600) => Encode(width, height, SKEncodedImageFormat.Webp, SKColors.SeaGreen);

    /// <summary>A JPEG whose EXIF places the photo (GPS 43.6447 N, 0.5857 E: Auch), describes it and says how to turn it (1: upright, 6: turn 90° clockwise).</summary>
    public static byte[] JpegWithGps(int width = 800, int height = 600, ushort orientation = 1)
    {
        var jpeg = Jpeg(width, height);
        var exif = Exif(orientation);
        var segment = new byte[4 + exif.Length];
        segment[0] = 0xFF; segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(exif.Length + 2));
        exif.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]]; // right after SOI, where cameras write it
    }

    /// <summary>A PNG header announcing 10,000 × 6,000 pixels (60 megapixels) and no image data: only a decoder that reads it finds out.</summary>
    public static byte[] SixtyMegapixelPngHeader()
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, 10_000);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), 6_000);
        ihdr[8] = 8; ihdr[9] = 2; // 8 bits, RGB
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", [0x78, 0x9C, 0x01]), .. Chunk("IEND", [])];
    }

    public static byte[] Text() => Encoding.UTF8.GetBytes("Ceci n'est pas une image.\nC'est un fichier texte renommé en .png.\n");

    /// <summary>A JPEG of <paramref name="bytes"/> bytes: a real picture followed by padding (a file over the 5 MB limit).</summary>
    public static byte[] Padded(int bytes)
    {
        var jpeg = Jpeg();
        var padded = new byte[bytes];
        jpeg.CopyTo(padded, 0);
        Random.Shared.NextBytes(padded.AsSpan(jpeg.Length));
        return padded;
    }

    /// <summary>Whether a WebP file holds an EXIF or XMP chunk (RIFF chunks after the 12-byte header).</summary>
    public static bool HasMetadataChunk(byte[] webp)
    {
        for (var at = 12; at + 8 <= webp.Length;)
        {
            var id = Encoding.ASCII.GetString(webp, at, 4);
            if (id is "EXIF" or "XMP ") return true;
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(at + 4));
            at += 8 + size + (size & 1);
        }
        return false;
    }

    public static bool Contains(byte[] data, string text) => data.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, SKColor color)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(color);
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(0, 0, width / 2f, height / 4f, paint); // a white band at the top left: which way is up
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>"Exif\0\0" and a big-endian TIFF: IFD0 (orientation, description, GPS pointer), then the GPS IFD (latitude, longitude).</summary>
    private static byte[] Exif(ushort orientation)
    {
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)(v >> 8)); tiff.Add((byte)v); }
        void U32(long v) { U16((int)(v >> 16) & 0xFFFF); U16((int)v & 0xFFFF); }
        void Entry(int tag, int type, int count, long value) { U16(tag); U16(type); U32(count); U32(value); }

        var description = Encoding.ASCII.GetBytes(PrivateDescription + "\0");
        const int ifd0 = 8, ifd0Size = 2 + 3 * 12 + 4;
        var descriptionAt = ifd0 + ifd0Size;
        var gpsAt = descriptionAt + description.Length;
        const int gpsSize = 2 + 4 * 12 + 4;
        var rationalsAt = gpsAt + gpsSize;

        tiff.AddRange("MM"u8.ToArray()); U16(42); U32(ifd0);
        U16(3);
        Entry(0x010E, 2, description.Length, descriptionAt); // ImageDescription
        tiff.AddRange([0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0]); // Orientation, SHORT in place
        Entry(0x8825, 4, 1, gpsAt); // GPSInfo
        U32(0);
        tiff.AddRange(description);
        U16(4);
        tiff.AddRange([0x00, 0x01, 0x00, 0x02, 0, 0, 0, 2, (byte)'N', 0, 0, 0]); // GPSLatitudeRef
        Entry(0x0002, 5, 3, rationalsAt); // GPSLatitude: 43° 38' 41"
        tiff.AddRange([0x00, 0x03, 0x00, 0x02, 0, 0, 0, 2, (byte)'E', 0, 0, 0]); // GPSLongitudeRef
        Entry(0x0004, 5, 3, rationalsAt + 24); // GPSLongitude: 0° 35' 8"
        U32(0);
        foreach (var (n, d) in new[] { (43, 1), (38, 1), (41, 1), (0, 1), (35, 1), (8, 1) }) { U32(n); U32(d); }
        return [.. "Exif\0\0"u8.ToArray(), .. tiff];
    }
}
