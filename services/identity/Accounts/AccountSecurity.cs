using SemaineIndustrie.ServiceDefaults.Mail;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using SemaineIndustrie.Identity.Auditing;
using SemaineIndustrie.Identity.Mail;
using SemaineIndustrie.Identity.Organisations;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SemaineIndustrie.Identity.Accounts;

/// <summary>What a person sees of their account's security: open sessions, their organisation's API clients, recent sign-ins; and the mails that tell them of a change.</summary>
public sealed class AccountSecurity(IOpenIddictTokenManager tokens, IOpenIddictApplicationManager applications, IntegrationClients clients,
    PlatformIdentityDbContext db, SmtpMailer mail, PublicLinks links, TimeProvider clock, ILogger<AccountSecurity> logger)
{
    public const string SignedIn = "account.signed-in";

    public sealed record OpenSession(string Application, DateTimeOffset? Since, DateTimeOffset? Until);
    public sealed record SignIn(DateTimeOffset At, string Method);

    /// <summary>One open session per valid refresh token (each front-end sign-in holds one).</summary>
    public async Task<List<OpenSession>> SessionsAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var sessions = new List<OpenSession>();
        await foreach (var token in tokens.FindBySubjectAsync(userId, ct))
        {
            if (await tokens.GetTypeAsync(token, ct) != TokenTypeIdentifiers.RefreshToken || await tokens.GetStatusAsync(token, ct) != Statuses.Valid) continue;
            var until = await tokens.GetExpirationDateAsync(token, ct);
            if (until < now) continue;
            var application = await tokens.GetApplicationIdAsync(token, ct) is { } id ? await applications.FindByIdAsync(id, ct) : null;
            var name = application is null ? "?" : await applications.GetDisplayNameAsync(application, ct) ?? await applications.GetClientIdAsync(application, ct) ?? "?";
            sessions.Add(new OpenSession(name, await tokens.GetCreationDateAsync(token, ct), until));
        }
        return [.. sessions.OrderByDescending(s => s.Since)];
    }

    public async Task<List<SignIn>> RecentSignInsAsync(string userId, CancellationToken ct) =>
        (await db.Audit.AsNoTracking().Where(a => a.TargetUser == userId && a.Action == SignedIn).OrderByDescending(a => a.Id).Take(10)
            .Select(a => new { a.At, a.Details }).ToListAsync(ct))
        .Select(a => new SignIn(a.At, System.Text.Json.JsonDocument.Parse(a.Details).RootElement.TryGetProperty("method", out var m) ? m.GetString() ?? "?" : "?")).ToList();

    /// <summary>The API clients of the person's organisation (anyone in it may see them; managers create and revoke).</summary>
    public async Task<List<IntegrationClients.Listed>> ApiClientsAsync(string userId, CancellationToken ct) =>
        await db.Members.AsNoTracking().Where(m => m.UserId == userId).Select(m => (Guid?)m.OrganisationId).SingleOrDefaultAsync(ct) is { } org
            ? await clients.ListAsync(org.ToString("N"), ct) : [];

    /// <summary>Staged with the caller's save: an audited sign-in, shown under "Dernières connexions".</summary>
    public void RecordSignIn(string userId, string method) => db.Record(clock.GetUtcNow(), userId, SignedIn, targetUser: userId, details: new { method });

    public Task TellPasswordChangedAsync(PlatformUser user, CancellationToken ct) =>
        TellAsync(AccountMails.PasswordChanged(user.Email!, user.PreferredLanguage, links.To("compte/securite")), ct);

    /// <summary>Every manager of the organisation is told that an API client was created.</summary>
    public async Task TellApiClientCreatedAsync(Guid organisation, string clientName, CancellationToken ct)
    {
        var managers = await (from m in db.Members.AsNoTracking()
                              join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                              where m.OrganisationId == organisation && m.IsManager && u.Email != null
                              select new { Email = u.Email!, u.PreferredLanguage }).ToListAsync(ct);
        foreach (var manager in managers) await TellAsync(AccountMails.ApiClientCreated(manager.Email, manager.PreferredLanguage, clientName, links.To("compte/securite")), ct);
    }

    /// <summary>A notice about something already done: a relay outage is logged, it does not undo or fail what was done.</summary>
    private async Task TellAsync(OutgoingMail notice, CancellationToken ct)
    {
        try
        {
            await mail.SendAsync(notice, ct);
        }
        catch (ServiceDefaults.Web.DependencyUnavailableException ex)
        {
            logger.LogWarning(ex, "Security notice '{Subject}' not sent (mail relay unavailable)", notice.Subject);
        }
    }
}
