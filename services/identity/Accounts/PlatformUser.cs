using Microsoft.AspNetCore.Identity;

namespace SemaineIndustrie.Identity.Accounts;

/// <summary>A person with an account. Passwords, lockout and e-mail confirmation are ASP.NET Core Identity's.</summary>
public sealed class PlatformUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>"fr" or "en": the language of the mails and pages this person receives.</summary>
    public string PreferredLanguage { get; set; } = "fr";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set when the account signed in through an external provider (ProConnect's <c>uid</c>).</summary>
    public string? ExternalSubject { get; set; }
}
