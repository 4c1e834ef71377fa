using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace SemaineIndustrie.ServiceDefaults.Time;

/// <summary>
/// The platform's two clocks (docs/time.md). The host's <see cref="TimeProvider"/> is always real time: the
/// framework takes cookie, OpenID Connect and token expiry times, data-protection key lifetimes and timers from it,
/// and browsers, caches and other processes compare them with their own clocks. The <see cref="DomainClock"/> is
/// what the labelling rules call "now" (edition windows, deadlines, overdue flags, the dates a case's history
/// shows); in Development only, <c>Clock:Start</c> shifts it so that a local run or a test stands inside a past
/// edition's submission window (the seeded 2018 edition), running on at the real pace.
/// </summary>
public static class PlatformClock
{
    public const string StartSetting = "Clock:Start";
    /// <summary>
    /// The real instant <c>Clock:Start</c> stands for: the launcher's start, one for every process. Without it each process
    /// shifts from its own start, and one restarted later (after a restore, an outage) ran behind the others: a case could
    /// be decided before it was received.
    /// </summary>
    public const string AnchorSetting = "Clock:Anchor";

    public static IHostApplicationBuilder AddPlatformClock(this IHostApplicationBuilder builder)
    {
        var start = builder.Configuration.GetValue<DateTimeOffset?>(StartSetting);
        var anchor = builder.Configuration.GetValue<DateTimeOffset?>(AnchorSetting) ?? TimeProvider.System.GetUtcNow();
        var shift = start is { } s && builder.Environment.IsDevelopment() ? s - anchor : TimeSpan.Zero;
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(services => new DomainClock(services.GetRequiredService<TimeProvider>(), shift));
        return builder;
    }
}
