using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SemaineIndustrie.Identity.Accounts;

namespace SemaineIndustrie.Identity.Pages;

/// <summary>
/// Sign-in. One answer for every failure (unknown address, wrong password, unconfirmed address, locked
/// account) so the page does not tell whether an address has an account; unknown addresses still pay a
/// password hash, so timing does not tell either.
/// </summary>
[EnableRateLimiting(CredentialLimits.Policy)]
public sealed class ConnexionModel(SignInManager<PlatformUser> signIn, UserManager<PlatformUser> users, IPasswordHasher<PlatformUser> hasher,
    AccountSecurity security, PlatformIdentityDbContext db, Microsoft.Extensions.Options.IOptions<List<External.ExternalProviderOptions>> providers) : PageModel
{
    public IReadOnlyList<External.ExternalProviderOptions> Providers => providers.Value;
    [BindProperty(SupportsGet = true, Name = "externe")] public string? External { get; set; }

    /// <summary>The resource naming why an external sign-in failed (IdentityText), or null.</summary>
    public string? ExternalError => External switch
    {
        null => null,
        "incomplet" => "ExternalIncomplete",
        "conflit" => "ExternalConflict",
        "bloque" => "ExternalLocked",
        _ => "ExternalFailed",
    };

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    /// <summary>Back from "se déconnecter partout" (the security page).</summary>
    [BindProperty(SupportsGet = true, Name = "partout")] public string? SignedOutEverywhere { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    public bool Failed { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) || Email.Length > 256 ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is null)
        {
            hasher.VerifyHashedPassword(new PlatformUser(), DummyHash.Value, Password ?? "");
            Failed = true;
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut || result.IsNotAllowed)
        {
            // Identity answers a locked or unconfirmed account before hashing: pay the hash, as every other answer does.
            hasher.VerifyHashedPassword(user, DummyHash.Value, Password ?? "");
        }
        if (!result.Succeeded)
        {
            Failed = true;
            return Page();
        }
        security.RecordSignIn(user.Id, "password");
        await db.SaveChangesAsync();
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/compte");
    }

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<PlatformUser>().HashPassword(new PlatformUser(), Guid.NewGuid().ToString()));
}
