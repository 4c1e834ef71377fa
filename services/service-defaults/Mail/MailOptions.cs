namespace SemaineIndustrie.ServiceDefaults.Mail;

/// <summary>Configuration section "Mail": the SMTP relay (smtp4dev locally, the ministry's relay in production), for every service that sends mail.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 2525;
    /// <summary>None, StartTls or SslOnConnect. Production relays require TLS; smtp4dev locally speaks plain SMTP.</summary>
    public string Security { get; set; } = "StartTls";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Semaine de l'Industrie <ne-pas-repondre@semaine-industrie.gouv.fr>";
}
