using SemaineIndustrie.Contracts.Editions;
using SemaineIndustrie.Web.Catalogue;

namespace SemaineIndustrie.Web.Workbench;

/// <summary>
/// Which edition a workbench page (cases, dashboard, their exports) shows: the year in the address (<c>?annee=2018</c>), else
/// the current edition — with the published editions to choose from.
/// </summary>
public sealed record EditionChoice(IReadOnlyList<Edition> Editions, int? Year, Edition? Current)
{
    public static readonly EditionChoice None = new([], null, null);

    public Edition? Chosen => Editions.FirstOrDefault(e => e.Year == Year);

    public static async Task<EditionChoice> ForAsync(CatalogueClient catalogue, int? year, CancellationToken ct)
    {
        var editions = await catalogue.EditionsAsync(ct);
        var current = await catalogue.CurrentEditionAsync(ct);
        return new EditionChoice(editions, year ?? current?.Year, current);
    }
}
