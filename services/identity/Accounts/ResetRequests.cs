using SemaineIndustrie.ServiceDefaults.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Identity.Mail;
using SemaineIndustrie.ServiceDefaults.Work;

namespace SemaineIndustrie.Identity.Accounts;

/// <summary>A "forgot password" request, stored for every well-formed address alike; the sender decides later whether it mails.</summary>
public sealed class ResetRequest
{
    public Guid Id { get; init; }
    public required string Email { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
}

/// <summary>
/// Sends the reset mails outside the request, so that asking for a reset does the same work whether the address has
/// an account or not (before, only known addresses opened an SMTP session: a timing oracle for who has an account).
/// Woken at each request, and every minute for retries: a relay outage delays the mail (retried for an hour), never
/// loses it. One replica takes a request at a time (FOR UPDATE SKIP LOCKED).
/// </summary>
public sealed class ResetMailSender(IServiceScopeFactory scopes, ResetWakeUp wakeUp, TimeProvider clock, ILogger<ResetMailSender> logger)
    : PollingWorker(wakeUp, logger)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(1);

    protected override TimeSpan PollInterval => TimeSpan.FromMinutes(1);

    /// <summary>Handles one due request; false when none is due.</summary>
    public override async Task<bool> SendNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformIdentityDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = await db.ResetRequests.FromSql($"SELECT * FROM reset_requests WHERE next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(ct);
        if (request is null) return false;

        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        var user = await users.FindByEmailAsync(request.Email);
        if (user is not null)
        {
            try
            {
                var link = await scope.ServiceProvider.GetRequiredService<Registration>().ResetLinkAsync(user);
                await scope.ServiceProvider.GetRequiredService<SmtpMailer>().SendAsync(AccountMails.PasswordReset(user.Email!, user.PreferredLanguage, link), ct);
            }
            catch (ServiceDefaults.Web.DependencyUnavailableException) when (now - request.CreatedAt < GiveUpAfter)
            {
                request.Attempts++;
                request.NextAttemptAt = now + TimeSpan.FromSeconds(Math.Min(600, 15 * Math.Pow(2, request.Attempts)));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return true;
            }
            catch (ServiceDefaults.Web.DependencyUnavailableException)
            {
                logger.LogError("Reset mail given up after {Attempts} attempts over an hour (mail relay unavailable)", request.Attempts + 1);
            }
        }
        db.ResetRequests.Remove(request);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}

/// <summary>Told by a reset request that it is committed: this replica's sender looks now.</summary>
public sealed class ResetWakeUp : WakeUp;
