using System.Threading.RateLimiting;

namespace SemaineIndustrie.Geocoding.Providers;

/// <summary>
/// A strict rate limiter: a permit is granted only when fewer than <c>permits</c> were granted in the
/// last <c>window</c>, so no window of that length ever holds more. (Token buckets and segmented sliding
/// windows can let a burst straddle two periods.) Waiters queue in order up to <c>queueLimit</c>;
/// beyond that, or past their cancellation, they are rejected.
/// </summary>
public sealed class SlidingLogRateLimiter(int permits, TimeSpan window, int queueLimit, TimeProvider? clock = null) : RateLimiter
{
    private readonly Queue<long> granted = new();
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private int waiting;

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => new() { CurrentQueuedCount = waiting };

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => TryGrant() ? Lease.Acquired : Lease.Rejected;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref waiting) > queueLimit)
        {
            Interlocked.Decrement(ref waiting);
            return Lease.Rejected;
        }
        try
        {
            await turn.WaitAsync(cancellationToken); // one waiter at a time, in arrival order
            try
            {
                while (true)
                {
                    var wait = TimeToNextPermit();
                    if (wait <= TimeSpan.Zero && TryGrant()) return Lease.Acquired;
                    await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), clock, cancellationToken);
                }
            }
            finally
            {
                turn.Release();
            }
        }
        catch (OperationCanceledException)
        {
            return Lease.Rejected;
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    private bool TryGrant()
    {
        lock (granted)
        {
            var now = clock.GetTimestamp();
            while (granted.Count > 0 && clock.GetElapsedTime(granted.Peek(), now) >= window) granted.Dequeue();
            if (granted.Count >= permits) return false;
            granted.Enqueue(now);
            return true;
        }
    }

    private TimeSpan TimeToNextPermit()
    {
        lock (granted)
        {
            if (granted.Count < permits) return TimeSpan.Zero;
            return window - clock.GetElapsedTime(granted.Peek());
        }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true), Rejected = new(false);
        public override bool IsAcquired => acquired;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata) { metadata = null; return false; }
    }
}
