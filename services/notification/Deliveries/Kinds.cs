namespace SemaineIndustrie.Notification.Deliveries;

/// <summary>The kinds of mail, each one a person can stop receiving.</summary>
public static class Kinds
{
    public const string Received = "submission-received", InReview = "in-review", Labelled = "labelled", Refused = "refused",
        ChangesRequested = "changes-requested", Withdrawn = "withdrawn", CommitteeDigest = "committee-digest",
        WebhookPaused = "webhook-paused", Reminder = "submission-reminder", Message = "conversation-message";

    /// <summary>What an organisation's members are told about their demands.</summary>
    public static readonly IReadOnlyList<string> Organisers = [Received, InReview, Labelled, Refused, ChangesRequested, Withdrawn, Reminder, Message];

    public static readonly IReadOnlyList<string> All = [.. Organisers, CommitteeDigest, WebhookPaused];

    public static string Label(string kind, string language) => (kind, language) switch
    {
        (Received, "en") => "application received", (Received, _) => "demande reçue",
        (InReview, "en") => "under review", (InReview, _) => "demande en cours d'examen",
        (Labelled, "en") => "label granted", (Labelled, _) => "label accordé",
        (Refused, "en") => "label refused", (Refused, _) => "label refusé",
        (ChangesRequested, "en") => "changes requested", (ChangesRequested, _) => "modifications demandées",
        (Withdrawn, "en") => "event withdrawn", (Withdrawn, _) => "événement retiré",
        (CommitteeDigest, "en") => "committee's daily digest", (CommitteeDigest, _) => "résumé quotidien du comité",
        (Reminder, "en") => "reminders before the submission deadline", (Reminder, _) => "rappels avant la clôture des demandes",
        (Message, "en") => "messages about a demand", (Message, _) => "messages échangés sur une demande",
        (WebhookPaused, "en") => "webhook paused", (WebhookPaused, _) => "abonnement webhook suspendu",
        _ => kind,
    };
}
