using SemaineIndustrie.ServiceDefaults.Mail;
using System.Net;

namespace SemaineIndustrie.Identity.Mail;

/// <summary>
/// The account mails, in French. Names and organisation names come from users: they are HTML-encoded in
/// the HTML part and the plain-text part carries them as typed (no markup is interpreted there).
/// </summary>
public static class AccountMails
{
    public static OutgoingMail Verification(string to, string name, Uri link) => Build(to,
        "Confirmez votre adresse – Semaine de l'Industrie",
        $"Bonjour {name},",
        "Pour activer votre compte organisateur, confirmez votre adresse électronique avec ce lien (valable 24 heures, une seule fois) :",
        link, "Confirmer mon adresse");

    public static OutgoingMail AlreadyRegistered(string to, Uri signIn, Uri reset) => Build(to,
        "Votre compte existe déjà – Semaine de l'Industrie",
        "Bonjour,",
        $"Quelqu'un (peut-être vous) a voulu créer un compte avec cette adresse, qui en a déjà un. Connectez-vous : {signIn} — ou, si vous avez oublié votre mot de passe, réinitialisez-le avec ce lien :",
        reset, "Réinitialiser mon mot de passe");

    public static OutgoingMail PasswordReset(string to, Uri link) => Build(to,
        "Réinitialisation de votre mot de passe – Semaine de l'Industrie",
        "Bonjour,",
        "Pour choisir un nouveau mot de passe, suivez ce lien (valable 24 heures, une seule fois). Si vous n'avez rien demandé, ignorez ce message.",
        link, "Choisir un nouveau mot de passe");

    public static OutgoingMail ReviewerInvitation(string to, string committee, Uri link) => Build(to,
        "Invitation au comité de labellisation – Semaine de l'Industrie",
        "Bonjour,",
        $"Vous êtes invité(e) à instruire les demandes de label de la Semaine de l'Industrie pour : {committee}. Acceptez l'invitation et choisissez votre mot de passe (lien valable 7 jours, une seule fois) :",
        link, "Accepter l'invitation");

    public static OutgoingMail AdminInvitation(string to, string scope, Uri link) => Build(to,
        "Invitation à administrer – Semaine de l'Industrie",
        "Bonjour,",
        $"Vous êtes invité(e) à administrer les comités de labellisation : {scope}. Acceptez l'invitation (lien valable 7 jours, une seule fois) :",
        link, "Accepter l'invitation");

    public static OutgoingMail ColleagueInvitation(string to, string organisation, Uri link) => Build(to,
        "Invitation à rejoindre une organisation – Semaine de l'Industrie", // no free text in a subject: the name is in the body
        "Bonjour,",
        $"Un membre de « {organisation} » vous invite à organiser avec lui des événements de la Semaine de l'Industrie. Acceptez l'invitation (lien valable 7 jours, une seule fois) :",
        link, "Rejoindre l'organisation");

    public static OutgoingMail PasswordChanged(string to, Uri security) => Build(to,
        "Votre mot de passe a été modifié – Semaine de l'Industrie",
        "Bonjour,",
        "Le mot de passe de votre compte vient d'être modifié et toutes vos sessions ont été fermées. Si ce n'est pas vous, réinitialisez-le tout de suite et prévenez l'assistance. Vos sessions et vos dernières connexions :",
        security, "Sécurité du compte");

    public static OutgoingMail ApiClientCreated(string to, string clientName, Uri security) => Build(to,
        "Un nouveau client d'API pour votre organisation – Semaine de l'Industrie", // the client's name is free text: in the body only
        "Bonjour,",
        $"Un client d'API « {clientName} » vient d'être créé pour votre organisation : il peut déclarer des événements en son nom. Si personne ne l'a voulu, révoquez-le. Les clients de votre organisation :",
        security, "Sécurité du compte");

    private static OutgoingMail Build(string to, string subject, string greeting, string body, Uri link, string action)
    {
        var text = $"{greeting}\n\n{body}\n{link}\n\n— L'équipe de la Semaine de l'Industrie\n";
        var html = $"""
            <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{E(subject)}</title></head>
            <body style="font-family:Marianne,Arial,sans-serif;color:#161616">
            <p>{E(greeting)}</p><p>{E(body)}</p>
            <p><a href="{E(link.AbsoluteUri)}" style="background:#000091;color:#fff;padding:8px 16px;text-decoration:none">{E(action)}</a></p>
            <p style="font-size:small">Si le bouton ne fonctionne pas, copiez ce lien : {E(link.AbsoluteUri)}</p>
            <p>— L'équipe de la Semaine de l'Industrie</p></body></html>
            """;
        return new OutgoingMail(to, subject, text, html);
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
