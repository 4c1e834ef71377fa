using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Committees;

namespace SemaineIndustrie.Identity.Pages;

/// <summary>
/// Accepting an invitation: a new person chooses a name and password (the link proved the mailbox, so the
/// address is confirmed); someone with an account proves it with their password, or is signed in here as that
/// address. Then the invitation applies — unless it would move a seat its sender may not move.
/// </summary>
[EnableRateLimiting(CredentialLimits.Policy)]
public sealed class InvitationModel(Invitations invitations, Registration registration, UserManager<PlatformUser> users,
    SignInManager<PlatformUser> signIn, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? T { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Password { get; set; }
    public Committees.Invitation? Invitation { get; private set; }
    public bool HasAccount { get; private set; }
    /// <summary>Signed in here as the invited address (e.g. through ProConnect, with no password): accepting is one click.</summary>
    public bool SignedInAsInvitee { get; private set; }
    public Dictionary<string, string> Errors { get; private set; } = [];

    public string What => Invitation!.Purpose switch
    {
        InvitationPurpose.Reviewer => IdentityText.Now("InviteReviewer", Invitations.Describe(Invitation.Region!, Invitation.Departements)),
        InvitationPurpose.Admin => Invitation.Region is null ? IdentityText.Now("InviteNationalAdmin") : IdentityText.Now("InviteRegionalAdmin", Invitations.Describe(Invitation.Region, [])),
        _ => IdentityText.Now("InviteColleague"),
    };

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Page();
        var user = await users.FindByEmailAsync(Invitation!.Email);
        if (user is null)
        {
            Errors = Registration.CheckProfile(Name, Invitation.Email);
            if (await registration.CheckPasswordAsync(Password) is { } weak) Errors["password"] = weak;
            if (Errors.Count > 0) return Page();
            user = new PlatformUser { UserName = Invitation.Email, Email = Invitation.Email, EmailConfirmed = true, DisplayName = Name!.Trim(), CreatedAt = clock.GetUtcNow(), PreferredLanguage = SemaineIndustrie.ServiceDefaults.Web.PlatformCultures.Current };
            var created = await users.CreateAsync(user, Password!);
            if (!created.Succeeded) { Errors["password"] = IdentityText.Now("PasswordRefused"); return Page(); }
        }
        else if (!SignedInAsInvitee)
        {
            var check = await signIn.CheckPasswordSignInAsync(user, Password ?? "", lockoutOnFailure: true);
            if (!check.Succeeded) { Errors["password"] = IdentityText.Now("WrongPassword"); return Page(); }
            if (!user.EmailConfirmed) { user.EmailConfirmed = true; await users.UpdateAsync(user); }
        }
        if (await invitations.AcceptAsync(Invitation, user, ct) is not null)
        {
            Errors["invitation"] = IdentityText.Now("SeatElsewhere");
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/compte");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Invitation = await invitations.FindOpenAsync(T, ct);
        if (Invitation is null) return false;
        var invitee = await users.FindByEmailAsync(Invitation.Email);
        HasAccount = invitee is not null;
        SignedInAsInvitee = invitee is not null && users.GetUserId(User) == invitee.Id;
        return true;
    }
}
