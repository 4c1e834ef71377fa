using SemaineIndustrie.Contracts.Identity;

namespace SemaineIndustrie.Web.Api;

/// <summary>The identity service's committee API (/api/identity/committees): members, invitations, moves, revocations.</summary>
public sealed class CommitteesClient(PlatformApi api)
{
    public Task<ApiAnswer<List<SeatView>>> MembersAsync(string region, CancellationToken ct) =>
        api.GetAsync<List<SeatView>>($"api/identity/committees/{Uri.EscapeDataString(region)}/members", ct);

    public Task<ApiAnswer<Nothing>> InviteAsync(ReviewerInvitationRequest invitation, CancellationToken ct) =>
        api.SendAsync(HttpMethod.Post, "api/identity/committees/invitations", invitation, ct);

    public Task<ApiAnswer<Nothing>> MoveAsync(string member, SeatRequest seat, CancellationToken ct) =>
        api.SendAsync(HttpMethod.Put, $"api/identity/committees/members/{Uri.EscapeDataString(member)}", seat, ct);

    public Task<ApiAnswer<Nothing>> RemoveAsync(string member, CancellationToken ct) =>
        api.SendAsync(HttpMethod.Delete, $"api/identity/committees/members/{Uri.EscapeDataString(member)}", null, ct);
}
