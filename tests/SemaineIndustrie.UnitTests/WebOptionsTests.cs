using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class WebOptionsTests
{
    [Theory]
    [InlineData("", null)]
    [InlineData("https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.fr")]
    [InlineData("https://data.geopf.fr/wmts?LAYER=PLAN&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}", "https://data.geopf.fr")]
    public void The_tile_servers_origin_is_what_the_pages_policy_allows(string tileUrl, string? origin) =>
        Assert.Equal(origin, new SemaineIndustrie.Web.MapOptions { TileUrl = tileUrl }.TileOrigin);
}

public sealed class WebKeyRingTests
{
    /// <summary>The key-encryption certificate (PEM certificate and private key), as the Kubernetes Secret holds it.</summary>
    private static readonly string KeyEncryption = NewCertificatePem();

    private static string NewCertificatePem()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test key encryption", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem();
    }

    private static IServiceProvider Replica(string keys, string? keyEncryption = null)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions { EnvironmentName = "Production" });
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(builder.Configuration,
        [
            new("Web:KeysFolder", keys), new("Web:SignIn:Authority", "https://connexion.example.gouv.fr/"),
            new("Web:SignIn:ClientId", "web"), new("Web:SignIn:ClientSecret", "secret"),
            new("DataProtection:KeyEncryptionCertificate", keyEncryption),
        ]);
        SemaineIndustrie.Web.WebFrontEndExtensions.AddWebFrontEnd(builder);
        return builder.Build().Services;
    }

    [Fact]
    public void Replicas_sharing_the_keys_folder_read_each_others_cookies()
    {
        var keys = Directory.CreateTempSubdirectory("web-keys-").FullName;
        var first = Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.GetDataProtector(Replica(keys, KeyEncryption), "cookie");
        var second = Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.GetDataProtector(Replica(keys, KeyEncryption), "cookie");

        var cookie = Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(first, "signed in");

        Assert.Equal("signed in", Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Unprotect(second, cookie));
        var stored = Assert.Single(Directory.GetFiles(keys, "key-*.xml"));
        Assert.Contains("encryptedSecret", File.ReadAllText(stored)); // a copy of the folder alone forges no cookie
        Assert.DoesNotContain("<value>", File.ReadAllText(stored));
    }

    [Fact]
    public void Without_the_key_encryption_certificate_no_key_is_written_in_clear()
    {
        var keys = Directory.CreateTempSubdirectory("web-keys-").FullName;
        var protector = Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.GetDataProtector(Replica(keys), "cookie");
        var refused = Assert.ThrowsAny<Exception>(() => Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(protector, "signed in"));
        Assert.Contains("DataProtection:KeyEncryptionCertificate", refused.InnerException?.Message ?? refused.Message);
        Assert.Empty(Directory.GetFiles(keys, "key-*.xml"));
    }
}
