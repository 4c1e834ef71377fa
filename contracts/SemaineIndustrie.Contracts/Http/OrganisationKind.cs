namespace SemaineIndustrie.Contracts;

/// <summary>What kind of body organises events: the identity service's organisations and the submissions' organising bodies.</summary>
public enum OrganisationKind
{
    Company,
    Federation,
    School,
    EmploymentService,
    PublicBody,
    Association,
    Other,
}
