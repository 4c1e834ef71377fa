namespace SemaineIndustrie.Contracts.Catalogue;

// What the open dataset's index (GET /api/catalogue/open-data) answers: the web's /donnees page reads it.

/// <summary>One edition's published dataset, as the index lists it.</summary>
public sealed record OpenDataEditionView(int Edition, int Events, DateTimeOffset GeneratedAt, string DataPackage, IReadOnlyDictionary<string, OpenDataFileView> Files);

public sealed record OpenDataFileView(string Url, long Bytes, string Sha256);

/// <summary>The schemas, the licence and the published editions, latest first.</summary>
public sealed record OpenDataIndex(string TableSchema, string JsonSchema, string Licence, IReadOnlyList<OpenDataEditionView> Editions);


/// <summary>What one publication wrote (POST /api/catalogue/open-data/publication): an edition, its number of events, when.</summary>
public sealed record OpenDataEdition(int Edition, int Events, DateTimeOffset GeneratedAt);
