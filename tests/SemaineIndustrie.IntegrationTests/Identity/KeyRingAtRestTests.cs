using System.Net;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Identity;

/// <summary>
/// The identity service's data-protection key ring (it protects the sign-in cookie, antiforgery tokens, reset links)
/// lives in its database: a backup of that database must not be enough to forge a session cookie. Every key is
/// stored encrypted with the key-encryption certificate, which is configured apart (a Kubernetes Secret).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class KeyRingAtRestTests(Platform platform)
{
    [Fact]
    public async Task Every_key_of_the_identity_services_key_ring_is_stored_encrypted()
    {
        using var person = new Person(platform.Gateway);
        Assert.Equal(HttpStatusCode.OK, (await person.Http.GetAsync("/compte/connexion")).StatusCode); // an antiforgery token: the ring has a key

        var keys = await platform.QueryAsync<SemaineIndustrie.Identity.ServiceMarker, SemaineIndustrie.Identity.PlatformIdentityDbContext, List<string?>>(db =>
            db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml);             // the master key, encrypted with the certificate
            Assert.DoesNotContain("<value>", xml);                // not the master key in clear
        });
    }
}
