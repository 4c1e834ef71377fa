using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SemaineIndustrie.Identity.Accounts;

namespace SemaineIndustrie.Identity.Pages;

/// <summary>
/// The verification link. Opening it (GET) changes nothing — mail scanners open links — the button
/// (POST) uses it, once.
/// </summary>
[EnableRateLimiting(CredentialLimits.Policy)]
public sealed class VerifierModel(Registration registration) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? T { get; set; }
    public bool Confirmed { get; private set; }
    public bool Invalid { get; private set; }

    public void OnGet() => Invalid = string.IsNullOrEmpty(T);

    public async Task OnPostAsync(CancellationToken ct)
    {
        Confirmed = await registration.VerifyAsync(T, ct);
        Invalid = !Confirmed;
    }
}
