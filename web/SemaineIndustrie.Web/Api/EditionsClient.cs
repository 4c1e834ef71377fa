using SemaineIndustrie.Contracts.Editions;

namespace SemaineIndustrie.Web.Api;

/// <summary>The editions API (/api/editions) as the national team's pages call it.</summary>
public sealed class EditionsClient(PlatformApi api)
{
    public Task<ApiAnswer<EditionsAdminView>> AdminAsync(CancellationToken ct) => api.GetAsync<EditionsAdminView>("api/editions/admin", ct);

    public Task<ApiAnswer<Edition>> CreateAsync(EditionRequest edition, CancellationToken ct) =>
        api.SendAsync<Edition>(HttpMethod.Post, "api/editions", edition, ct);

    public Task<ApiAnswer<Edition>> ChangeAsync(int year, EditionRequest edition, CancellationToken ct) =>
        api.SendAsync<Edition>(HttpMethod.Put, $"api/editions/{year}", edition, ct);

    public Task<ApiAnswer<Edition>> PublishAsync(int year, CancellationToken ct) =>
        api.SendAsync<Edition>(HttpMethod.Post, $"api/editions/{year}/publication", null, ct);

    public Task<ApiAnswer<Nothing>> DeleteAsync(int year, CancellationToken ct) => api.SendAsync(HttpMethod.Delete, $"api/editions/{year}", null, ct);
}
