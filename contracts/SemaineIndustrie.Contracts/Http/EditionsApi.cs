namespace SemaineIndustrie.Contracts.Editions;

// What the editions API (/api/editions, public) answers.

public sealed record CodeLabel(string Code, string Label);

/// <summary>An audience; "open to the public" audiences satisfy the labelling rule on their own.</summary>
public sealed record Audience(string Code, string Label, bool OpenToPublic);

/// <summary>A national focus organisers may tick on their event and the public may filter on (e.g. "mixité dans l'industrie").</summary>
public sealed record FocusTag(string Code, string Label);

/// <summary>One file or link of the edition's communication kit (the label's logo, posters), sent to labelled organisers.</summary>
public sealed record KitItem(string Title, string Url);

/// <summary>
/// One national edition, as the national team (DGE) wrote it in the administration space: data, not configuration.
/// Days are Europe/Paris calendar days; the window's instants carry their offset. A draft (<see cref="Published"/>
/// false) is seen by national admins only and accepts no submission.
/// </summary>
public sealed record Edition(
    int Year,
    int Number,
    string Name,
    string Theme,
    DateOnly FirstDay,
    DateOnly LastDay,
    DateTimeOffset SubmissionsOpen,
    DateTimeOffset SubmissionsClose,
    IReadOnlyList<CodeLabel> Sectors,
    IReadOnlyList<Audience> Audiences,
    IReadOnlyList<FocusTag> FocusTags,
    IReadOnlyList<KitItem> Kit,
    bool Published)
{
    public bool AcceptsSubmissionsAt(DateTimeOffset now) => Published && now >= SubmissionsOpen && now <= SubmissionsClose;

    public bool Covers(DateOnly day) => day >= FirstDay && day <= LastDay;

    /// <summary>
    /// "The" edition when nobody names one (default pages, queues, statistics): among published editions ordered by year,
    /// the one open for submissions at <paramref name="now"/>; else the next one to come (its week not over on Paris day
    /// <paramref name="today"/>); else the latest. The one rule every service applies to its own copy of the editions.
    /// </summary>
    public static Edition? CurrentAmong(IReadOnlyList<Edition> published, DateTimeOffset now, DateOnly today) =>
        published.FirstOrDefault(e => e.AcceptsSubmissionsAt(now))
        ?? published.FirstOrDefault(e => e.LastDay >= today)
        ?? published.LastOrDefault();
}

/// <summary>What a national admin sends to create or change an edition (POST /api/editions, PUT /api/editions/{year}).</summary>
public sealed record EditionRequest(
    int Year,
    int Number,
    string Name,
    string Theme,
    DateOnly FirstDay,
    DateOnly LastDay,
    DateTimeOffset SubmissionsOpen,
    DateTimeOffset SubmissionsClose,
    IReadOnlyList<CodeLabel> Sectors,
    IReadOnlyList<Audience> Audiences,
    IReadOnlyList<FocusTag>? FocusTags = null,
    IReadOnlyList<KitItem>? Kit = null);

/// <summary>One line of an edition's audit trail: who did what, when (created, changed, published, deleted, seeded).</summary>
public sealed record EditionChangeView(int Year, DateTimeOffset At, string By, string? ByName, string Action);

/// <summary>Every edition, drafts included, with its audit trail (national admins).</summary>
public sealed record EditionsAdminView(IReadOnlyList<Edition> Editions, IReadOnlyList<EditionChangeView> Changes);
