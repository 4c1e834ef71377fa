using SemaineIndustrie.ServiceDefaults.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace SemaineIndustrie.Identity.Mail;

/// <summary>A mail with a plain-text and an HTML part; callers build both from escaped text (<see cref="AccountMails"/>).</summary>
public sealed record OutgoingMail(string To, string Subject, string Text, string Html);

/// <summary>Sends over SMTP with MailKit, one connection per mail (account mails are rare and must not wait on a pool).</summary>
public sealed class MailSender(IOptions<MailOptions> options, ILogger<MailSender> logger)
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = mail.Text },
            new TextPart(TextFormat.Html) { Text = mail.Html },
        };

        using var smtp = new SmtpClient { Timeout = 15_000 };
        try
        {
            await smtp.ConnectAsync(settings.Host, settings.Port, Enum.Parse<SecureSocketOptions>(settings.Security, ignoreCase: true), ct);
            if (!string.IsNullOrEmpty(settings.UserName)) await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException or TimeoutException)
        {
            logger.LogError(ex, "SMTP relay {Host}:{Port} unavailable", settings.Host, settings.Port);
            throw new ServiceDefaults.Web.DependencyUnavailableException(
                "The mail could not be sent (the mail relay is unavailable); what was recorded stays, try again in a minute.", ex);
        }
        logger.LogInformation("Account mail '{Subject}' sent", mail.Subject); // never the address nor the link: they are personal data and secrets
    }
}
