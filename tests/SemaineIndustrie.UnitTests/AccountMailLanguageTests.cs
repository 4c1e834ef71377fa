using SemaineIndustrie.Identity.Mail;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>
/// The identity service's mails speak the recipient's language (the account's, set from the page it registered on);
/// invitations, sent to people without an account, speak both — and user text is encoded in the HTML part whatever the language.
/// </summary>
public sealed class AccountMailLanguageTests
{
    private static readonly Uri Link = new("https://semaine-industrie.example/compte/verifier?t=abc");

    [Fact]
    public void A_verification_mail_is_in_the_account_language()
    {
        var english = AccountMails.Verification("a@example.org", "en", "Ann <b>", Link);
        Assert.Equal("Confirm your address – Industry Week", english.Subject);
        Assert.Contains("Hello Ann <b>,", english.Text);
        Assert.Contains("Hello Ann &lt;b&gt;,", english.Html);
        Assert.Contains("<html lang=\"en\">", english.Html);
        Assert.DoesNotContain("Bonjour", english.Text);

        var french = AccountMails.Verification("a@example.org", "fr", "Anne", Link);
        Assert.Equal("Confirmez votre adresse – Semaine de l'Industrie", french.Subject);
        Assert.Contains("Bonjour Anne,", french.Text);
        Assert.DoesNotContain("Hello", french.Text);
    }

    [Fact]
    public void An_invitation_is_in_French_then_English_each_part_marked_with_its_language()
    {
        var mail = AccountMails.ReviewerInvitation("b@example.org", language => language == "en" ? "Occitanie region" : "région Occitanie", Link);
        Assert.Equal("Invitation au comité de labellisation / Invitation to the labelling committee – Semaine de l'Industrie", mail.Subject);
        var french = mail.Text.IndexOf("région Occitanie", StringComparison.Ordinal);
        var english = mail.Text.IndexOf("Occitanie region", StringComparison.Ordinal);
        Assert.True(french >= 0 && english > french, mail.Text);
        Assert.Contains("<div lang=\"fr\">", mail.Html);
        Assert.Contains("<div lang=\"en\">", mail.Html);
        Assert.Contains("Accept the invitation", mail.Html);
        Assert.Contains("Accepter l&#39;invitation", mail.Html);
    }
}
