using SemaineIndustrie.Submission.Pictures;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Submission.Submissions;
using SemaineIndustrie.Territory;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>Each labelling rule and field limit of a submission, one by one.</summary>
public sealed class SubmissionValidationTests
{
    private static readonly DateTimeOffset InWindow = DateTimeOffset.Parse("2018-02-15T10:00:00+01:00");

    private static SubmissionRequest Valid() => new(
        Title: "Portes ouvertes de l'atelier",
        Description: "Visite des ateliers de maintenance et rencontre avec les apprentis.",
        EventType: EventType.OpenDay,
        StartsAt: "2018-03-27T09:00",
        EndsAt: "2018-03-27T12:00",
        Venue: new VenueRequest("Atelier du Garros", "12 rue du Garros", "32000", "Auch", null),
        Sectors: ["aeronautique"],
        Audiences: ["jeunes", "enseignants"],
        FreeOfCharge: true,
        Capacity: 40,
        Registration: new RegistrationRequest(true, "https://example.org/inscription", null, null),
        Accessibility: new AccessibilityRequest(true, "Ateliers de plain-pied"),
        OrganisingBody: new OrganisingBodyRequest("Lycée professionnel du Garros", OrganisationKind.School, "73282932000074"),
        PrivateContact: new PrivateContactRequest("Anne Martin", "anne.martin@example.org", "06 12 34 56 78"));

    private static SubmissionValidation Check(SubmissionRequest request, DateTimeOffset? now = null) =>
        LabellingRules.Validate(request, SubmissionServiceConfiguration.Editions(now ?? InWindow), CommuneDirectory.Instance, now ?? InWindow, PictureShelf.Empty);

    private static string[] ErrorsOn(SubmissionRequest request, string field, DateTimeOffset? now = null)
    {
        var validation = Check(request, now);
        Assert.Null(validation.Valid);
        Assert.True(validation.Errors.TryGetValue(field, out var messages), $"expected an error on '{field}', got: {string.Join(", ", validation.Errors.Keys)}");
        return messages;
    }

    [Fact]
    public void A_complete_request_is_valid_in_Paris_time_with_its_territory_resolved_and_its_edition()
    {
        var validation = Check(Valid());
        Assert.Empty(validation.Errors);
        var e = validation.Valid!.Event;
        Assert.Equal(2018, e.Edition.Year);
        Assert.Equal(["jeunes", "demandeurs-emploi", "grand-public"], e.Edition.PublicAudiences);
        Assert.Equal(DateTimeOffset.Parse("2018-03-27T09:00:00+02:00"), e.StartsAt);
        Assert.Equal(TimeSpan.FromHours(2), e.StartsAt.Offset); // summer time started on 25 March 2018
        Assert.Equal(("32013", "32", "76"), (e.Venue.CommuneInsee, e.Venue.Departement, e.Venue.Region));
        Assert.Equal("openDay", e.EventType);
        Assert.Equal("school", e.OrganisingBody.Kind);
        Assert.Equal("anne.martin@example.org", validation.Valid.PrivateContact.Email);
    }

    [Fact]
    public void A_time_with_an_offset_is_converted_to_Paris_time() =>
        Assert.Equal(TimeSpan.FromHours(2), Check(Valid() with { StartsAt = "2018-03-27T07:00:00Z" }).Valid!.Event.StartsAt.Offset);

    // The four labelling conditions.
    [Fact]
    public void Rule_free_of_charge() =>
        Assert.Contains("Only free events can be labelled.", ErrorsOn(Valid() with { FreeOfCharge = false }, "freeOfCharge"));

    [Theory]
    [InlineData("2018-03-25T10:00", "2018-03-25T12:00", "startsAt")] // the Sunday before
    [InlineData("2018-04-02T10:00", "2018-04-02T12:00", "startsAt")] // the Monday after
    [InlineData("2018-04-01T10:00", "2018-04-02T12:00", "endsAt")]   // ends after the last day
    public void Rule_within_the_editions_dates(string starts, string ends, string field) =>
        ErrorsOn(Valid() with { StartsAt = starts, EndsAt = ends }, field);

    [Fact]
    public void Rule_open_to_the_public_needs_young_people_job_seekers_or_the_general_public()
    {
        Assert.Contains("open to the public", ErrorsOn(Valid() with { Audiences = ["enseignants", "salaries"] }, "audiences")[0]);
        Assert.Empty(Check(Valid() with { Audiences = ["demandeurs-emploi"] }).Errors);
        Assert.Empty(Check(Valid() with { Audiences = ["grand-public"] }).Errors);
    }

    [Fact]
    public void Rule_about_industry_needs_a_known_sector()
    {
        ErrorsOn(Valid() with { Sectors = [] }, "sectors");
        Assert.Contains("Unknown: boulangerie", ErrorsOn(Valid() with { Sectors = ["boulangerie"] }, "sectors")[0]);
        ErrorsOn(Valid() with { Sectors = ["bois", "chimie", "energie", "mecanique", "numerique", "sante"] }, "sectors");
    }

    // Dates.
    [Fact]
    public void The_end_comes_after_the_start_and_within_seven_days()
    {
        Assert.Contains("Must be after startsAt.", ErrorsOn(Valid() with { EndsAt = "2018-03-27T08:00" }, "endsAt"));
        Assert.Contains("Must be after startsAt.", ErrorsOn(Valid() with { EndsAt = "2018-03-27T09:00" }, "endsAt"));
    }

    [Theory]
    [InlineData("27/03/2018 09:00")]
    [InlineData("2018-03-27")]
    [InlineData("tomorrow")]
    [InlineData("")]
    public void Unreadable_times_are_reported(string starts) => ErrorsOn(Valid() with { StartsAt = starts }, "startsAt");

    [Fact]
    public void A_time_that_does_not_exist_in_Paris_is_refused() =>
        Assert.Contains(ErrorsOn(Valid() with { StartsAt = "2018-03-25T02:30" }, "startsAt"), m => m.Contains("does not exist"));

    [Fact]
    public void Outside_the_submission_window_nothing_is_accepted() =>
        Assert.Contains("accepted from", ErrorsOn(Valid(), "edition", DateTimeOffset.Parse("2018-04-15T10:00:00+02:00"))[0]);

    [Fact]
    public void The_2018_window_closes_on_monday_12_march_as_the_direccte_announced()
    {
        Assert.NotNull(Check(Valid(), DateTimeOffset.Parse("2018-03-12T23:59:00+01:00")).Valid);
        Assert.Contains("12/03/2018", ErrorsOn(Valid(), "edition", DateTimeOffset.Parse("2018-03-13T00:00:01+01:00"))[0]);
    }

    // Fields.
    [Theory]
    [InlineData("Expo", "title")]
    [InlineData("", "title")]
    public void Title_limits(string title, string field) => ErrorsOn(Valid() with { Title = title }, field);

    [Fact]
    public void Text_limits()
    {
        ErrorsOn(Valid() with { Title = new string('x', LabellingRules.TitleMax + 1) }, "title");
        ErrorsOn(Valid() with { Description = "Trop court" }, "description");
        ErrorsOn(Valid() with { Description = new string('x', LabellingRules.DescriptionMax + 1) }, "description");
        ErrorsOn(Valid() with { EventType = null }, "eventType");
        ErrorsOn(Valid() with { Accessibility = new AccessibilityRequest(null, new string('x', 1001)) }, "accessibility.details");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(100_001)]
    public void Capacity_is_positive_and_bounded(int capacity) => ErrorsOn(Valid() with { Capacity = capacity }, "capacity");

    [Fact]
    public void Registration_needs_a_link_an_email_or_a_phone_each_well_formed()
    {
        ErrorsOn(Valid() with { Registration = null }, "registration");
        ErrorsOn(Valid() with { Registration = new RegistrationRequest(true, null, null, null) }, "registration");
        ErrorsOn(Valid() with { Registration = new RegistrationRequest(true, "ftp://example.org/x", null, null) }, "registration.url");
        ErrorsOn(Valid() with { Registration = new RegistrationRequest(true, "inscription", null, null) }, "registration.url");
        ErrorsOn(Valid() with { Registration = new RegistrationRequest(true, null, "contact@", null) }, "registration.email");
        ErrorsOn(Valid() with { Registration = new RegistrationRequest(true, null, null, "12 34") }, "registration.phone");
        Assert.Empty(Check(Valid() with { Registration = new RegistrationRequest(false, null, null, "05 62 61 00 00") }).Errors);
        Assert.Empty(Check(Valid() with { Registration = new RegistrationRequest(false, null, "accueil@lycee-garros.fr", null) }).Errors);
        Assert.Empty(Check(Valid() with { Registration = new RegistrationRequest(false, null, null, "+33 5 62 61 00 00") }).Errors);
    }

    [Fact]
    public void The_organising_body_has_a_name_a_kind_and_an_optional_valid_SIRET()
    {
        ErrorsOn(Valid() with { OrganisingBody = null }, "organisingBody");
        ErrorsOn(Valid() with { OrganisingBody = new OrganisingBodyRequest("L", OrganisationKind.Company, null) }, "organisingBody.name");
        ErrorsOn(Valid() with { OrganisingBody = new OrganisingBodyRequest("Lycée", null, null) }, "organisingBody.kind");
        ErrorsOn(Valid() with { OrganisingBody = new OrganisingBodyRequest("Lycée", OrganisationKind.School, "73282932000075") }, "organisingBody.siret");
        Assert.Empty(Check(Valid() with { OrganisingBody = new OrganisingBodyRequest("Lycée", OrganisationKind.School, null) }).Errors);
    }

    [Fact]
    public void A_private_contact_with_an_email_is_required()
    {
        ErrorsOn(Valid() with { PrivateContact = null }, "privateContact");
        ErrorsOn(Valid() with { PrivateContact = new PrivateContactRequest("Anne", null, null) }, "privateContact.email");
        ErrorsOn(Valid() with { PrivateContact = new PrivateContactRequest("Anne", "anne.example.org", null) }, "privateContact.email");
    }

    // Venue and territory.
    [Fact]
    public void A_postal_code_that_does_not_match_the_commune_lists_the_candidates()
    {
        var validation = Check(Valid() with { Venue = new VenueRequest("Atelier", "1 rue", "32200", "Auch", null) });
        Assert.True(validation.Errors.ContainsKey("venue.commune"));
        Assert.Contains(validation.CommuneCandidates, c => c.Name == "Gimont");
    }

    [Fact]
    public void A_shared_postal_code_without_a_commune_is_ambiguous()
    {
        var validation = Check(Valid() with { Venue = new VenueRequest("Atelier", "1 rue", "32200", null, null) });
        Assert.True(validation.Errors.ContainsKey("venue.commune"));
        Assert.True(validation.CommuneCandidates.Count > 1);
    }

    [Theory]
    [InlineData("20000", "Ajaccio", "2A", "94")]
    [InlineData("97400", "Saint-Denis", "974", "04")]
    public void Corsica_and_overseas_venues_resolve(string postal, string commune, string departement, string region)
    {
        var venue = Check(Valid() with { Venue = new VenueRequest("Atelier", "1 rue", postal, commune, null) }).Valid!.Event.Venue;
        Assert.Equal((departement, region), (venue.Departement, venue.Region));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Check(new SubmissionRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null)).Errors;
        Assert.Superset(new HashSet<string> { "title", "description", "eventType", "startsAt", "endsAt", "venue", "sectors", "audiences",
            "freeOfCharge", "registration", "organisingBody", "privateContact" }, errors.Keys.ToHashSet());
    }

    [Theory]
    [InlineData("73282932000074", true)]
    [InlineData("73282932000075", false)]
    [InlineData("35600000000048", true)] // La Poste head office: Luhn
    [InlineData("35600000049837", true)] // a La Poste establishment: digit sum divisible by 5
    [InlineData("35600000049838", false)]
    [InlineData("7328293200007", false)]
    public void SIRET_check_digits(string siret, bool valid) => Assert.Equal(valid, SemaineIndustrie.Territory.Siret.IsValid(siret));
}
