using SemaineIndustrie.ServiceDefaults.Mail;

namespace SemaineIndustrie.Notification.Deliveries;

/// <summary>Hands a delivery to the SMTP relay. Throws when the relay did not accept it.</summary>
public interface IMailTransport
{
    Task SendAsync(Delivery delivery, CancellationToken ct);
}

/// <summary>
/// A delivery through the platform's mailer (<see cref="SmtpMailer"/>) with what a notice adds: the delivery's fixed
/// Message-ID (a retry is the same mail), <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>
/// (RFC 8058), <c>Auto-Submitted</c> (RFC 3834) and the recipient's language.
/// </summary>
public sealed class SmtpMailTransport(SmtpMailer mailer) : IMailTransport
{
    public Task SendAsync(Delivery delivery, CancellationToken ct) => mailer.SendAsync(Mail(delivery), ct);

    public static OutgoingMail Mail(Delivery delivery) => new(delivery.Address, delivery.Subject, delivery.TextBody, delivery.HtmlBody)
    {
        MessageId = delivery.MessageId,
        Date = delivery.CreatedAt,
        Language = delivery.Language,
        Headers =
        [
            new("List-Unsubscribe", $"<{delivery.UnsubscribeUrl}>"),
            new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            new("Auto-Submitted", "auto-generated"),
        ],
    };
}
