using SemaineIndustrie.Contracts;
using SemaineIndustrie.ServiceDefaults.Domain;
using SemaineIndustrie.Submission.Submissions;
using Xunit;
using static SemaineIndustrie.UnitTests.Lifecycle;

namespace SemaineIndustrie.UnitTests;

/// <summary>
/// The organiser's side of the labelling process, as the submission entity enforces it:
/// submitted → in review → labelled | refused | changes requested; revised at any time before withdrawal
/// (a new version, back to review); withdrawn for good.
/// </summary>
public sealed class SubmissionLifecycleTests
{
    private static EventSubmission Submitted() => EventSubmission.Submit(Guid.NewGuid(), "org-auch", "alice", Details(), T0).Submission;

    /// <summary>A submission brought to <paramref name="status"/> through its own methods only.</summary>
    public static EventSubmission In(SubmissionStatus status)
    {
        var submission = Submitted();
        switch (status)
        {
            case SubmissionStatus.Submitted: break;
            case SubmissionStatus.InReview: submission.MarkInReview(1, T0); break;
            case SubmissionStatus.Revised: submission.Revise(Details("Version deux"), T0); break;
            case SubmissionStatus.Withdrawn: submission.Withdraw(T0); break;
            default: submission.MarkInReview(1, T0); submission.ApplyDecision(1, status, status == SubmissionStatus.Labelled ? null : "Motif", T0); break;
        }
        Assert.Equal(status, submission.Status);
        return submission;
    }

    public static TheoryData<SubmissionStatus> Every => [.. Enum.GetValues<SubmissionStatus>()];
    public static TheoryData<SubmissionStatus> EveryButWithdrawn => [.. Enum.GetValues<SubmissionStatus>().Where(s => s != SubmissionStatus.Withdrawn)];

    [Fact]
    public void A_submission_starts_at_version_1_submitted_and_announces_itself()
    {
        var details = Details();
        var (submission, received) = EventSubmission.Submit(Guid.NewGuid(), "org-auch", "alice", details, T0);
        Assert.Equal((1, SubmissionStatus.Submitted, "\"1.1\""), (submission.Version, submission.Status, submission.ETag));
        Assert.Equal((submission.Id, 1, "org-auch"), (received.SubmissionId, received.SubmissionVersion, received.OrganiserId));
        Assert.Same(details, received.Event);
        Assert.Equal(("32", "76", 2018), (submission.Departement, submission.Region, submission.Edition));
    }

    [Theory]
    [InlineData(SubmissionStatus.Submitted, true)]
    [InlineData(SubmissionStatus.Revised, true)]
    [InlineData(SubmissionStatus.InReview, false)]
    [InlineData(SubmissionStatus.Labelled, false)]
    [InlineData(SubmissionStatus.Refused, false)]
    [InlineData(SubmissionStatus.ChangesRequested, false)]
    [InlineData(SubmissionStatus.Withdrawn, false)]
    public void Only_a_waiting_version_goes_into_review(SubmissionStatus from, bool moves)
    {
        var submission = In(from);
        Assert.Equal(moves, submission.MarkInReview(submission.Version, T0.AddHours(1)));
        Assert.Equal(moves ? SubmissionStatus.InReview : from, submission.Status);
    }

    [Theory]
    [MemberData(nameof(EveryButWithdrawn))]
    public void A_decision_on_the_current_version_is_shown_to_the_organiser_with_its_message(SubmissionStatus from)
    {
        foreach (var outcome in new[] { SubmissionStatus.Labelled, SubmissionStatus.Refused, SubmissionStatus.ChangesRequested })
        {
            var submission = In(from);
            Assert.True(submission.ApplyDecision(submission.Version, outcome, "Précisez l'horaire.", T0.AddDays(1)));
            Assert.Equal((outcome, "Précisez l'horaire."), (submission.Status, submission.ReviewerMessage));
        }
    }

    [Fact]
    public void A_decision_about_an_older_version_or_a_withdrawn_submission_changes_nothing()
    {
        var revised = In(SubmissionStatus.Revised);
        Assert.False(revised.ApplyDecision(1, SubmissionStatus.Labelled, null, T0));
        Assert.Equal(SubmissionStatus.Revised, revised.Status);

        var withdrawn = In(SubmissionStatus.Withdrawn);
        Assert.False(withdrawn.ApplyDecision(1, SubmissionStatus.Labelled, null, T0));
        Assert.Equal(SubmissionStatus.Withdrawn, withdrawn.Status);

        Assert.Throws<ArgumentOutOfRangeException>(() => Submitted().ApplyDecision(1, SubmissionStatus.Revised, null, T0));
    }

    [Theory]
    [MemberData(nameof(EveryButWithdrawn))]
    public void A_revision_is_a_new_version_back_to_review_and_forgets_the_reviewers_message(SubmissionStatus from)
    {
        var submission = In(from);
        var before = submission.Version;
        var revised = submission.Revise(Details("Nouvel horaire", departement: "31"), T0.AddDays(2));
        Assert.Equal((before + 1, SubmissionStatus.Revised, (string?)null), (submission.Version, submission.Status, submission.ReviewerMessage));
        Assert.Equal((submission.Id, before + 1, "Nouvel horaire"), (revised.SubmissionId, revised.SubmissionVersion, revised.Event.Title));
        Assert.Equal(("31", "Nouvel horaire"), (submission.Departement, submission.Title));
    }

    [Theory]
    [MemberData(nameof(EveryButWithdrawn))]
    public void Withdrawing_is_possible_from_every_status_and_announces_the_current_version(SubmissionStatus from)
    {
        var submission = In(from);
        var withdrawn = submission.Withdraw(T0.AddDays(3));
        Assert.Equal((SubmissionStatus.Withdrawn, T0.AddDays(3)), (submission.Status, submission.WithdrawnAt));
        Assert.Equal((submission.Id, submission.Version), (withdrawn.SubmissionId, withdrawn.SubmissionVersion));
    }

    [Fact]
    public void A_withdrawn_submission_can_be_neither_revised_nor_withdrawn_again()
    {
        var submission = In(SubmissionStatus.Withdrawn);
        Assert.Equal("This submission was withdrawn; submit a new one.", Assert.Throws<TransitionRefused>(() => submission.Revise(Details(), T0)).Message);
        Assert.Throws<TransitionRefused>(() => submission.EnsureRevisable());
        Assert.Equal("This submission is already withdrawn.", Assert.Throws<TransitionRefused>(() => submission.Withdraw(T0)).Message);
        Assert.Equal(1, submission.Version);
    }

    [Fact]
    public void If_match_is_strong_and_about_the_content_if_none_match_weak_and_about_the_whole_representation()
    {
        var submission = Submitted();
        Assert.True(submission.MatchesIfMatch("\"1.1\""));
        Assert.True(submission.MatchesIfMatch("\"1\""));          // the version alone, as documented before the status part
        Assert.True(submission.MatchesIfMatch("\"7.1\", *"));
        Assert.False(submission.MatchesIfMatch("W/\"1.1\""));     // strong comparison
        Assert.False(submission.MatchesIfMatch("\"2.1\""));
        Assert.False(submission.MatchesIfMatch("\"x1\""));
        Assert.True(submission.MatchesIfNoneMatch("W/\"1.1\""));
        Assert.False(submission.MatchesIfNoneMatch("\"2.1\""));

        submission.MarkInReview(1, DateTimeOffset.Parse("2018-02-16T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("\"1.2\"", submission.ETag);
        Assert.False(submission.MatchesIfNoneMatch("\"1.1\""));   // a reader's copy is stale: the status moved
        Assert.True(submission.MatchesIfMatch("\"1.1\""));        // a writer's is not: the content did not
    }
}
