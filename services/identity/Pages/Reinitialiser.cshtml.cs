using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SemaineIndustrie.Identity.Accounts;

namespace SemaineIndustrie.Identity.Pages;

[EnableRateLimiting(CredentialLimits.Policy)]
public sealed class ReinitialiserModel(Registration registration) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? U { get; set; }
    [BindProperty(SupportsGet = true)] public string? T { get; set; }
    [BindProperty] public string? Password { get; set; }
    public Dictionary<string, string> Errors { get; private set; } = [];
    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task OnPostAsync()
    {
        Errors = await registration.ResetPasswordAsync(U, T, Password);
        Done = Errors.Count == 0;
    }
}
