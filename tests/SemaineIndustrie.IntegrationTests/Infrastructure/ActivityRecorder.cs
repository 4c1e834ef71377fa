using System.Collections.Concurrent;
using System.Diagnostics;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>Records every finished activity in the process, to check what one trace spans.</summary>
public sealed class ActivityRecorder : IDisposable
{
    public static readonly ActivitySource TestSource = new("SemaineIndustrie.Tests");

    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<Activity> stopped = new();

    public ActivityRecorder()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => stopped.Where(a => a.TraceId == traceId).ToList();

    public void Dispose() => listener.Dispose();
}
