namespace SemaineIndustrie.LabellingReview.Views;

/// <summary>A reviewer's named filters of the workbench list (the page's own query string: département, state, sector, day, words, edition).</summary>
public sealed class SavedView
{
    public const int NameMax = 80, QueryMax = 500, MaxPerReviewer = 50;
    /// <summary>The workbench list's filters a view may keep.</summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal) { "annee", "departement", "statut", "filiere", "jour", "q" };

    public Guid Id { get; init; }
    public required string Owner { get; init; }
    public required string Name { get; set; }
    public required string Query { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}
