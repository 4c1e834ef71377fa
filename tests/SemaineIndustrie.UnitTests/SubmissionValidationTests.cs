using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class SubmissionValidationTests
{
    private static SubmissionRequest Valid() => new(
        "Portes ouvertes", "Visite des ateliers", DateTimeOffset.Parse("2018-03-27T09:00:00+02:00"), DateTimeOffset.Parse("2018-03-27T12:00:00+02:00"),
        new VenueRequest("Atelier", "1 rue du Garros", "32000", "32013", "Auch"), ["aeronautique"], ["jeunes"], true, "Lycée d'Auch");

    [Fact]
    public void A_complete_request_is_valid_and_its_territory_is_resolved()
    {
        var request = Valid();
        Assert.Empty(request.Validate());
        var details = request.ToDetails();
        Assert.Equal("32", details.Venue.Departement);
        Assert.Equal("76", details.Venue.Region);
    }

    [Fact]
    public void An_end_before_the_start_is_reported_on_endsAt()
    {
        var request = Valid() with { EndsAt = DateTimeOffset.Parse("2018-03-27T08:00:00+02:00") };
        Assert.Equal(["Must be after startsAt."], request.Validate()["endsAt"]);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_by_field()
    {
        var errors = new SubmissionRequest(new string('x', 201), null, null, null,
            new VenueRequest(null, "rue", "ABCDE", "99999", "X"), [], null, null, "").Validate();
        Assert.Equal(
            ["audiences", "description", "endsAt", "freeOfCharge", "organisingBody", "sectors", "startsAt", "title", "venue.communeInsee", "venue.name", "venue.postalCode"],
            errors.Keys.Order());
        Assert.Equal(["At most 200 characters."], errors["title"]);
    }
}
