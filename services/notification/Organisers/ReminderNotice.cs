using MassTransit;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Notification.Deliveries;
using SemaineIndustrie.Notification.Recipients;
using SemaineIndustrie.ServiceDefaults.Time;

namespace SemaineIndustrie.Notification.Organisers;

/// <summary>
/// A submission window closes soon: the organisation's members are told which drafts to finish and which demands await
/// their changes — one mail per member per (organisation, edition, kind), in their language, with the unsubscribe link.
/// </summary>
public sealed class ReminderNotice(NotificationDbContext db, People people, Notices notices) : IConsumer<SubmissionReminderDue>
{
    public async Task Consume(ConsumeContext<SubmissionReminderDue> context)
    {
        var message = context.Message;
        var members = await people.OfOrganisationAsync(message.OrganisationId, context.CancellationToken);
        var recorded = await db.ConsumeOnceAsync(context, this, ct => notices.RecordAsync(
            $"{Kinds.Reminder}:{message.OrganisationId}:{message.Edition}:{message.Kind}", Kinds.Reminder, members, _ => new Dictionary<string, object?>
            {
                ["edition"] = message.Edition,
                ["closes"] = ParisTime.Format(message.SubmissionsClose, "dd/MM/yyyy HH:mm"),
                ["closes_en"] = ParisTime.Format(message.SubmissionsClose, "yyyy-MM-dd HH:mm"),
                ["drafts"] = message.Drafts.Select(d => Item(d.Title, notices.Link($"mon-espace/demandes/nouvelle?brouillon={d.Id}"))).ToList(),
                ["changes"] = message.AwaitingChanges.Select(s => Item(s.Title, notices.Link($"mon-espace/demandes/{s.Id}/modifier"))).ToList(),
                ["demands_url"] = notices.Link("mon-espace/demandes"),
            }, ct));
        if (recorded) notices.Committed();
    }

    private static Dictionary<string, object?> Item(string? title, string url) => new() { ["title"] = title, ["url"] = url };
}
