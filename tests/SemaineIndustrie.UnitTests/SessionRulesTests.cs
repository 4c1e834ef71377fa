using SemaineIndustrie.Submission.Pictures;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Submission.Submissions;
using SemaineIndustrie.Territory;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>An event of several sessions: each one meets the rules of an event's dates, and the event spans them all.</summary>
public sealed class SessionRulesTests
{
    private static readonly DateTimeOffset InWindow = DateTimeOffset.Parse("2018-02-15T10:00:00+01:00");

    private static SubmissionRequest WithSessions(params SessionRequest[] sessions) => new(
        "Atelier de soudure", "Démonstration de soudure et rencontre avec les apprentis.", EventType.Workshop, null, null,
        new VenueRequest("Atelier du Garros", "12 rue du Garros", "32000", "Auch", null), ["aeronautique"], ["jeunes"], true, 40,
        new RegistrationRequest(true, "https://example.org/inscription", null, null), new AccessibilityRequest(true, null),
        new OrganisingBodyRequest("Atelier du Garros", OrganisationKind.Company, null), new PrivateContactRequest("Anne Martin", "anne.martin@example.org", null),
        Sessions: sessions);

    private static SubmissionValidation Check(SubmissionRequest request) =>
        LabellingRules.Validate(request, SubmissionServiceConfiguration.Editions(InWindow), CommuneDirectory.Instance, InWindow, PictureShelf.Empty);

    [Fact]
    public void Three_sessions_make_one_event_spanning_them_with_each_session_kept_in_time_order()
    {
        var validation = Check(WithSessions(
            new("2018-03-29T14:00", "2018-03-29T17:00", 12, "https://example.org/jeudi"),
            new("2018-03-27T09:00", "2018-03-27T12:00"),
            new("2018-03-28T09:00", "2018-03-28T12:00", 8)));
        Assert.Empty(validation.Errors);
        var e = validation.Valid!.Event;
        Assert.Equal((DateTimeOffset.Parse("2018-03-27T09:00:00+02:00"), DateTimeOffset.Parse("2018-03-29T17:00:00+02:00")), (e.StartsAt, e.EndsAt));
        Assert.Equal([27, 28, 29], e.Sessions!.Select(s => s.StartsAt.Day));
        Assert.Equal((12, "https://example.org/jeudi"), (e.Sessions![2].Capacity, e.Sessions[2].RegistrationUrl));
    }

    [Fact]
    public void Each_session_is_checked_and_refused_with_its_own_field()
    {
        var errors = Check(WithSessions(
            new("2018-03-27T09:00", "2018-03-27T12:00"),
            new("2018-04-05T09:00", "2018-04-05T12:00"), // after the week
            new("2018-03-28T12:00", "2018-03-28T09:00", 0, "javascript:alert(1)"),
            new("2018-03-27T09:00", "2018-03-27T11:00"))).Errors;
        Assert.Contains("sessions[1].startsAt", errors.Keys);
        Assert.Equal(["Must be after startsAt."], errors["sessions[2].endsAt"]);
        Assert.Contains("sessions[2].capacity", errors.Keys);
        Assert.Contains("sessions[2].registrationUrl", errors.Keys);
        Assert.Equal(["Another session starts at the same time."], errors["sessions[3].startsAt"]);
        Assert.DoesNotContain("sessions[0].startsAt", errors.Keys);
    }

    [Fact]
    public void At_most_twenty_sessions() =>
        Assert.Contains("sessions", Check(WithSessions([.. Enumerable.Range(0, 21).Select(i => new SessionRequest($"2018-03-27T{i % 10:00}:{i:00}", "2018-03-27T21:00"))])).Errors.Keys);

    [Fact]
    public void One_start_and_end_is_still_one_session_without_a_list()
    {
        var e = Check(WithSessions() with { StartsAt = "2018-03-27T09:00", EndsAt = "2018-03-27T12:00", Sessions = null }).Valid!.Event;
        Assert.Null(e.Sessions);
        Assert.Single(e.SessionsOrOne());
    }
}
