using SkiaSharp;

namespace SemaineIndustrie.Bench;

/// <summary>The soak's plot, drawn with SkiaSharp: memory per process, lag, submissions and reads over the run, one panel each.</summary>
public static class SoakPlot
{
    private sealed record Series(string Name, IReadOnlyList<(double X, double? Y)> Points);

    private static readonly SKColor[] Palette =
    [
        new(0x00, 0x00, 0x91), new(0xE1, 0x00, 0x0F), new(0x18, 0x75, 0x3C), new(0xB3, 0x40, 0x00), new(0x6E, 0x44, 0x5A),
        new(0x00, 0x63, 0xCB), new(0x8D, 0x53, 0x3E), new(0x3A, 0x3A, 0x3A), new(0xA5, 0x58, 0xA0), new(0x00, 0x9C, 0x9C),
    ];

    public static void Draw(string path, IReadOnlyList<SoakSample> samples, string title)
    {
        const int width = 1400, panelHeight = 300, top = 50;
        var seconds = samples.Count > 1 ? (samples[1].Minute - samples[0].Minute) * 60 : 10;
        var panels = new (string Title, string Unit, List<Series> Series)[]
        {
            ("Resident memory per process", "MB", samples[0].ResidentMb.Keys
                .Select(name => new Series(name, samples.Select(s => (s.Minute, (double?)s.ResidentMb[name])).ToList())).ToList()),
            ("Decision → published lag (per 10 s)", "ms",
            [
                new Series("p50", samples.Select(s => (s.Minute, s.LagP50Ms)).ToList()),
                new Series("p99", samples.Select(s => (s.Minute, s.LagP99Ms)).ToList()),
            ]),
            ("Submissions", "per s",
            [
                new Series("posted", samples.Select(s => (s.Minute, (double?)(s.Posted / seconds))).ToList()),
                new Series("published", samples.Select(s => (s.Minute, (double?)(s.Published / seconds))).ToList()),
            ]),
            ("Public reads through the gateway, errors", "per s",
            [
                new Series("reads", samples.Select(s => (s.Minute, (double?)(s.Reads / seconds))).ToList()),
                new Series("errors", samples.Select(s => (s.Minute, (double?)(s.Errors / seconds))).ToList()),
            ]),
        };
        var height = top + panels.Length * panelHeight + 20;
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = File.Exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
            ? SKTypeface.FromFile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") : SKTypeface.Default;
        using var titleFont = new SKFont(typeface, 20);
        using var font = new SKFont(typeface, 13);
        using var ink = new SKPaint { Color = new SKColor(0x16, 0x16, 0x16), IsAntialias = true };
        using var grid = new SKPaint { Color = new SKColor(0xDD, 0xDD, 0xDD), StrokeWidth = 1 };
        canvas.DrawText(title, 20, 32, SKTextAlign.Left, titleFont, ink);
        var maxX = Math.Max(1, samples[^1].Minute);
        for (var p = 0; p < panels.Length; p++)
        {
            var (panelTitle, unit, series) = panels[p];
            var area = new SKRect(90, top + p * panelHeight + 30, width - 220, top + (p + 1) * panelHeight - 30);
            var maxY = series.SelectMany(s => s.Points).Where(pt => pt.Y is { } y && double.IsFinite(y)).Select(pt => pt.Y!.Value).DefaultIfEmpty(1).Max() * 1.1;
            if (maxY <= 0) maxY = 1;
            canvas.DrawText($"{panelTitle} ({unit})", area.Left, area.Top - 10, SKTextAlign.Left, font, ink);
            for (var t = 0; t <= 5; t++)
            {
                var y = area.Bottom - t * area.Height / 5;
                canvas.DrawLine(area.Left, y, area.Right, y, grid);
                canvas.DrawText($"{maxY * t / 5:N0}", area.Left - 8, y + 4, SKTextAlign.Right, font, ink);
            }
            var step = maxX > 30 ? 10 : maxX > 6 ? 2 : 1;
            for (var m = 0.0; m <= maxX + 1e-9; m += step)
            {
                var x = (float)(area.Left + m / maxX * area.Width);
                canvas.DrawLine(x, area.Top, x, area.Bottom, grid);
                canvas.DrawText($"{m:N0} min", x, area.Bottom + 16, SKTextAlign.Center, font, ink);
            }
            for (var s = 0; s < series.Count; s++)
            {
                using var line = new SKPaint { Color = Palette[s % Palette.Length], StrokeWidth = 2, IsAntialias = true, Style = SKPaintStyle.Stroke };
                SKPoint? previous = null;
                foreach (var (x, y) in series[s].Points)
                {
                    if (y is not { } value || !double.IsFinite(value)) { previous = null; continue; }
                    var point = new SKPoint((float)(area.Left + x / maxX * area.Width), (float)(area.Bottom - value / maxY * area.Height));
                    if (previous is { } from) canvas.DrawLine(from, point, line);
                    previous = point;
                }
                using var swatch = new SKPaint { Color = line.Color };
                var legendY = area.Top + 8 + s * 18;
                canvas.DrawRect(area.Right + 16, legendY - 8, 14, 4, swatch);
                canvas.DrawText(series[s].Name, area.Right + 36, legendY, SKTextAlign.Left, font, ink);
            }
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }
}
