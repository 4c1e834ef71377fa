namespace SemaineIndustrie.Contracts.Geocoding;

// What the geocoding API (/api/geocoding) reads and answers.

/// <summary>Where a venue is (or why it could not be placed), and who placed it by hand if someone did.</summary>
public sealed record LocationView(
    Guid SubmissionId, int SubmissionVersion, string CommuneInsee, string Departement, string Region,
    double? Latitude, double? Longitude, LocationPrecision? Precision, string? Source, double? Score, string? CorrectedBy, string? UnlocatedReason);

public sealed record CorrectionRequest(double? Latitude, double? Longitude);
