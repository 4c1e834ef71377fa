using SemaineIndustrie.Web.Catalogue;

namespace SemaineIndustrie.Web.Pages;

public sealed record EventListModel(IReadOnlyList<PublicEvent> Events, string? NextHref);
