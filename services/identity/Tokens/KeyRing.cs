using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SemaineIndustrie.Identity.Tokens;

/// <summary>
/// Turns the configured PEM keys into security keys. Outside Development keys must be configured: the
/// provider refuses to start rather than sign with a key that dies with the process. In Development
/// without configuration, one key pair is created in a local folder and reused by every later start.
/// </summary>
public static class KeyRing
{
    public static (IReadOnlyList<SecurityKey> Signing, IReadOnlyList<SecurityKey> Encryption) Load(TokenKeys keys, bool development)
    {
        if (keys.Signing.Count > 0 || keys.Encryption.Count > 0)
        {
            if (keys.Signing.Count == 0 || keys.Encryption.Count == 0)
                throw new InvalidOperationException("Identity:Keys needs both Signing and Encryption keys (PEM).");
            return (keys.Signing.Select((pem, i) => Rsa(pem, $"Identity:Keys:Signing:{i}")).ToList(),
                keys.Encryption.Select((pem, i) => Rsa(pem, $"Identity:Keys:Encryption:{i}")).ToList());
        }
        if (!development)
            throw new InvalidOperationException(
                "Identity:Keys:Signing and Identity:Keys:Encryption are required outside Development (RSA keys as PEM); " +
                "keys are never generated per start in production.");

        var folder = keys.DevelopmentFolder ?? Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "semaine-industrie", "identity-keys");
        return ([Rsa(DevelopmentPem(folder, "signing.pem"), "signing.pem")], [Rsa(DevelopmentPem(folder, "encryption.pem"), "encryption.pem")]);
    }

    /// <summary>A new RSA-2048 private key as PKCS#8 PEM (for configuration, the dev folder and tests).</summary>
    public static string NewPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    private static SecurityKey Rsa(string pem, string source)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException($"{source} is not an RSA private key in PEM form.", ex);
        }
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        // The key id is derived from the public key, so every replica and restart names the same key alike.
        var kid = Base64UrlEncoder.Encode(SHA256.HashData([.. parameters.Modulus!, .. parameters.Exponent!]))[..16];
        return new RsaSecurityKey(rsa) { KeyId = kid };
    }

    private static string DevelopmentPem(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (File.Exists(path)) return File.ReadAllText(path);
        Directory.CreateDirectory(folder);
        var temporary = path + "." + Guid.NewGuid().ToString("N");
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // a private key: owner only
        using (var file = new FileStream(temporary, create))
        using (var writer = new StreamWriter(file)) writer.Write(NewPem());
        try
        {
            File.Move(temporary, path, overwrite: false); // two processes starting at once: the first key wins
        }
        catch (IOException)
        {
            File.Delete(temporary);
        }
        return File.ReadAllText(path);
    }
}
