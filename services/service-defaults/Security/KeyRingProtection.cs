using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SemaineIndustrie.ServiceDefaults.Security;

/// <summary>
/// A data-protection key ring (cookies, antiforgery tokens, reset links) is encrypted at rest with a key-encryption
/// certificate that is never stored beside it: a copy of the database or of the keys folder (a backup) is not enough
/// to forge a session cookie. The certificate (PEM, certificate and private key) comes from
/// <c>DataProtection:KeyEncryptionCertificate</c> — a Kubernetes Secret in the cluster. In Development only,
/// <c>DataProtection:DevelopmentFolder</c> holds one generated on first use (deploy/platform.settings gives it for local
/// runs and the tests). Outside Development a missing certificate stops the first use of the key ring, not the host
/// (a migration-only run never needs it).
/// </summary>
public static class KeyRingProtection
{
    public const string Section = "DataProtection";

    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder dataProtection, IConfiguration configuration, IHostEnvironment environment)
    {
        if (Load(configuration, environment) is { } certificate)
            return dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        dataProtection.Services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new Missing());
        return dataProtection;
    }

    /// <summary>Refuses to write a key in clear: the first use of the key ring says what is missing.</summary>
    private sealed class Missing : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(System.Xml.Linq.XElement plaintextElement) => throw new InvalidOperationException(
            $"{Section}:KeyEncryptionCertificate is required (PEM certificate and private key): the data-protection key ring is never stored unencrypted.");
    }

    private static X509Certificate2? Load(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration[$"{Section}:KeyEncryptionCertificate"] is { Length: > 0 } pem) return X509Certificate2.CreateFromPem(pem, pem);
        if (environment.IsDevelopment() && configuration[$"{Section}:DevelopmentFolder"] is { Length: > 0 } folder)
        {
            var file = Path.Combine(folder, "key-encryption.pem");
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(folder);
                using var rsa = RSA.Create(3072);
                var request = new CertificateRequest("CN=Semaine de l'Industrie key encryption (development)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
                var tmp = file + "." + Guid.NewGuid().ToString("N");
                File.WriteAllText(tmp, created.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem() + "\n");
                try { File.Move(tmp, file); } catch (IOException) { File.Delete(tmp); } // another process wrote it first: use theirs
            }
            var text = File.ReadAllText(file);
            return X509Certificate2.CreateFromPem(text, text);
        }
        return null;
    }
}
