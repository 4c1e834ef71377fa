namespace SemaineIndustrie.ServiceDefaults.Time;

/// <summary>
/// "Now" for the labelling rules: edition windows, review deadlines and overdue flags, the instants a
/// submission's or a case's history records. It is the host's real clock moved by a fixed shift (zero outside
/// Development). It is deliberately not a <see cref="TimeProvider"/>: nothing the framework computes — cookie and
/// token lifetimes, HTTP caching headers, timers, retries — can be handed shifted time by mistake.
/// </summary>
public sealed class DomainClock(TimeProvider time, TimeSpan shift)
{
    public DomainClock(TimeProvider time) : this(time, TimeSpan.Zero)
    {
    }

    /// <summary>How far the domain's "now" is from real time (zero in every environment but a shifted Development run).</summary>
    public TimeSpan Shift => shift;

    public DateTimeOffset GetUtcNow() => time.GetUtcNow() + shift;
}
