using System.Net.Mail;

namespace SemaineIndustrie.Identity.Accounts;

/// <summary>The one rule for an e-mail address typed by someone (registration, invitations): at most 256 characters, one plain address.</summary>
public static class EmailAddresses
{
    public static bool IsValid(string? email)
    {
        var e = email?.Trim();
        return !string.IsNullOrEmpty(e) && e.Length <= 256 && MailAddress.TryCreate(e, out var parsed) && parsed.Address == e;
    }
}
