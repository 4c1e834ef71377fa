using SemaineIndustrie.ServiceDefaults.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Identity.Auditing;
using SemaineIndustrie.Identity.Mail;
using SemaineIndustrie.Identity.Tokens;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Identity.Accounts;

/// <summary>
/// Self-registration of organisers, e-mail verification and password reset. Every answer that an
/// outsider sees is the same for known and unknown addresses; what differs goes into the mail, which
/// only the mailbox's owner reads.
/// </summary>
public sealed class Registration(UserManager<PlatformUser> users, PlatformIdentityDbContext db, SmtpMailer mail, PublicLinks links,
    TimeProvider clock, IOptions<PlatformIdentityOptions> options, Sessions sessions, AccountSecurity security, ResetWakeUp resetMails, ILogger<Registration> logger)
{
    /// <returns>Field errors (name, email, password), empty when the mail is on its way.</returns>
    public async Task<Dictionary<string, string>> RegisterAsync(string? name, string? email, string? password, CancellationToken ct)
    {
        var errors = CheckProfile(name, email);
        if (await CheckPasswordAsync(password) is { } weak) errors["password"] = weak;
        if (errors.Count > 0) return errors;
        email = email!.Trim();

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            users.PasswordHasher.HashPassword(existing, password!); // the hash a new account pays: the same time for known addresses
            await mail.SendAsync(AccountMails.AlreadyRegistered(email, existing.PreferredLanguage, links.To("compte/connexion"), await ResetLinkAsync(existing)), ct);
            return errors;
        }

        var user = new PlatformUser { UserName = email, Email = email, DisplayName = name!.Trim(), CreatedAt = clock.GetUtcNow(), PreferredLanguage = PlatformCultures.Current };
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
        {
            // A concurrent registration of the same address lands here: answer as for a known address.
            logger.LogInformation("Registration refused by Identity: {Codes}", string.Join(",", created.Errors.Select(e => e.Code)));
            if (created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail")) return errors;
            errors["password"] = IdentityText.Now("PasswordRefused");
            return errors;
        }
        db.Record(clock.GetUtcNow(), user.Id, "account.registered", targetUser: user.Id);
        await db.SaveChangesAsync(ct);
        await SendVerificationAsync(user, ct);
        return errors;
    }

    public async Task SendVerificationAsync(PlatformUser user, CancellationToken ct)
    {
        var (secret, hash) = SecretLinks.New();
        db.EmailVerifications.Add(new EmailVerification { TokenHash = hash, UserId = user.Id, ExpiresAt = clock.GetUtcNow() + options.Value.EmailLinkLifetime });
        await db.SaveChangesAsync(ct);
        await mail.SendAsync(AccountMails.Verification(user.Email!, user.PreferredLanguage, user.DisplayName, links.To("compte/verifier", ("t", secret))), ct);
    }

    /// <summary>Confirms the address of a single-use, unexpired link; false otherwise (used, expired, unknown).</summary>
    public async Task<bool> VerifyAsync(string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100) return false;
        var hash = SecretLinks.Hash(secret);
        var now = clock.GetUtcNow();
        // One UPDATE decides who uses the link: a second click (or a concurrent one) finds it used.
        var used = await db.EmailVerifications.Where(v => v.TokenHash == hash && v.UsedAt == null && v.ExpiresAt > now)
            .ExecuteUpdateAsync(v => v.SetProperty(x => x.UsedAt, now), ct);
        if (used == 0) return false;
        var userId = await db.EmailVerifications.Where(v => v.TokenHash == hash).Select(v => v.UserId).SingleAsync(ct);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return false;
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        db.Record(now, user.Id, "account.email-verified", targetUser: user.Id);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Stores the request for any well-formed address — the same work whether it has an account or not — and wakes
    /// the sender, which mails a reset link when it has one (<see cref="ResetMailSender"/>). Says nothing either way.
    /// </summary>
    public async Task ForgotPasswordAsync(string? email, CancellationToken ct)
    {
        if (CheckProfile("x", email).Count > 0) return;
        var now = clock.GetUtcNow();
        db.ResetRequests.Add(new ResetRequest { Id = Guid.CreateVersion7(now), Email = email!.Trim(), CreatedAt = now, NextAttemptAt = now });
        await db.SaveChangesAsync(ct);
        resetMails.Signal();
    }

    /// <summary>
    /// ASP.NET Core Identity's reset token is bound to the security stamp, which the reset changes: single use. A reset
    /// ends every session of the person: whoever had the old password, or a stolen session, is out.
    /// </summary>
    public async Task<Dictionary<string, string>> ResetPasswordAsync(string? userId, string? token, string? password)
    {
        var errors = new Dictionary<string, string>();
        if (await CheckPasswordAsync(password) is { } weak) { errors["password"] = weak; return errors; }
        var user = userId is { Length: <= 100 } ? await users.FindByIdAsync(userId) : null;
        var result = user is null || token is null ? null : await users.ResetPasswordAsync(user, token, password!);
        if (result is not { Succeeded: true })
        {
            errors["link"] = IdentityText.Now("ResetLinkInvalid");
            return errors;
        }
        user!.EmailConfirmed = true; // the link reached the mailbox
        await users.UpdateAsync(user);
        await users.ResetAccessFailedCountAsync(user);
        await sessions.EndEverywhereAsync(user, user.Id, "password.reset", CancellationToken.None);
        await security.TellPasswordChangedAsync(user, CancellationToken.None);
        return errors;
    }

    public static Dictionary<string, string> CheckProfile(string? name, string? email)
    {
        var errors = new Dictionary<string, string>();
        var n = name?.Trim();
        if (string.IsNullOrEmpty(n) || n.Length > 200 || TextRules.Check(n, multiLine: false) is not null)
            errors["name"] = IdentityText.Now("NameInvalid");
        if (!EmailAddresses.IsValid(email))
            errors["email"] = IdentityText.Now("EmailInvalid");
        return errors;
    }

    public async Task<string?> CheckPasswordAsync(string? password)
    {
        if (string.IsNullOrEmpty(password)) return IdentityText.Now("PasswordMissing");
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new PlatformUser(), password);
            if (!result.Succeeded) return IdentityText.Now("PasswordWeak");
        }
        return null;
    }

    public async Task<Uri> ResetLinkAsync(PlatformUser user) =>
        links.To("compte/reinitialiser", ("u", user.Id), ("t", await users.GeneratePasswordResetTokenAsync(user)));
}
