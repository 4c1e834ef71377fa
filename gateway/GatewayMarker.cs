namespace SemaineIndustrie.Gateway;

/// <summary>Marks this assembly for test hosts (WebApplicationFactory).</summary>
public sealed class GatewayMarker;
