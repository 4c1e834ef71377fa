using System.Text.Json;
using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Submission.Editions;

/// <summary>
/// An edition as the national team wrote it: the request they sent (jsonb), whether it is published, and a revision that
/// grows with every change (carried by <see cref="EditionPublished"/>, so that other services keep the newest).
/// </summary>
public sealed class EditionRecord
{
    public int Year { get; init; }
    public string Content { get; private set; } = "{}";
    public bool Published { get; set; }
    public long Revision { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    /// <summary>PostgreSQL xmin: two admins changing one edition at once cannot both win.</summary>
    public uint RowVersion { get; set; }

    public EditionRequest Request => JsonSerializer.Deserialize<EditionRequest>(Content, ContractJson.Options)!;

    public void Write(EditionRequest request) => Content = JsonSerializer.Serialize(request with
    {
        FocusTags = request.FocusTags ?? [], Kit = request.Kit ?? [],
    }, ContractJson.Options);

    public Edition ToEdition()
    {
        var r = Request;
        return new Edition(r.Year, r.Number, r.Name, r.Theme, r.FirstDay, r.LastDay, r.SubmissionsOpen, r.SubmissionsClose,
            r.Sectors, r.Audiences, r.FocusTags ?? [], r.Kit ?? [], Published);
    }
}

/// <summary>One line of the editions' audit trail.</summary>
public sealed class EditionChange
{
    public long Id { get; init; }
    public int Year { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>The account id (accountability, as in the identity service's audit).</summary>
    public required string By { get; init; }
    /// <summary>The person's name as their token gave it at the time (for people reading the trail).</summary>
    public string? ByName { get; init; }
    public required string Action { get; init; }
    /// <summary>The edition as it was after the change (jsonb), for "who changed what".</summary>
    public string? Details { get; init; }
}
