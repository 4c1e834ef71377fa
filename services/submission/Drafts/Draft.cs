using System.Text.Json;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.Submission.Editions;

namespace SemaineIndustrie.Submission.Drafts;

/// <summary>
/// A demand being written: the request as the organiser left it (any field may be missing or wrong), private to the
/// organisation, checked by the labelling rules only when submitted. Submitting it creates the demand and removes the
/// draft in one transaction.
/// </summary>
public sealed class Draft
{
    /// <summary>At most this many drafts per organisation (a form saved every few seconds updates one draft).</summary>
    public const int MaxPerOrganisation = 200;

    public Guid Id { get; init; }
    public required string OrganiserId { get; init; }
    public required string CreatedBy { get; init; }
    /// <summary>The <see cref="SubmissionRequest"/> so far (JSON).</summary>
    public string Content { get; private set; } = "{}";
    public string? Title { get; private set; }
    /// <summary>The Paris start typed so far (the first session's, when it has sessions), as typed: which edition the draft is for.</summary>
    public string? StartsAt { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint RowVersion { get; set; }

    /// <summary>The stored request's JSON: the contracts' rules, enums by their API code (as the organiser sent them).</summary>
    private static readonly JsonSerializerOptions Json = new(ContractJson.Options)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public SubmissionRequest Request => JsonSerializer.Deserialize<SubmissionRequest>(Content, Json)!;

    public void Write(SubmissionRequest request, DateTimeOffset now)
    {
        Content = JsonSerializer.Serialize(request, Json);
        Title = request.Title?.Trim() is { Length: > 0 } title ? title[..Math.Min(title.Length, 200)] : null;
        var typed = request.Sessions is { Count: > 0 } sessions ? sessions.Select(x => x?.StartsAt).FirstOrDefault(x => !string.IsNullOrWhiteSpace(x)) : request.StartsAt;
        StartsAt = typed?.Trim() is { Length: > 0 and <= 40 } starts ? starts : null;
        UpdatedAt = now;
    }

    /// <summary>The edition the draft's dates fall in, else the current one.</summary>
    public Edition? EditionIn(EditionCatalog editions) =>
        (ParisTime.TryParse(StartsAt, out var starts, out _) ? editions.Containing(starts) : null) ?? editions.Current();
}

/// <summary>One reminder sent to an organisation about an edition ("j-7", "j-2"): never twice.</summary>
public sealed class SentReminder
{
    public required string OrganiserId { get; init; }
    public int Edition { get; init; }
    public required string Kind { get; init; }
    public DateTimeOffset SentAt { get; init; }
}
