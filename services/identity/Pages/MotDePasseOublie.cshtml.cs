using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SemaineIndustrie.Identity.Accounts;

namespace SemaineIndustrie.Identity.Pages;

[EnableRateLimiting(CredentialLimits.Policy)]
public sealed class MotDePasseOublieModel(Registration registration) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task OnPostAsync(CancellationToken ct)
    {
        await registration.ForgotPasswordAsync(Email, ct); // stored for any address, mailed later to known ones: nothing here tells which
        Sent = true;
    }
}
