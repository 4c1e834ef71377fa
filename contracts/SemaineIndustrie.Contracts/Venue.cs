namespace SemaineIndustrie.Contracts;

/// <summary>Where an event takes place, with its territory resolved from the commune's INSEE code.</summary>
public sealed record Venue(
    string Name,
    string Street,
    string PostalCode,
    string CommuneInsee,
    string CommuneName,
    string Departement,
    string Region);
