using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Territory;
using SemaineIndustrie.Contracts.Identity;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.Web.Api;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// A région's committee, for its administrators (the DGE for every région, a regional administrator for
/// theirs): the members and their départements, invitations, moves and revocations — all through the
/// identity service, which decides who may do what (and audits it).
/// </summary>
[Authorize]
public sealed class ComitesModel(CommitteesClient committees) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    public List<SeatView> Members { get; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public bool Refused { get; private set; }
    public bool National => User.IsInRole("admin");
    public IReadOnlyList<(string Code, string Name)> DepartementsOfRegion =>
        Region is null ? [] : FrenchTerritory.Departements.Where(d => d.RegionCode == Region).Select(d => (d.Code, d.Name)).ToList();

    public async Task<IActionResult> OnGetAsync(string? fait, CancellationToken ct)
    {
        Message = fait switch
        {
            "invite" or "deplace" or "retire" => $"Committees.Done.{fait}", _ => null,
        };
        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostInviterAsync(string? email, string[] departements, CancellationToken ct) =>
        await AfterAsync(await committees.InviteAsync(new ReviewerInvitationRequest(email, OwnRegion(), [.. departements]), ct), "invite", ct);

    public async Task<IActionResult> OnPostDeplacerAsync(string membre, string[] departements, CancellationToken ct) =>
        await AfterAsync(await committees.MoveAsync(membre, new SeatRequest(OwnRegion(), [.. departements]), ct), "deplace", ct);

    public async Task<IActionResult> OnPostRetirerAsync(string membre, CancellationToken ct)
    {
        OwnRegion();
        return await AfterAsync(await committees.RemoveAsync(membre, ct), "retire", ct);
    }

    /// <summary>The région the page works on: the one chosen (the DGE), else the reader's own (read once from the session).</summary>
    private string? OwnRegion() => Region ??= ReviewerScope.Of(User).Region;

    private async Task<IActionResult> AfterAsync(ApiAnswer<Nothing> answer, string done, CancellationToken ct)
    {
        if (answer.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fcomites");
        if (answer.Succeeded) return LocalRedirect($"/mon-espace/comites?region={Uri.EscapeDataString(Region ?? "")}&fait={done}");
        Error = answer.Describe();
        var page = await LoadAsync(ct);
        if (page is PageResult) Response.StatusCode = (int)answer.Status;
        return page;
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        OwnRegion();
        if (Region is null || FrenchTerritory.FindRegion(Region) is null) { Region = null; return Page(); } // the DGE chooses a région first
        var read = await committees.MembersAsync(Region, ct);
        if (read.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fcomites");
        if (read.Status == HttpStatusCode.Forbidden) { Refused = true; Response.StatusCode = StatusCodes.Status403Forbidden; return Page(); }
        if (read.Value is not { } members) { Error ??= read.Describe(); return Page(); }
        Members.AddRange(members);
        return Page();
    }
}
