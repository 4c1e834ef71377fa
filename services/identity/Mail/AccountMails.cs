using SemaineIndustrie.ServiceDefaults.Mail;
using System.Net;

namespace SemaineIndustrie.Identity.Mail;

/// <summary>
/// The account mails, in the recipient's language (the account's preferred language: the one its owner registered in);
/// invitations go to people without an account yet, so they are in French then English. Texts are IdentityText's. Names
/// and organisation names come from users: they are HTML-encoded in the HTML part and the plain-text part carries them as
/// typed (no markup is interpreted there); none is put in a subject.
/// </summary>
public static class AccountMails
{
    private sealed record Part(string Language, string Subject, string Greeting, string Body, string Action);

    private static Part In(string language, string subject, string greeting, string body, string action) =>
        new(language, IdentityText.In(language, subject), greeting, body, IdentityText.In(language, action));

    public static OutgoingMail Verification(string to, string language, string name, Uri link) => Build(to, link,
        In(language, "VerificationSubject", IdentityText.In(language, "MailHelloName", name), IdentityText.In(language, "VerificationBody"), "VerificationAction"));

    public static OutgoingMail AlreadyRegistered(string to, string language, Uri signIn, Uri reset) => Build(to, reset,
        In(language, "AlreadyRegisteredSubject", IdentityText.In(language, "MailHello"), IdentityText.In(language, "AlreadyRegisteredBody", signIn), "AlreadyRegisteredAction"));

    public static OutgoingMail PasswordReset(string to, string language, Uri link) => Build(to, link,
        In(language, "ResetSubject", IdentityText.In(language, "MailHello"), IdentityText.In(language, "ResetBody"), "ResetAction"));

    /// <param name="committee">The committee's territory, described in the given language.</param>
    public static OutgoingMail ReviewerInvitation(string to, Func<string, string> committee, Uri link) => Build(to, link,
        [.. Both(language => In(language, "ReviewerInvitationSubject", IdentityText.In(language, "MailHello"),
            IdentityText.In(language, "ReviewerInvitationBody", committee(language)), "AcceptInvitation"))]);

    /// <param name="scope">What the invitee will administer, described in the given language.</param>
    public static OutgoingMail AdminInvitation(string to, Func<string, string> scope, Uri link) => Build(to, link,
        [.. Both(language => In(language, "AdminInvitationSubject", IdentityText.In(language, "MailHello"),
            IdentityText.In(language, "AdminInvitationBody", scope(language)), "AcceptInvitation"))]);

    public static OutgoingMail ColleagueInvitation(string to, string organisation, Uri link) => Build(to, link,
        [.. Both(language => In(language, "ColleagueInvitationSubject", IdentityText.In(language, "MailHello"), // no free text in a subject: the name is in the body
            IdentityText.In(language, "ColleagueInvitationBody", organisation), "ColleagueInvitationAction"))]);

    public static OutgoingMail PasswordChanged(string to, string language, Uri security) => Build(to, security,
        In(language, "PasswordChangedSubject", IdentityText.In(language, "MailHello"), IdentityText.In(language, "PasswordChangedBody"), "SecurityTitle"));

    public static OutgoingMail ApiClientCreated(string to, string language, string clientName, Uri security) => Build(to, security,
        In(language, "ApiClientSubject", IdentityText.In(language, "MailHello"), IdentityText.In(language, "ApiClientBody", clientName), "SecurityTitle"));

    private static IEnumerable<Part> Both(Func<string, Part> part) => new[] { "fr", "en" }.Select(part);

    /// <summary>One mail: one part per language (French first), each with its greeting, text, button and signature.</summary>
    private static OutgoingMail Build(string to, Uri link, params Part[] parts)
    {
        var subject = string.Join(" / ", parts.Select(p => p.Subject)) + IdentityText.In(parts[0].Language, "MailSuffix");
        var notice = parts.Length > 1 ? IdentityText.In("en", "InEnglishBelow") : null;
        var text = (notice is null ? "" : $"({notice})\n\n") + string.Join("\n\n----\n\n", parts.Select(p =>
            $"{p.Greeting}\n\n{p.Body}\n{link}\n\n{IdentityText.In(p.Language, "MailSignature")}\n"));
        var html = $"""
            <!DOCTYPE html><html lang="{parts[0].Language}"><head><meta charset="utf-8"><title>{E(subject)}</title></head>
            <body style="font-family:Marianne,Arial,sans-serif;color:#161616">
            {(notice is null ? "" : $"<p lang=\"en\" style=\"font-size:small\">{E(notice)}</p>")}
            {string.Join("<hr>", parts.Select(p => $"""
                <div lang="{p.Language}">
                <p>{E(p.Greeting)}</p><p>{E(p.Body)}</p>
                <p><a href="{E(link.AbsoluteUri)}" style="background:#000091;color:#fff;padding:8px 16px;text-decoration:none">{E(p.Action)}</a></p>
                <p style="font-size:small">{E(IdentityText.In(p.Language, "MailLinkFallback", link.AbsoluteUri))}</p>
                <p>{E(IdentityText.In(p.Language, "MailSignature"))}</p>
                </div>
                """))}
            </body></html>
            """;
        return new OutgoingMail(to, subject, text, html);
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
