namespace SemaineIndustrie.ServiceDefaults.Work;

/// <summary>
/// Tells this replica's sender that work was committed, so it looks now rather than at its next poll (other
/// replicas find the work by polling). A signal while one is pending is the same signal.
/// </summary>
public abstract class WakeUp
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Signal()
    {
        try { if (signal.CurrentCount == 0) signal.Release(); } catch (SemaphoreFullException) { }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);
}
