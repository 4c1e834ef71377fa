namespace SemaineIndustrie.Territory;

public sealed record Commune(string Code, string Name, string Departement, string Region, IReadOnlyList<string> PostalCodes);
