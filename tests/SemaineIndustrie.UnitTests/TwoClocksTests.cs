using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SemaineIndustrie.ServiceDefaults;
using SemaineIndustrie.ServiceDefaults.Time;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>docs/time.md: shifted time is a domain notion; what the framework, browsers and other processes compare is real.</summary>
public sealed class TwoClocksTests
{
    private static readonly DateTimeOffset DemoStart = DateTimeOffset.Parse("2018-02-15T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);

    private static WebApplication Service(string environment, string? anchor = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection([
            new(PlatformClock.StartSetting, "2018-02-15T10:00:00+01:00"), new(PlatformClock.AnchorSetting, anchor),
            new("Auth:Authority", "https://auth.example.gouv.fr/"), new("Auth:Audience", "semaine-industrie-api")]);
        builder.AddServiceDefaults("test");
        builder.Services.AddAuthentication().AddCookie();
        return builder.Build();
    }

    [Fact]
    public async Task A_shifted_development_run_moves_the_domain_clock_and_nothing_else()
    {
        await using var app = Service("Development");
        var domainNow = app.Services.GetRequiredService<DomainClock>().GetUtcNow();
        Assert.InRange(domainNow, DemoStart, DemoStart.AddMinutes(5));
        // The host's clock — and so every cookie's, correlation's and token's expiry the framework computes — stays real.
        Assert.Same(TimeProvider.System, app.Services.GetRequiredService<TimeProvider>());
        var cookies = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        Assert.InRange(cookies.TimeProvider!.GetUtcNow(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_process_started_later_keeps_the_others_domain_time_through_the_launchers_anchor()
    {
        // The launcher started 10 minutes ago; this process (a restart, say) starts now: its domain clock reads 10 minutes
        // past the demo start, as the processes started with the launcher do — not the demo start again.
        var launched = DateTimeOffset.UtcNow.AddMinutes(-10);
        await using var app = Service("Development", launched.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        var domainNow = app.Services.GetRequiredService<DomainClock>().GetUtcNow();
        Assert.InRange(domainNow, DemoStart.AddMinutes(10), DemoStart.AddMinutes(11));
    }

    [Fact]
    public async Task Outside_development_the_start_setting_is_ignored()
    {
        await using var app = Service("Production");
        var clock = app.Services.GetRequiredService<DomainClock>();
        Assert.Equal(TimeSpan.Zero, clock.Shift);
        Assert.InRange(clock.GetUtcNow(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public void The_domain_clock_cannot_be_handed_to_the_framework_as_its_time()
    {
        // A TimeProvider registered shifted is what made every sign-in cookie expire in 2018.
        Assert.False(typeof(TimeProvider).IsAssignableFrom(typeof(DomainClock)));
    }
}
