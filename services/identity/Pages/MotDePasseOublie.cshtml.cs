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
        try
        {
            await registration.ForgotPasswordAsync(Email, ct);
        }
        catch (ServiceDefaults.Web.DependencyUnavailableException)
        {
            // Only known addresses are mailed: saying "the mail is down" would tell that this one has an account.
            // The failure is logged; the person retries when no mail comes.
        }
        Sent = true;
    }
}
