using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;

namespace SemaineIndustrie.Notification.Committees;

/// <summary>Keeps the committees' open cases: opened (or reopened for a new version) by the review, closed by a decision or a withdrawal.</summary>
public sealed class CommitteeCaseOpened(NotificationDbContext db) : IConsumer<ReviewCaseOpened>
{
    public Task Consume(ConsumeContext<ReviewCaseOpened> context) => db.ConsumeOnceAsync(context, this, async ct =>
    {
        var m = context.Message;
        var open = await db.OpenCases.SingleOrDefaultAsync(c => c.CaseId == m.CaseId, ct);
        if (open is null) db.OpenCases.Add(open = new OpenCase { CaseId = m.CaseId, Region = m.Region, Departement = m.Departement });
        else if (m.SubmissionVersion < open.Version) return; // older news
        (open.SubmissionId, open.Version, open.Region, open.Departement, open.OpenedAt, open.DueAt, open.Closed) =
            (m.SubmissionId, m.SubmissionVersion, m.Region, m.Departement, m.OpenedAt, m.DueAt, false);
    });
}

public sealed class CommitteeCaseLabelled(NotificationDbContext db) : IConsumer<LabelGranted>
{
    public Task Consume(ConsumeContext<LabelGranted> context) => CommitteeCases.CloseAsync(db, context, this, context.Message.CaseId, context.Message.SubmissionVersion);
}

public sealed class CommitteeCaseRefused(NotificationDbContext db) : IConsumer<LabelRefused>
{
    public Task Consume(ConsumeContext<LabelRefused> context) => CommitteeCases.CloseAsync(db, context, this, context.Message.CaseId, context.Message.SubmissionVersion);
}

public sealed class CommitteeCaseChangesRequested(NotificationDbContext db) : IConsumer<ChangesRequested>
{
    public Task Consume(ConsumeContext<ChangesRequested> context) => CommitteeCases.CloseAsync(db, context, this, context.Message.CaseId, context.Message.SubmissionVersion);
}

public sealed class CommitteeCaseWithdrawn(NotificationDbContext db) : IConsumer<SubmissionWithdrawn>
{
    public Task Consume(ConsumeContext<SubmissionWithdrawn> context) => db.ConsumeOnceAsync(context, this, ct =>
        db.OpenCases.Where(c => c.SubmissionId == context.Message.SubmissionId).ExecuteUpdateAsync(set => set.SetProperty(c => c.Closed, true), ct));
}

internal static class CommitteeCases
{
    public static Task CloseAsync<T>(NotificationDbContext db, ConsumeContext<T> context, IConsumer consumer, Guid caseId, int version) where T : class =>
        db.ConsumeOnceAsync(context, consumer, ct =>
            db.OpenCases.Where(c => c.CaseId == caseId && c.Version <= version).ExecuteUpdateAsync(set => set.SetProperty(c => c.Closed, true), ct));
}
