using Microsoft.Extensions.Options;
using SemaineIndustrie.Web.Catalogue;

namespace SemaineIndustrie.Web.Pages;

/// <summary>The widget partner sites frame: the map and list with preset filters from the URL (e.g. /embed?region=76).</summary>
public sealed class EmbedModel(CatalogueClient catalogue, IOptions<WebOptions> options) : CataloguePage(catalogue, options);
