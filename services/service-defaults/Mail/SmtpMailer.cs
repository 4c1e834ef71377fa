using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.ServiceDefaults.Mail;

/// <summary>
/// A mail as a service writes it: a plain-text and an HTML part built from escaped text (each service keeps its
/// own templates), and what a bulk sender adds (a fixed Message-ID for retries, its date, its language, headers
/// such as List-Unsubscribe).
/// </summary>
public sealed record OutgoingMail(string To, string Subject, string Text, string Html)
{
    public string? MessageId { get; init; }
    public DateTimeOffset? Date { get; init; }
    public string? Language { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
}

/// <summary>
/// The platform's one way to hand a mail to the SMTP relay (section <see cref="MailOptions.Section"/>), used by the
/// identity service's account mails and the notification service's notices: MailKit, one connection per mail, TLS
/// and authentication as configured. A relay that cannot be reached or refuses is <see cref="DependencyUnavailableException"/>
/// (the caller's request or its retry loop decides what that means); the log never holds the address nor the content.
/// </summary>
public sealed class SmtpMailer(IOptions<MailOptions> options, ILogger<SmtpMailer> logger)
{
    public MimeMessage Compose(OutgoingMail mail)
    {
        var message = new MimeMessage { Subject = mail.Subject };
        if (mail.MessageId is { } id) message.MessageId = id;
        if (mail.Date is { } date) message.Date = date;
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        foreach (var (name, value) in mail.Headers) message.Headers.Add(name, value);
        if (mail.Language is { } language) message.Headers.Add(HeaderId.ContentLanguage, language);
        message.Body = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = mail.Text },
            new TextPart(TextFormat.Html) { Text = mail.Html },
        };
        return message;
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var settings = options.Value;
        var message = Compose(mail);
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
            throw new DependencyUnavailableException("The mail could not be sent (the mail relay is unavailable); what was recorded stays, try again in a minute.", ex);
        }
    }
}

public static class MailRegistration
{
    /// <summary>The relay's settings (section "Mail") and the one mailer.</summary>
    public static IServiceCollection AddSmtpMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section));
        return services.AddSingleton<SmtpMailer>();
    }
}
