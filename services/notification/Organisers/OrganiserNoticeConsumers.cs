using MassTransit;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Notification.Deliveries;

namespace SemaineIndustrie.Notification.Organisers;

/// <summary>Received: the organisation learns its demand arrived (and this service learns whose it is).</summary>
public sealed class SubmissionReceivedNotice(OrganiserNotifier notifier) : IConsumer<SubmissionReceived>
{
    public Task Consume(ConsumeContext<SubmissionReceived> context) => notifier.NotifyAsync(context, this,
        context.Message.SubmissionId, context.Message.SubmissionVersion, Kinds.Received, content: context.Message.Event, organisationId: context.Message.OrganiserId);
}

/// <summary>Revised: no mail (the organisation did it), but the title and version mails speak of change.</summary>
public sealed class SubmissionRevisedNotice(OrganiserNotifier notifier) : IConsumer<SubmissionRevised>
{
    public Task Consume(ConsumeContext<SubmissionRevised> context) => notifier.NotifyAsync(context, this,
        context.Message.SubmissionId, context.Message.SubmissionVersion, kind: null, content: context.Message.Event, organisationId: context.Message.OrganiserId);
}

public sealed class InReviewNotice(OrganiserNotifier notifier) : IConsumer<ReviewCaseOpened>
{
    public Task Consume(ConsumeContext<ReviewCaseOpened> context) => notifier.NotifyAsync(context, this,
        context.Message.SubmissionId, context.Message.SubmissionVersion, Kinds.InReview);
}

public sealed class LabelledNotice(OrganiserNotifier notifier) : IConsumer<LabelGranted>
{
    public Task Consume(ConsumeContext<LabelGranted> context) => notifier.NotifyAsync(context, this,
        context.Message.SubmissionId, context.Message.SubmissionVersion, Kinds.Labelled);
}

public sealed class RefusedNotice(OrganiserNotifier notifier) : IConsumer<LabelRefused>
{
    public Task Consume(ConsumeContext<LabelRefused> context) => notifier.NotifyAsync(context, this,
        context.Message.SubmissionId, context.Message.SubmissionVersion, Kinds.Refused, context.Message.Motivation);
}

public sealed class ChangesRequestedNotice(OrganiserNotifier notifier) : IConsumer<ChangesRequested>
{
    public Task Consume(ConsumeContext<ChangesRequested> context) => notifier.NotifyAsync(context, this,
        context.Message.SubmissionId, context.Message.SubmissionVersion, Kinds.ChangesRequested, context.Message.Message);
}

public sealed class WithdrawnNotice(OrganiserNotifier notifier) : IConsumer<SubmissionWithdrawn>
{
    public Task Consume(ConsumeContext<SubmissionWithdrawn> context) => notifier.NotifyAsync(context, this,
        context.Message.SubmissionId, context.Message.SubmissionVersion, Kinds.Withdrawn, organisationId: context.Message.OrganiserId);
}
