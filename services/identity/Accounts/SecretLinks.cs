using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace SemaineIndustrie.Identity.Accounts;

/// <summary>The secrets of mailed links: 256 random bits, URL-safe; the database keeps only their SHA-256.</summary>
public static class SecretLinks
{
    public static (string Secret, string Hash) New()
    {
        var secret = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (secret, Hash(secret));
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
