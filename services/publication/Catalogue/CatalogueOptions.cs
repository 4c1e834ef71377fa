namespace SemaineIndustrie.Publication.Catalogue;

/// <summary>Configuration section "Catalogue".</summary>
public sealed class CatalogueOptions
{
    public const string Section = "Catalogue";

    /// <summary>
    /// The public address of the platform, under which JSON-LD identifiers (<c>@id</c>) are minted. From
    /// configuration, never from the request's Host header (which a client chooses).
    /// </summary>
    public string PublicBaseUrl { get; set; } = "https://www.semaine-industrie.gouv.fr";

    public int MaxAgeSeconds { get; set; } = 30;
}
