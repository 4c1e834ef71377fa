using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Committees;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.Identity.Pages;

[Authorize(AuthenticationSchemes = "Identity.Application")]
public sealed class IndexModel(UserManager<PlatformUser> users, PlatformIdentityDbContext db) : PageModel
{
    public new PlatformUser? User { get; private set; }
    public string Describe { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        User = await users.GetUserAsync(base.User);
        if (User is null) return LocalRedirect("/compte/connexion");
        var standing = await Standing.OfAsync(db, User.Id, ct);
        Describe = standing switch
        {
            { Admin.IsNational: true } => IdentityText.Now("StandingNationalAdmin"),
            { Admin.Region: { } region } => IdentityText.Now("StandingRegionalAdmin", Invitations.Describe(region, [])),
            { Role: PlatformClaims.ReviewerRole } => IdentityText.Now("StandingReviewer", Invitations.Describe(standing.Region!, standing.Departements)),
            { Organisation: not null } => IdentityText.Now("StandingMember"),
            _ => IdentityText.Now("StandingOrganiser"),
        };
        return Page();
    }
}
