using SemaineIndustrie.ServiceDefaults.Time;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Notification.Deliveries;
using SemaineIndustrie.Notification.Recipients;

namespace SemaineIndustrie.Notification.Organisers;

/// <summary>
/// What every organiser notice does: find whose submission it is and who belongs to that organisation (this
/// service's own copy of the people identity announces), then — once per message, in one transaction with the
/// inbox row — learn what the message says of the submission and record one delivery per member. News about an
/// older version than the one known tells nobody.
/// </summary>
public sealed class OrganiserNotifier(NotificationDbContext db, People people, Notices notices, IOptions<NotificationOptions> options)
{
    public async Task NotifyAsync<T>(ConsumeContext<T> context, IConsumer consumer, Guid submissionId, int version, string? kind,
        string? message = null, EventDetails? content = null, string? organisationId = null) where T : class
    {
        var ct = context.CancellationToken;
        var known = await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.SubmissionId == submissionId, ct);
        var organisation = organisationId ?? known?.OrganisationId
            ?? throw new InvalidOperationException($"{typeof(T).Name} about submission {submissionId}, which this service has not heard of yet"); // retried: its SubmissionReceived is on its way
        var members = kind is null || (known is not null && version < known.Version) ? [] : await people.OfOrganisationAsync(organisation, ct);

        var recorded = await db.ConsumeOnceAsync(context, consumer, async token =>
        {
            var submission = await db.Submissions.SingleOrDefaultAsync(s => s.SubmissionId == submissionId, token);
            if (content is not null && (submission is null || version >= submission.Version))
            {
                if (submission is null)
                {
                    submission = new KnownSubmission { SubmissionId = submissionId, OrganisationId = organisation, Title = content.Title, CommuneName = content.Venue.CommuneName };
                    db.Submissions.Add(submission);
                }
                (submission.Title, submission.Version, submission.Edition, submission.StartsAt, submission.CommuneName) =
                    (content.Title, version, content.Edition.Year, content.StartsAt, content.Venue.CommuneName);
            }
            if (kind is null || submission is null || version < submission.Version) return;
            var kit = (await db.EditionKits.AsNoTracking().SingleOrDefaultAsync(k => k.Year == submission.Edition, token))?.Items ?? [];
            await notices.RecordAsync($"{kind}:{submissionId}:{version}", kind, members, _ => Model(submission, version, message, kit), token);
        });
        if (recorded) notices.Committed();
    }

    private Dictionary<string, object?> Model(KnownSubmission s, int version, string? message, IReadOnlyList<KitItem> kit)
    {
        var site = options.Value.PublicBaseUrl!;
        return new Dictionary<string, object?>
        {
            ["title"] = s.Title, ["version"] = version, ["commune"] = s.CommuneName,
            ["day"] = ParisTime.Format(s.StartsAt, "dd/MM/yyyy"),
            ["message"] = message,
            ["demand_url"] = new Uri(site, $"mon-espace/demandes/{s.SubmissionId}").AbsoluteUri,
            ["revise_url"] = new Uri(site, $"mon-espace/demandes/{s.SubmissionId}/modifier").AbsoluteUri,
            ["event_url"] = new Uri(site, $"evenements/{s.SubmissionId}").AbsoluteUri,
            ["kit"] = kit.Select(k => new Dictionary<string, object?> { ["title"] = k.Title, ["url"] = k.Url }).ToList(),
        };
    }
}
