using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Reconciliation;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.Submission.Reconciliation;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>
/// Who repairs what after a restore (docs/reconciliation.md): a service behind an owner is repaired by that owner publishing again;
/// news that exists only downstream of its owner is for a person. And the message ids that make a replay or a redone decision harmless.
/// </summary>
public sealed class ReconciliationRulesTests
{
    private static readonly Guid Id = Guid.Parse("0193a5f0-0000-7000-8000-000000000001");

    private static HeldSubmission Held(int version, string state, string? decision = null, bool? located = null) =>
        new(Id, version, state, decision is null ? null : version, decision, located);

    /// <summary>Every service agreeing on version 2, labelled, located, mailed.</summary>
    private static (HeldSubmission Submission, Dictionary<string, HeldSubmission?> Others) Agreeing() =>
        (Held(2, "labelled", "labelled"), new()
        {
            ["review"] = Held(2, "labelled", "labelled"),
            ["geocoding"] = Held(2, "located", located: true),
            ["publication"] = Held(2, "published", "labelled", located: true),
            ["notification"] = Held(2, "mailed", "labelled"),
        });

    private static List<Disagreement> Compare(HeldSubmission? submission, Dictionary<string, HeldSubmission?> others) =>
        [.. ReconciliationRules.Compare(Id, submission, others)];

    [Fact]
    public void Services_that_agree_raise_nothing() => Assert.Empty(Compare(Agreeing().Submission, Agreeing().Others));

    [Fact]
    public void A_catalogue_restored_to_before_the_label_is_repaired_by_review_and_one_without_the_version_by_all_three_owners()
    {
        var (submission, others) = Agreeing();
        others["publication"] = Held(2, "not-published", located: true);
        var missed = Assert.Single(Compare(submission, others));
        Assert.Equal("publication-missed-decision", missed.Kind);
        Assert.Equal(["review"], missed.Republishers);

        // The decision and location arrived, the content did not (it was applied to the database the restore replaced): not held.
        others["publication"] = new HeldSubmission(Id, 0, "not-published", 2, "labelled", Located: false);
        Assert.Equal("publication-behind", Assert.Single(Compare(submission, others)).Kind);

        others["publication"] = Held(1, "published", "changes-requested", located: true);
        var behind = Assert.Single(Compare(submission, others));
        Assert.Equal("publication-behind", behind.Kind);
        Assert.Equal(["submission", "review", "geocoding"], behind.Republishers);
    }

    [Fact]
    public void A_submission_service_restored_to_before_the_decision_hears_it_again_from_review()
    {
        var (_, others) = Agreeing();
        var found = Assert.Single(Compare(Held(2, "in-review"), others));
        Assert.Equal("submission-missed-decision", found.Kind);
        Assert.Equal(["review"], found.Republishers);
    }

    [Fact]
    public void A_review_restored_to_before_the_decision_leaves_a_decision_only_downstream_for_a_person()
    {
        var (submission, others) = Agreeing();
        others["review"] = Held(2, "pending");
        var found = Compare(submission, others);
        Assert.Equal(["decision-only-downstream", "label-only-downstream"], found.Select(d => d.Kind).Order());
        Assert.All(found, d => Assert.Empty(d.Republishers));
        Assert.Equal(Held(2, "pending"), found[0].Evidence["review"]);
    }

    [Fact]
    public void Versions_the_submission_service_lost_are_for_a_person_and_a_submission_it_never_knew_too()
    {
        var (_, others) = Agreeing();
        var found = Compare(Held(1, "in-review"), others);
        Assert.Contains(found, d => d.Kind == "review-ahead" && d.Republishers.Count == 0);
        Assert.Contains(found, d => d.Kind == "publication-ahead" && d.Republishers.Count == 0);

        var unknown = Assert.Single(Compare(null, others));
        Assert.Equal("unknown-to-submission", unknown.Kind);
        Assert.Empty(unknown.Republishers);
    }

    [Fact]
    public void A_missing_case_location_or_decision_mail_is_republished_by_its_owner()
    {
        var (submission, others) = Agreeing();
        others["review"] = null;
        others["geocoding"] = Held(1, "located", located: true);
        others["notification"] = Held(2, "mailed", "changes-requested");
        var found = Compare(submission, others).Where(d => d.Republishers.Count > 0).ToDictionary(d => d.Kind, d => d.Republishers.Single());
        Assert.Equal("submission", found["review-behind"]);
        Assert.Equal("submission", found["geocoding-behind"]);
        Assert.DoesNotContain("decision-mail-missing", found.Keys); // review holds no decision to say again: review-behind comes first
        others["review"] = Held(2, "labelled", "labelled");
        Assert.Equal("review", Compare(submission, others).Single(d => d.Kind == "decision-mail-missing").Republishers.Single());
    }

    [Fact]
    public void News_raised_once_per_version_gets_the_same_id_when_raised_again_and_other_news_a_new_one()
    {
        var granted = new LabelGranted(Id, 2, Guid.NewGuid(), "copil-32", DateTimeOffset.Parse("2018-02-15T10:00:00+01:00"));
        var redone = granted with { ReviewerId = "copil-32-bis", DecidedAt = granted.DecidedAt.AddHours(3) };
        Assert.Equal(MessageIdentity.For(granted), MessageIdentity.For(redone));
        Assert.Equal(8, MessageIdentity.For(granted).Version);
        Assert.NotEqual(MessageIdentity.For(granted), MessageIdentity.For(granted with { SubmissionVersion = 3 }));
        Assert.NotEqual(MessageIdentity.For(granted), MessageIdentity.For(new LabelRefused(Id, 2, Guid.NewGuid(), "copil-32", "Non", granted.DecidedAt)));

        // A location is news once per version when its caller says so; a reviewer's correction of the same version is news of its own.
        var located = new VenueLocated(Id, 2, 43.6, 0.58, LocationPrecision.Municipality, "gazetteer", null, granted.DecidedAt);
        Assert.Equal(MessageIdentity.For(located, "automatic"), MessageIdentity.For(located with { LocatedAt = granted.DecidedAt.AddDays(1) }, "automatic"));
        Assert.NotEqual(MessageIdentity.For(located), MessageIdentity.For(located));
        Assert.Equal(7, MessageIdentity.For(located).Version);
    }
}
