using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Identity.Accounts;

namespace SemaineIndustrie.Identity.Pages;

public sealed class DeconnexionModel(SignInManager<PlatformUser> signIn) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/compte/connexion");
    }
}
