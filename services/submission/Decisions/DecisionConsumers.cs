using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Submission.Submissions;

namespace SemaineIndustrie.Submission.Decisions;

/// <summary>Keeps the organiser-visible status in step with the reviewers' decisions.</summary>
public sealed class LabelGrantedConsumer(SubmissionDbContext db) : IConsumer<LabelGranted>
{
    public Task Consume(ConsumeContext<LabelGranted> context) =>
        db.ConsumeOnceAsync(context, this, ct => DecisionStatus.ApplyAsync(db, context.Message, SubmissionStatus.Labelled, context.Message.DecidedAt, ct));
}

public sealed class LabelRefusedConsumer(SubmissionDbContext db) : IConsumer<LabelRefused>
{
    public Task Consume(ConsumeContext<LabelRefused> context) =>
        db.ConsumeOnceAsync(context, this, ct => DecisionStatus.ApplyAsync(db, context.Message, SubmissionStatus.Refused, context.Message.DecidedAt, ct));
}

public sealed class ChangesRequestedConsumer(SubmissionDbContext db) : IConsumer<ChangesRequested>
{
    public Task Consume(ConsumeContext<ChangesRequested> context) =>
        db.ConsumeOnceAsync(context, this, ct => DecisionStatus.ApplyAsync(db, context.Message, SubmissionStatus.ChangesRequested, context.Message.DecidedAt, ct));
}

internal static class DecisionStatus
{
    public static async Task ApplyAsync(SubmissionDbContext db, ISubmissionEvent decision, SubmissionStatus outcome, DateTimeOffset at, CancellationToken ct)
    {
        var submission = await db.Submissions.SingleOrDefaultAsync(s => s.Id == decision.SubmissionId, ct)
            ?? throw new InvalidOperationException($"decision about unknown submission {decision.SubmissionId}");
        submission.ApplyDecision(decision.SubmissionVersion, outcome, at);
    }
}
