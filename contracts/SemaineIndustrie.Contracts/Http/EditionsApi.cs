namespace SemaineIndustrie.Contracts.Editions;

// What the editions API (/api/editions, public) answers.

public sealed record CodeLabel(string Code, string Label);

/// <summary>An audience; "open to the public" audiences satisfy the labelling rule on their own.</summary>
public sealed record Audience(string Code, string Label, bool OpenToPublic);

/// <summary>
/// One national edition, from configuration (section "Editions"): a new edition is a configuration
/// change, not a code change. Days are Europe/Paris calendar days.
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
    IReadOnlyList<Audience> Audiences)
{
    public bool AcceptsSubmissionsAt(DateTimeOffset now) => now >= SubmissionsOpen && now <= SubmissionsClose;

    public bool Covers(DateOnly day) => day >= FirstDay && day <= LastDay;
}
