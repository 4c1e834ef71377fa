using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>Records the measurements of one meter's counters and histograms in this process.</summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> measurements = new();

    public MetricRecorder(string meterName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
        listener.Start();
    }

    public double Sum(string instrument, string tag, string value) => measurements
        .Where(m => m.Instrument == instrument && m.Tags.Any(t => t.Key == tag && Equals(t.Value, value)))
        .Sum(m => m.Value);

    public int Count(string instrument) => measurements.Count(m => m.Instrument == instrument);

    public void Dispose() => listener.Dispose();
}
