using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Notification.Deliveries;
using SemaineIndustrie.Notification.Recipients;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Work;

namespace SemaineIndustrie.Notification.Conversations;

/// <summary>
/// Mails each conversation window once it closes: to the organisation's members (a committee's messages), or to the committee
/// members who follow the case — else the whole committee of its département (an organiser's). One delivery per recipient
/// per window, recorded with the window's "sent" mark in one transaction; replicas take windows under the same per-demand
/// lock as the consumer, so a message never joins a window being sent.
/// </summary>
public sealed class ConversationMails(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ConversationOptions> options, ILogger<ConversationMails> logger)
    : PeriodicJob(logger)
{
    public static Task LockAsync(NotificationDbContext db, Guid submissionId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"conversation:" + submissionId}, 0))", ct);

    protected override TimeSpan Interval => options.Value.PollInterval;

    public override Task RunOnceAsync(CancellationToken ct) => SendClosedAsync(ct);

    /// <returns>How many windows were mailed.</returns>
    public async Task<int> SendClosedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        var due = await db.ConversationMails.AsNoTracking().Where(m => m.SentAt == null && m.ClosesAt <= clock.GetUtcNow())
            .OrderBy(m => m.ClosesAt).Select(m => m.Id).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            await using var each = scopes.CreateAsyncScope();
            var services = each.ServiceProvider;
            var context = services.GetRequiredService<NotificationDbContext>();
            await using var transaction = await context.Database.BeginTransactionAsync(ct);
            var mail = await context.ConversationMails.AsNoTracking().SingleAsync(m => m.Id == id, ct);
            await LockAsync(context, mail.SubmissionId, ct);
            mail = await context.ConversationMails.SingleAsync(m => m.Id == id, ct);
            if (mail.SentAt is not null) continue; // another replica sent it meanwhile
            var notices = services.GetRequiredService<Notices>();
            var recipients = await RecipientsAsync(services.GetRequiredService<People>(), context, mail, ct);
            await notices.RecordAsync($"{Kinds.Message}:{mail.Id}", Kinds.Message, recipients, recipient => Model(notices, mail, recipient), ct);
            mail.SentAt = clock.GetUtcNow();
            await context.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            notices.Committed();
            sent++;
        }
        return sent;
    }

    private static async Task<IReadOnlyList<Recipient>> RecipientsAsync(People people, NotificationDbContext db, ConversationMail mail, CancellationToken ct)
    {
        if (mail.To == "organiser") return await people.OfOrganisationAsync(mail.OrganisationId, ct);
        var committee = (await people.OfCommitteeAsync(mail.Region, ct))
            .Where(c => c.Departements.Count == 0 || c.Departements.Contains(mail.Departement)).Select(c => c.Person).ToList();
        var following = committee.Where(c => mail.Followers.Contains(c.UserId)).ToList();
        return following.Count > 0 ? following : committee;
    }

    private static Dictionary<string, object?> Model(Notices notices, ConversationMail mail, Recipient recipient) => new()
    {
        ["title"] = mail.Title,
        ["count"] = mail.Lines.Count,
        ["messages"] = mail.Lines.OrderBy(l => l.At).Select(l => new Dictionary<string, object?>
        {
            ["author"] = l.AuthorName, ["text"] = l.Text,
            ["at"] = ParisTime.Format(l.At, recipient.Language == "en" ? "yyyy-MM-dd HH:mm" : "dd/MM/yyyy HH:mm"),
        }).ToList(),
        ["url"] = notices.Link(mail.To == "organiser" ? $"mon-espace/demandes/{mail.SubmissionId}#echanges" : $"mon-espace/dossiers/{mail.CaseId}#echanges"),
    };
}
