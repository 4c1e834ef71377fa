using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace SemaineIndustrie.ServiceDefaults.Time;

/// <summary>
/// The services' clock. In Development only, Clock:Start shifts it so that "now" begins at that instant
/// and runs on at the real pace: a local run or a test can stand inside a past edition's submission
/// window (the seeded 2018 edition). Any other environment always uses the system clock.
/// </summary>
public static class PlatformClock
{
    public static IHostApplicationBuilder AddPlatformClock(this IHostApplicationBuilder builder)
    {
        var start = builder.Configuration.GetValue<DateTimeOffset?>("Clock:Start");
        TimeProvider clock = start is { } s && builder.Environment.IsDevelopment() ? new ShiftedTimeProvider(s) : TimeProvider.System;
        builder.Services.TryAddSingleton(clock);
        return builder;
    }

    private sealed class ShiftedTimeProvider(DateTimeOffset start) : TimeProvider
    {
        private readonly TimeSpan shift = start - System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
