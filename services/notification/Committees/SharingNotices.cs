using MassTransit;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Notification.Deliveries;
using SemaineIndustrie.Notification.Recipients;
using SemaineIndustrie.ServiceDefaults.Time;

namespace SemaineIndustrie.Notification.Committees;

/// <summary>A case handed to a colleague: they are told, in their language, what and until when (one mail per hand-over).</summary>
public sealed class CaseAssignedNotice(NotificationDbContext db, People people, Notices notices) : IConsumer<CaseAssigned>
{
    public async Task Consume(ConsumeContext<CaseAssigned> context)
    {
        var m = context.Message;
        var taken = await db.ConsumeOnceAsync(context, this, async ct =>
        {
            if (await people.ByIdAsync(m.AssignedTo, ct) is not { } colleague) return;
            await notices.RecordAsync($"{Kinds.CaseAssigned}:{m.CaseId}:{m.At.UtcTicks}", Kinds.CaseAssigned, [colleague], r => new Dictionary<string, object?>
            {
                ["title"] = m.Title, ["departement"] = m.Departement, ["by"] = m.AssignedByName ?? "",
                ["due"] = ParisTime.Format(m.DueAt.AddMinutes(-1), "dd/MM/yyyy"),
                ["until"] = ParisTime.Format(m.Until, r.Language == "en" ? "yyyy-MM-dd HH:mm" : "dd/MM/yyyy HH:mm"),
                ["url"] = notices.Link($"mon-espace/dossiers/{m.CaseId}"),
            }, ct);
        });
        if (taken) notices.Committed();
    }
}

/// <summary>
/// A case escalated to the région's administrators ("region"): each of them is mailed once, in their language. The national
/// level is a list on the national team's dashboard, not a mail.
/// </summary>
public sealed class CaseEscalatedNotice(NotificationDbContext db, People people, Notices notices) : IConsumer<CaseEscalated>
{
    public async Task Consume(ConsumeContext<CaseEscalated> context)
    {
        var m = context.Message;
        if (m.Level != CaseEscalated.Regional) return;
        var taken = await db.ConsumeOnceAsync(context, this, async ct =>
        {
            var administrators = await people.AdministratorsOfAsync(m.Region, ct);
            await notices.RecordAsync($"{Kinds.CaseEscalated}:{m.CaseId}:{m.Level}", Kinds.CaseEscalated, administrators, _ => new Dictionary<string, object?>
            {
                ["title"] = m.Title, ["departement"] = m.Departement, ["late"] = m.WorkingDaysLate,
                ["due"] = ParisTime.Format(m.DueAt.AddMinutes(-1), "dd/MM/yyyy"), ["held"] = m.HeldBy is not null,
                ["url"] = notices.Link($"mon-espace/dossiers/{m.CaseId}"), ["dashboard_url"] = notices.Link("mon-espace/tableau-de-bord#escalades"),
            }, ct);
        });
        if (taken) notices.Committed();
    }
}
