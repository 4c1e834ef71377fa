namespace SemaineIndustrie.Notification.Recipients;

/// <summary>
/// A person as the identity service last announced them (<see cref="SemaineIndustrie.Contracts.PersonChanged"/>): this
/// service's own copy of who may be written to, in which language, for which organisation and committee. A deleted
/// person stays as a tombstone without address or name, so that older news cannot bring them back.
/// </summary>
public sealed class KnownPerson
{
    public required string UserId { get; init; }
    public long Sequence { get; set; }
    /// <summary>The confirmed address (null: not someone to write to).</summary>
    public string? Email { get; set; }
    public string DisplayName { get; set; } = "";
    public string Language { get; set; } = "fr";
    public string? OrganisationId { get; set; }
    public string? Region { get; set; }
    public List<string> Departements { get; set; } = [];
    public bool Deleted { get; set; }
}
