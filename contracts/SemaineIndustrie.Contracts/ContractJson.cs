using System.Text.Json;

namespace SemaineIndustrie.Contracts;

/// <summary>
/// How the platform writes JSON it stores or sends between services (outbox bodies, stored event details,
/// versions, pre-checks): System.Text.Json's web defaults, one instance for every service. The HTTP APIs
/// add their own rules on top (service defaults: strict numbers, enum names, text rules).
/// </summary>
public static class ContractJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
