using Microsoft.IdentityModel.Tokens;
using SemaineIndustrie.Identity.Mail;
using SemaineIndustrie.Identity.Tokens;
using SemaineIndustrie.ServiceDefaults.Auth;
using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class IdentityRulesTests
{
    [Fact]
    public void Outside_Development_keys_must_be_configured_never_generated()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KeyRing.Load(new TokenKeys(), development: false));
        Assert.Contains("Identity:Keys:Signing", error.Message);
        Assert.Throws<InvalidOperationException>(() => KeyRing.Load(new TokenKeys { Signing = [KeyRing.NewPem()] }, development: false));
        var bad = Assert.Throws<InvalidOperationException>(() => KeyRing.Load(new TokenKeys { Signing = ["not a key"], Encryption = [KeyRing.NewPem()] }, development: false));
        Assert.Contains("Identity:Keys:Signing:0", bad.Message);
    }

    [Fact]
    public void Configured_keys_keep_their_order_and_a_key_id_derived_from_the_public_key()
    {
        var (first, second) = (KeyRing.NewPem(), KeyRing.NewPem());
        var (signing, _) = KeyRing.Load(new TokenKeys { Signing = [first, second], Encryption = [KeyRing.NewPem()] }, development: false);
        var (again, _) = KeyRing.Load(new TokenKeys { Signing = [first], Encryption = [KeyRing.NewPem()] }, development: false);
        Assert.Equal(2, signing.Count);
        Assert.Equal(again[0].KeyId, signing[0].KeyId); // same key, same id: replicas and restarts agree
        Assert.NotEqual(signing[0].KeyId, signing[1].KeyId);
    }

    [Fact]
    public void Development_keys_are_created_once_and_reused()
    {
        var folder = Path.Combine(Path.GetTempPath(), "si-keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (a, _) = KeyRing.Load(new TokenKeys { DevelopmentFolder = folder }, development: true);
            var (b, _) = KeyRing.Load(new TokenKeys { DevelopmentFolder = folder }, development: true);
            Assert.Equal(a[0].KeyId, b[0].KeyId);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "signing.pem")));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Theory]
    [InlineData(PlatformClaims.OrganiserRole, new[] { "submissions", "review", "operations", "account" }, new[] { "si-submission", "si-review", "si-identity", "si-notification" })]
    [InlineData(PlatformClaims.ReviewerRole, new[] { "submissions", "review", "operations", "account" }, new[] { "si-review", "si-geocoding", "si-identity", "si-notification" })]
    [InlineData(PlatformClaims.AdminRole, new[] { "operations" }, new[] { "si-submission", "si-review", "si-geocoding", "si-publication", "si-notification" })]
    public void A_token_opens_only_the_APIs_its_role_may_use(string role, string[] requested, string[] audiences)
    {
        var granted = requested.Where(PlatformScopes.AllowedFor(role).Contains);
        Assert.Equal(audiences.Order(), PlatformScopes.ResourcesOf(granted).Order());
    }

    [Fact]
    public void Names_typed_by_users_are_escaped_in_the_HTML_part_and_kept_as_typed_in_the_text_part()
    {
        var mail = AccountMails.ColleagueInvitation("a@b.test", "<script>alert(1)</script> & \"Fils\"", new Uri("https://example.test/compte/invitation?t=x&y=<z>"));
        Assert.DoesNotContain("<script>", mail.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Fils&quot;", mail.Html);
        Assert.Contains("<script>alert(1)</script> & \"Fils\"", mail.Text);
        Assert.DoesNotContain("y=<z>", mail.Html);
        Assert.DoesNotContain("Fils", mail.Subject); // no free text in a subject (a mail anyone could send with any words)
    }
}
