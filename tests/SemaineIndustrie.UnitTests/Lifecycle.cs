using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.UnitTests;

/// <summary>Event content and times shared by the lifecycle tests.</summary>
public static class Lifecycle
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2018-02-15T10:00:00+01:00");

    public static EventDetails Details(string title = "Portes ouvertes de l'atelier", string departement = "32", string region = "76", string street = "12 rue du Garros") =>
        new(new EditionFrame(2018, new DateOnly(2018, 3, 26), new DateOnly(2018, 4, 1), ["jeunes"]),
            title, "Visite des ateliers et rencontre avec les apprentis.", "openDay",
            DateTimeOffset.Parse("2018-03-27T09:00:00+02:00"), DateTimeOffset.Parse("2018-03-27T12:00:00+02:00"),
            new Venue("Atelier", street, "32000", "32013", "Auch", departement, region),
            ["aeronautique"], ["jeunes"], true, 40, new Registration(true, "https://example.org", null, null), new Accessibility(true, null),
            new OrganisingBody("Lycée", "school", null));
}
