using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Organisations;

namespace SemaineIndustrie.Identity.Pages;

/// <summary>The account's security: open sessions, the organisation's API clients, recent sign-ins, and "sign out everywhere".</summary>
[Authorize(AuthenticationSchemes = "Identity.Application")]
public sealed class SecuriteModel(UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn, AccountSecurity security, Sessions sessions) : PageModel
{
    public List<AccountSecurity.OpenSession> OpenSessions { get; private set; } = [];
    public List<IntegrationClients.Listed> ApiClients { get; private set; } = [];
    public List<AccountSecurity.SignIn> SignIns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return LocalRedirect("/compte/connexion");
        OpenSessions = await security.SessionsAsync(user.Id, ct);
        ApiClients = await security.ApiClientsAsync(user.Id, ct);
        SignIns = await security.RecentSignInsAsync(user.Id, ct);
        return Page();
    }

    /// <summary>Ends every session (each front-end's, every refresh token, this page's too), then asks to sign in again.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return LocalRedirect("/compte/connexion");
        await sessions.EndEverywhereAsync(user, user.Id, "signed-out-everywhere", ct);
        await signIn.SignOutAsync();
        return LocalRedirect("/compte/connexion?partout=1");
    }

    /// <summary>A Paris time in the page's language.</summary>
    public static string Paris(DateTimeOffset? at) => at is { } value
        ? SemaineIndustrie.ServiceDefaults.Time.ParisTime.ToParis(value).ToString(IdentityText.Now("DateTimeFormat"), System.Globalization.CultureInfo.CurrentUICulture)
        : "—";
}
