using SemaineIndustrie.Contracts;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.ServiceDefaults.Domain;
using Xunit;
using static SemaineIndustrie.UnitTests.Lifecycle;

namespace SemaineIndustrie.UnitTests;

/// <summary>
/// The committee's side of the labelling process, as the review case enforces it: a pending case in its
/// queue, claimed by one reviewer at a time, decided once per version (labelled, refused, changes
/// requested), reopened by a newer version, closed for good by a withdrawal.
/// </summary>
public sealed class ReviewCaseLifecycleTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    private static ReviewCase Opened(string departement = "32") =>
        ReviewCase.Open(new SubmissionReceived(Guid.NewGuid(), 1, "org", Details(departement: departement), T0), "org", Details(departement: departement), "{}", T0, T0.AddDays(4)).Case;

    private static IReadOnlyList<CaseTransition> NewVersion(ReviewCase c, int version, string departement = "32", string title = "Version suivante") =>
        c.ReceiveVersion(new SubmissionRevised(c.SubmissionId, version, "org", Details(title, departement), T0), Details(title, departement), "{}", T0.AddDays(1), T0.AddDays(5));

    /// <summary>A case brought to <paramref name="status"/> through its own methods only.</summary>
    private static ReviewCase In(CaseStatus status)
    {
        var c = Opened();
        switch (status)
        {
            case CaseStatus.Pending: break;
            case CaseStatus.Withdrawn: c.Withdraw(); break;
            default: c.Decide(status, "copil-32", status == CaseStatus.Labelled ? null : "Motif", null, T0); break;
        }
        Assert.Equal(status, c.Status);
        return c;
    }

    public static TheoryData<CaseStatus> NotPending => [.. Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.Pending)];
    public static TheoryData<CaseStatus> Decisions => [CaseStatus.Labelled, CaseStatus.Refused, CaseStatus.ChangesRequested];

    [Fact]
    public void A_first_version_opens_a_pending_case_in_the_queue_of_its_departement_and_announces_it()
    {
        var (c, changes) = ReviewCase.Open(new SubmissionReceived(Guid.NewGuid(), 1, "org", Details(), T0), "org", Details(), "{}", T0, T0.AddDays(4));
        Assert.Equal((CaseStatus.Pending, "76", "32", 1), (c.Status, c.Region, c.Departement, c.SubmissionVersion));
        var opened = Assert.Single(changes);
        Assert.Equal(("opened", "Queue 76/32."), (opened.Action, opened.Detail));
        var announced = Assert.IsType<ReviewCaseOpened>(opened.Event);
        Assert.Equal((c.SubmissionId, 1, c.Id, "32"), (announced.SubmissionId, announced.SubmissionVersion, announced.CaseId, announced.Departement));
    }

    [Fact]
    public void One_reviewer_at_a_time_holds_a_pending_case_until_the_lease_ends()
    {
        var c = Opened();
        Assert.Equal("claimed", c.Claim("copil-32-a", T0, Lease).Action);
        Assert.Equal("claim-renewed", c.Claim("copil-32-a", T0.AddMinutes(10), Lease).Action);
        var refused = Assert.Throws<TransitionRefused>(() => c.Claim("copil-32-b", T0.AddMinutes(20), Lease));
        Assert.Equal("Claimed by someone else", refused.Title);
        Assert.Equal("copil-32-a", refused.Extensions!["claimedBy"]);
        Assert.Equal("claimed", c.Claim("copil-32-b", T0.AddMinutes(41), Lease).Action); // the lease ran out
        Assert.Equal("copil-32-b", c.ClaimedBy);
    }

    [Fact]
    public void A_case_handed_to_a_colleague_is_theirs_whoever_held_it_and_they_are_told()
    {
        var c = Opened();
        c.Claim("copil-32-a", T0, Lease);
        var assigned = c.Assign("copil-32-b", "copil-32-c", "Claude", T0.AddMinutes(5), TimeSpan.FromDays(5));
        Assert.Equal("assigned", assigned.Action);
        Assert.Contains("replacing the claim of copil-32-a", assigned.Detail);
        Assert.Equal(("copil-32-b", T0.AddMinutes(5).AddDays(5)), (c.ClaimedBy, c.ClaimExpiresAt));
        var told = Assert.IsType<CaseAssigned>(assigned.Event);
        Assert.Equal((c.Id, "copil-32-b", "copil-32-c", "Claude", c.DueAt), (told.CaseId, told.AssignedTo, told.AssignedBy, told.AssignedByName, told.DueAt));
        Assert.Throws<TransitionRefused>(() => c.Claim("copil-32-a", T0.AddHours(1), Lease)); // held for days, not a lease
        Assert.DoesNotContain("replacing", c.Assign("copil-32-b", "copil-32-a", null, T0.AddHours(2), TimeSpan.FromDays(5)).Detail); // renewed
    }

    [Theory]
    [MemberData(nameof(NotPending))]
    public void Only_a_pending_case_can_be_handed_to_a_colleague(CaseStatus status) =>
        Assert.Equal("Not pending", Assert.Throws<TransitionRefused>(() => In(status).Assign("copil-32-b", "copil-32-a", null, T0, Lease)).Title);

    [Theory]
    [MemberData(nameof(NotPending))]
    public void Only_a_pending_case_can_be_claimed(CaseStatus status)
    {
        var refused = Assert.Throws<TransitionRefused>(() => In(status).Claim("copil-32", T0, Lease));
        Assert.Equal("Not claimable", refused.Title);
    }

    [Fact]
    public void Its_holder_or_an_admin_releases_a_claim_and_releasing_nothing_changes_nothing()
    {
        var c = Opened();
        Assert.Null(c.Release("copil-32", mayReleaseOthers: false, T0));
        c.Claim("copil-32", T0, Lease);
        Assert.Throws<TransitionRefused>(() => c.Release("copil-32-other", mayReleaseOthers: false, T0));
        var released = c.Release("dge", mayReleaseOthers: true, T0)!;
        Assert.Equal(("released", "Claim of copil-32 released."), (released.Action, released.Detail));
        Assert.Null(c.ClaimedBy);
        c.Claim("copil-32", T0, Lease);
        Assert.Null(c.Release("copil-32", mayReleaseOthers: false, T0)!.Detail);
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void A_pending_case_is_decided_once_its_claim_ends_and_the_decision_is_an_event(CaseStatus decision)
    {
        var c = Opened();
        c.Claim("copil-32", T0, Lease);
        var decided = c.Decide(decision, "copil-32", decision == CaseStatus.Labelled ? null : "Payant", 1, T0.AddHours(1));
        Assert.Equal((decision, "copil-32", T0.AddHours(1), (string?)null), (c.Status, c.DecidedBy, c.DecidedAt!.Value, c.ClaimedBy));
        switch (decided.Event)
        {
            case LabelGranted granted: Assert.Equal((CaseStatus.Labelled, "labelled", 1), (decision, decided.Action, granted.SubmissionVersion)); break;
            case LabelRefused refusal: Assert.Equal((CaseStatus.Refused, "refused", "Payant"), (decision, decided.Action, refusal.Motivation)); break;
            case ChangesRequested request: Assert.Equal((CaseStatus.ChangesRequested, "changes-requested", "Payant"), (decision, decided.Action, request.Message)); break;
            default: Assert.Fail($"unexpected event {decided.Event}"); break;
        }
    }

    [Theory]
    [MemberData(nameof(NotPending))]
    public void A_case_that_is_not_pending_cannot_be_decided(CaseStatus status)
    {
        var refused = Assert.Throws<TransitionRefused>(() => In(status).Decide(CaseStatus.Labelled, "copil-32", null, null, T0));
        Assert.Equal("Not pending", refused.Title);
    }

    [Fact]
    public void Nobody_decides_over_another_reviewers_claim_nor_a_version_they_did_not_read()
    {
        var c = Opened();
        c.Claim("copil-32-a", T0, Lease);
        Assert.Equal("Claimed by someone else", Assert.Throws<TransitionRefused>(() => c.Decide(CaseStatus.Labelled, "copil-32-b", null, null, T0)).Title);
        NewVersion(c, 2);
        Assert.Equal("A newer version arrived", Assert.Throws<TransitionRefused>(() => c.Decide(CaseStatus.Labelled, "copil-32-a", null, 1, T0)).Title);
        Assert.Equal(CaseStatus.Pending, c.Status);
    }

    [Fact]
    public void A_refusal_or_a_request_for_changes_carries_its_message_and_pending_is_no_decision()
    {
        Assert.Throws<ArgumentException>(() => Opened().Decide(CaseStatus.Refused, "copil-32", " ", null, T0));
        Assert.Throws<ArgumentException>(() => Opened().Decide(CaseStatus.ChangesRequested, "copil-32", null, null, T0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Opened().Decide(CaseStatus.Pending, "copil-32", null, null, T0));
    }

    [Theory]
    [InlineData(CaseStatus.Pending, "revised")]
    [InlineData(CaseStatus.Labelled, "reopened")]
    [InlineData(CaseStatus.Refused, "reopened")]
    [InlineData(CaseStatus.ChangesRequested, "reopened")]
    public void A_newer_version_puts_the_case_back_in_the_queue_undecided(CaseStatus from, string action)
    {
        var c = In(from);
        var change = Assert.Single(NewVersion(c, 2));
        Assert.Equal(action, change.Action);
        Assert.Equal((CaseStatus.Pending, 2, "Version suivante", (DateTimeOffset?)null), (c.Status, c.SubmissionVersion, c.Title, c.DecidedAt));
        Assert.IsType<ReviewCaseOpened>(change.Event);
    }

    [Fact]
    public void Older_versions_and_withdrawn_cases_ignore_new_versions()
    {
        var c = Opened();
        NewVersion(c, 3);
        Assert.Empty(NewVersion(c, 2));
        Assert.Empty(NewVersion(c, 3));
        var withdrawn = In(CaseStatus.Withdrawn);
        Assert.Empty(NewVersion(withdrawn, 2));
        Assert.Equal((CaseStatus.Withdrawn, 1), (withdrawn.Status, withdrawn.SubmissionVersion));
    }

    [Fact]
    public void A_version_in_another_departement_moves_the_case_and_releases_the_old_queues_claim()
    {
        var c = Opened();
        c.Claim("copil-32", T0, Lease);
        var changes = NewVersion(c, 2, departement: "31");
        Assert.Equal(["revised", "released"], changes.Select(x => x.Action));
        Assert.Contains("moved from queue 76/32 to 76/31", changes[0].Detail);
        Assert.Equal(("31", (string?)null), (c.Departement, c.ClaimedBy));

        var stays = Opened();
        stays.Claim("copil-32", T0, Lease);
        Assert.Single(NewVersion(stays, 2));
        Assert.Equal("copil-32", stays.ClaimedBy); // same queue: the claim holds
    }

    [Theory]
    [InlineData(CaseStatus.Pending)]
    [InlineData(CaseStatus.Labelled)]
    [InlineData(CaseStatus.Refused)]
    [InlineData(CaseStatus.ChangesRequested)]
    public void A_withdrawal_closes_the_case_from_any_status_once(CaseStatus from)
    {
        var c = In(from);
        Assert.Equal("withdrawn", c.Withdraw()!.Action);
        Assert.Equal(CaseStatus.Withdrawn, c.Status);
        Assert.Null(c.Withdraw());
    }

    [Theory]
    [InlineData("auto manual unlocated")]
    [InlineData("auto unlocated manual")]
    [InlineData("manual auto unlocated")]
    [InlineData("manual unlocated auto")]
    [InlineData("unlocated auto manual")]
    [InlineData("unlocated manual auto")]
    public void A_reviewers_correction_of_a_version_wins_over_its_automatic_location_news(string order)
    {
        VenueLocationStatus? location = null;
        foreach (var step in order.Split(' '))
        {
            var status = step switch { "auto" => LocationStatus.Located, "manual" => LocationStatus.Corrected, _ => LocationStatus.Unlocated };
            if (location is null) location = VenueLocationStatus.First(Guid.NewGuid(), 1, status, step);
            else location.Apply(1, status, step);
        }
        Assert.Equal(LocationStatus.Corrected, location!.Status);
        Assert.True(location.Apply(2, LocationStatus.Located, "new address"));  // a newer version's address replaces it
        Assert.False(location.Apply(1, LocationStatus.Corrected, "late"));      // older news changes nothing
        Assert.Equal((2, LocationStatus.Located), (location.SubmissionVersion, location.Status));
    }
}
