using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;

namespace SemaineIndustrie.Notification.Conversations;

/// <summary>A message on a demand joins the open mail to the other side, or opens one (<see cref="ConversationMail"/>).</summary>
public sealed class ConversationNotice(NotificationDbContext db, TimeProvider clock, IOptions<ConversationOptions> options) : IConsumer<ConversationMessagePosted>
{
    public Task Consume(ConsumeContext<ConversationMessagePosted> context) => db.ConsumeOnceAsync(context, this, async ct =>
    {
        var message = context.Message;
        var to = message.From == "committee" ? "organiser" : "committee";
        await ConversationMails.LockAsync(db, message.SubmissionId, ct);
        var now = clock.GetUtcNow();
        var open = await db.ConversationMails.SingleOrDefaultAsync(m => m.SubmissionId == message.SubmissionId && m.To == to && m.SentAt == null && m.ClosesAt > now, ct);
        if (open is null)
        {
            open = new ConversationMail
            {
                Id = Guid.CreateVersion7(now), SubmissionId = message.SubmissionId, CaseId = message.CaseId, To = to, OpensAt = now, ClosesAt = now + options.Value.Window,
                OrganisationId = message.OrganisationId, Title = message.Title, Region = message.Region, Departement = message.Departement,
            };
            db.ConversationMails.Add(open);
        }
        open.Title = message.Title;
        open.Followers = [.. open.Followers.Union(message.Followers).Order()];
        open.Lines = [.. open.Lines, new ConversationLine(message.MessageId, message.AuthorName, message.Text, message.At)];
    });
}
