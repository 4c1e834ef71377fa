namespace SemaineIndustrie.Notification.Deliveries;

/// <summary>The kinds of mail, each one a person can stop receiving.</summary>
public static class Kinds
{
    public const string Received = "submission-received", InReview = "in-review", Labelled = "labelled", Refused = "refused",
        ChangesRequested = "changes-requested", Withdrawn = "withdrawn", CommitteeDigest = "committee-digest",
        WebhookPaused = "webhook-paused", Reminder = "submission-reminder", Message = "conversation-message",
        CaseAssigned = "case-assigned", CaseEscalated = "case-escalated";

    /// <summary>What an organisation's members are told about their demands.</summary>
    public static readonly IReadOnlyList<string> Organisers = [Received, InReview, Labelled, Refused, ChangesRequested, Withdrawn, Reminder, Message];

    /// <summary>What committee members and the région's administrators are told.</summary>
    public static readonly IReadOnlyList<string> Committees = [CommitteeDigest, CaseAssigned, CaseEscalated];

    public static readonly IReadOnlyList<string> All = [.. Organisers, .. Committees, WebhookPaused];

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
        (CaseAssigned, "en") => "a case handed to me", (CaseAssigned, _) => "dossier qui m'est confié",
        (CaseEscalated, "en") => "overdue cases escalated to the région", (CaseEscalated, _) => "dossiers en retard signalés à la région",
        (WebhookPaused, "en") => "webhook paused", (WebhookPaused, _) => "abonnement webhook suspendu",
        _ => kind,
    };
}
