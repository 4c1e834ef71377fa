using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Submission.Submissions;

namespace SemaineIndustrie.Submission.Decisions;

/// <summary>Keeps the organiser-visible status in step with the review: in review, then the decision.</summary>
public sealed class ReviewCaseOpenedConsumer(SubmissionDbContext db) : IConsumer<ReviewCaseOpened>
{
    public Task Consume(ConsumeContext<ReviewCaseOpened> context) =>
        db.ConsumeOnceAsync(context, this, async ct => (await ReviewStatus.FindAsync(db, context.Message, ct)).MarkInReview(context.Message.SubmissionVersion, context.Message.OpenedAt));
}

public sealed class LabelGrantedConsumer(SubmissionDbContext db) : IConsumer<LabelGranted>
{
    public Task Consume(ConsumeContext<LabelGranted> context) =>
        db.ConsumeOnceAsync(context, this, async ct => (await ReviewStatus.FindAsync(db, context.Message, ct))
            .ApplyDecision(context.Message.SubmissionVersion, SubmissionStatus.Labelled, null, context.Message.DecidedAt));
}

public sealed class LabelRefusedConsumer(SubmissionDbContext db) : IConsumer<LabelRefused>
{
    public Task Consume(ConsumeContext<LabelRefused> context) =>
        db.ConsumeOnceAsync(context, this, async ct => (await ReviewStatus.FindAsync(db, context.Message, ct))
            .ApplyDecision(context.Message.SubmissionVersion, SubmissionStatus.Refused, context.Message.Motivation, context.Message.DecidedAt));
}

public sealed class ChangesRequestedConsumer(SubmissionDbContext db) : IConsumer<ChangesRequested>
{
    public Task Consume(ConsumeContext<ChangesRequested> context) =>
        db.ConsumeOnceAsync(context, this, async ct => (await ReviewStatus.FindAsync(db, context.Message, ct))
            .ApplyDecision(context.Message.SubmissionVersion, SubmissionStatus.ChangesRequested, context.Message.Message, context.Message.DecidedAt));
}

internal static class ReviewStatus
{
    /// <summary>News about a submission we never stored is a bug upstream: fail, so it reaches _error and is seen.</summary>
    public static async Task<EventSubmission> FindAsync(SubmissionDbContext db, ISubmissionEvent news, CancellationToken ct) =>
        await db.Submissions.SingleOrDefaultAsync(s => s.Id == news.SubmissionId, ct)
            ?? throw new InvalidOperationException($"review news about unknown submission {news.SubmissionId}");
}
