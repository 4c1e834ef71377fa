using Microsoft.Extensions.Options;
using SemaineIndustrie.Web.Catalogue;

namespace SemaineIndustrie.Web.Pages;

public sealed class IndexModel(CatalogueClient catalogue, IOptions<WebOptions> options) : CataloguePage(catalogue, options);
