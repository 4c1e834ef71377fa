using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using SemaineIndustrie.ServiceDefaults.Mail;

namespace SemaineIndustrie.Notification.Deliveries;

/// <summary>Hands a delivery to the SMTP relay. Throws when the relay did not accept it.</summary>
public interface IMailTransport
{
    Task SendAsync(Delivery delivery, CancellationToken ct);
}

/// <summary>
/// SMTP with MailKit: the delivery's fixed Message-ID, <c>List-Unsubscribe</c> and
/// <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c> (RFC 8058), <c>Auto-Submitted</c> (RFC 3834),
/// a plain-text and an HTML part.
/// </summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(Delivery delivery, CancellationToken ct)
    {
        var settings = options.Value;
        var message = Build(delivery, settings.From);
        using var smtp = new SmtpClient { Timeout = 15_000 };
        await smtp.ConnectAsync(settings.Host, settings.Port, Enum.Parse<SecureSocketOptions>(settings.Security, ignoreCase: true), ct);
        if (!string.IsNullOrEmpty(settings.UserName)) await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }

    public static MimeMessage Build(Delivery delivery, string from)
    {
        var message = new MimeMessage { Subject = delivery.Subject, MessageId = delivery.MessageId, Date = delivery.CreatedAt };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(delivery.Address));
        message.Headers.Add("List-Unsubscribe", $"<{delivery.UnsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add(HeaderId.ContentLanguage, delivery.Language);
        message.Body = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = delivery.TextBody },
            new TextPart(TextFormat.Html) { Text = delivery.HtmlBody },
        };
        return message;
    }
}
