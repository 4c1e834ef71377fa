using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages;

/// <summary>
/// Signing out (POST, antiforgery): the session's refresh token revoked at the identity service, this front-end's
/// session, then the identity service's (end session), back to the map.
/// </summary>
public sealed class DeconnexionModel(IOptions<SignInOptions> options, AccessTokens tokens) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        var signedIn = User.Identity?.IsAuthenticated == true;
        if (signedIn && options.Value.Enabled) await tokens.RevokeAsync(HttpContext.RequestAborted);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!signedIn || !options.Value.Enabled) return LocalRedirect("/");
        return SignOut(new AuthenticationProperties { RedirectUri = "/" }, OpenIdConnectDefaults.AuthenticationScheme);
    }
}
