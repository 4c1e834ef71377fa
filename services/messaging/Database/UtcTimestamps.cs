using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SemaineIndustrie.Messaging.Database;

/// <summary>
/// PostgreSQL timestamptz stores instants; Npgsql refuses a DateTimeOffset whose offset is not zero.
/// Times arrive with any offset (events carry Europe/Paris times), so every DateTimeOffset is stored as
/// its UTC instant by convention. Call from each DbContext's ConfigureConventions.
/// </summary>
public static class UtcTimestamps
{
    public static ModelConfigurationBuilder StoreTimestampsAsUtc(this ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTimeOffset>().HaveConversion<ToUtc>();
        configuration.Properties<DateTimeOffset?>().HaveConversion<ToUtc>();
        return configuration;
    }

    private sealed class ToUtc() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
