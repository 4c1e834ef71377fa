using SemaineIndustrie.Contracts.Reconciliation;

namespace SemaineIndustrie.Submission.Reconciliation;

/// <summary>
/// How the services must agree about one submission, and who repairs what (docs/reconciliation.md). Versions are made by the
/// submission service, decisions by review, locations by geocoding: a service behind an owner is repaired by the owner publishing
/// again what it said; news that exists only downstream of its owner (its owner lost it) is for a person.
/// </summary>
public static class ReconciliationRules
{
    public const string Submission = "submission", Review = "review", Geocoding = "geocoding", Publication = "publication", Notification = "notification";
    public static readonly IReadOnlyList<string> Others = [Review, Geocoding, Publication, Notification];

    public static IEnumerable<Disagreement> Compare(Guid id, HeldSubmission? submission, IReadOnlyDictionary<string, HeldSubmission?> others)
    {
        var evidence = new Dictionary<string, HeldSubmission?>(others) { [Submission] = submission };
        Disagreement Repair(string kind, string what, params string[] by) => new(id, kind, what, evidence, by);
        Disagreement Person(string kind, string what) => new(id, kind, what, evidence, []);

        if (submission is null)
        {
            yield return Person("unknown-to-submission",
                $"Held by {string.Join(", ", others.Where(o => o.Value is not null).Select(o => o.Key))} but not by the submission service: it was restored to before this submission. Only its organiser can submit it again.");
            yield break;
        }
        var version = submission.Version;
        var withdrawn = submission.State == HeldWords.Withdrawn;
        var review = others.GetValueOrDefault(Review);
        var geocoding = others.GetValueOrDefault(Geocoding);
        var publication = others.GetValueOrDefault(Publication);
        var notification = others.GetValueOrDefault(Notification);

        foreach (var (name, held) in others)
        {
            if (held is not null && held.Version > version)
                yield return Person($"{name}-ahead", $"{name} knows version {held.Version}, the submission service only {version}: the submission service lost the later versions.");
        }

        if (review is null || review.Version < version || (withdrawn && review.State != HeldWords.Withdrawn))
            yield return Repair("review-behind", $"Review holds {Describe(review)}; the submission is at version {version} ({submission.State}).", Submission);
        if (!withdrawn && (geocoding is null || geocoding.Version < version))
            yield return Repair("geocoding-behind", $"Geocoding holds {Describe(geocoding)}; the submission is at version {version}.", Submission);
        if (notification is null || notification.Version < version)
            yield return Repair("notification-behind", $"Notification holds {Describe(notification)}; the submission is at version {version}.", Submission);

        // The decision on the current version: review makes it, everyone else follows.
        var decided = review is not null && review.Version == version ? review.Decision : null;
        var told = submission.Decision;
        if (decided is not null && told is null && !withdrawn)
            yield return Repair("submission-missed-decision", $"Review decided version {version} ({decided}); the submission is still {submission.State}.", Review);
        if (told is not null && told != decided && review is { Version: var rv } && rv == version)
            yield return Person("decision-only-downstream",
                $"The submission service says version {version} is {told}; review holds {review.State}. Review lost the decision: a committee member must decide again (the same decision raises the same message, which everyone who applied it drops).");

        if (publication is null || publication.Version < version)
        {
            yield return Repair("publication-behind", $"Publication holds {Describe(publication)}; the submission is at version {version}.",
                [Submission, .. decided is null ? Array.Empty<string>() : [Review], .. geocoding is null ? Array.Empty<string>() : [Geocoding]]);
        }
        else if (publication.Version == version)
        {
            var shown = publication.DecidedVersion == version ? publication.Decision : null;
            if (decided is not null && shown is null)
                yield return Repair("publication-missed-decision", $"Review decided version {version} ({decided}); publication does not know it.", Review);
            else if (shown is not null && shown != decided)
                yield return Person("label-only-downstream",
                    $"Publication holds version {version} as {shown}; review holds {Describe(review)}. The catalogue shows a decision the review service no longer knows.");
            if (geocoding is not null && geocoding.Version == version && publication.Located != true)
                yield return Repair("publication-missed-location", $"Geocoding placed version {version}; publication does not know where.", Geocoding);
            if (withdrawn && publication.State != HeldWords.Withdrawn)
                yield return Repair("publication-missed-withdrawal", "The submission was withdrawn; publication does not know it.", Submission);
        }

        if (decided is not null && notification is { State: "mailed" } && (notification.DecidedVersion != version || notification.Decision != decided))
            yield return Repair("decision-mail-missing", $"Review decided version {version} ({decided}); the organisation was not mailed about it.", Review);
    }

    private static string Describe(HeldSubmission? held) => held is null ? "nothing" : $"version {held.Version} ({held.State})";
}
