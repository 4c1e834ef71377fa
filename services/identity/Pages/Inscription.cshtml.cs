using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SemaineIndustrie.Identity.Accounts;

namespace SemaineIndustrie.Identity.Pages;

/// <summary>Organisers register themselves; the answer is the same whether the address already has an account (a mail says so).</summary>
[EnableRateLimiting(CredentialLimits.Policy)]
public sealed class InscriptionModel(Registration registration) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    public Dictionary<string, string> Errors { get; private set; } = [];
    public bool Sent { get; private set; }

    public void OnGet() { }

    public bool MailDown { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            Errors = await registration.RegisterAsync(Name, Email, Password, ct);
        }
        catch (ServiceDefaults.Web.DependencyUnavailableException)
        {
            MailDown = true;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
        Sent = Errors.Count == 0;
        return Page();
    }
}
