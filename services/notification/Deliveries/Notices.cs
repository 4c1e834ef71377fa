using SemaineIndustrie.ServiceDefaults.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Notification.Recipients;
using SemaineIndustrie.Notification.Unsubscribe;
using SemaineIndustrie.ServiceDefaults.Mail;

namespace SemaineIndustrie.Notification.Deliveries;

/// <summary>
/// Records the deliveries an event causes — one per (event, recipient, channel), rendered now, in the
/// caller's transaction (the consumer's, with its inbox row); <see cref="Committed"/> then wakes the sender.
/// An event recorded before (redelivered, or published twice under another message id) adds nothing.
/// </summary>
public sealed class Notices(NotificationDbContext db, MailTemplates templates, UnsubscribeLinks links, IOptions<MailOptions> mail,
    IOptions<NotificationOptions> options, DeliveryWakeUp wakeUp, TimeProvider clock)
{
    /// <summary>An address on the public site, for mails.</summary>
    public string Link(string path) => new Uri(options.Value.PublicBaseUrl!, path).AbsoluteUri;

    public async Task RecordAsync(string eventKey, string kind, IReadOnlyList<Recipient> recipients,
        Func<Recipient, Dictionary<string, object?>> model, CancellationToken ct)
    {
        if (recipients.Count == 0) return;
        var ids = recipients.Select(r => r.UserId).ToList();
        var already = await db.Deliveries.Where(d => d.EventKey == eventKey && d.Channel == "email" && ids.Contains(d.RecipientId)).Select(d => d.RecipientId).ToListAsync(ct);
        var unsubscribed = await db.Unsubscriptions.Where(u => u.Kind == kind && ids.Contains(u.RecipientId)).Select(u => u.RecipientId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var domain = MimeKit.MailboxAddress.Parse(mail.Value.From).Domain;
        foreach (var recipient in recipients.Where(r => !already.Contains(r.UserId)).DistinctBy(r => r.UserId))
        {
            var unsubscribe = links.Link(recipient.UserId, kind);
            var values = model(recipient);
            values["name"] = recipient.DisplayName;
            values["unsubscribe_url"] = unsubscribe;
            var rendered = templates.Render(kind, recipient.Language, values);
            var id = Guid.CreateVersion7(now);
            db.Deliveries.Add(new Delivery
            {
                Id = id, EventKey = eventKey, Kind = kind, RecipientId = recipient.UserId, Address = recipient.Email,
                Language = MailTemplates.Languages.Contains(recipient.Language) ? recipient.Language : "fr",
                Subject = rendered.Subject.Length > 300 ? rendered.Subject[..300] : rendered.Subject, TextBody = rendered.Text, HtmlBody = rendered.Html,
                UnsubscribeUrl = unsubscribe, MessageId = $"{id:N}@{domain}",
                Status = unsubscribed.Contains(recipient.UserId) ? DeliveryStatus.Suppressed : DeliveryStatus.Pending,
                NextAttemptAt = now, CreatedAt = now,
            });
        }
    }

    /// <summary>Once the caller's transaction committed: this replica's sender looks now rather than at its next poll.</summary>
    public void Committed() => wakeUp.Signal();
}

/// <summary>The mail sender's wake-up.</summary>
public sealed class DeliveryWakeUp : WakeUp;
