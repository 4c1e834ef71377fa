namespace SemaineIndustrie.Web.Organiser;

/// <summary>The submission API's codes in the words organisers use.</summary>
public static class SubmissionLabels
{
    public static readonly IReadOnlyList<(string Code, string Label)> EventTypes =
    [
        ("companyVisit", "Visite d'entreprise"), ("openDay", "Portes ouvertes"), ("conference", "Conférence"), ("forumOrFair", "Forum ou salon"),
        ("workshop", "Atelier"), ("jobDating", "Job dating"), ("exhibition", "Exposition"), ("competition", "Concours"), ("other", "Autre"),
    ];

    public static readonly IReadOnlyList<(string Code, string Label)> OrganisationKinds =
    [
        ("company", "Entreprise"), ("federation", "Fédération professionnelle"), ("school", "Établissement d'enseignement"),
        ("employmentService", "Service public de l'emploi"), ("publicBody", "Organisme public"), ("association", "Association"), ("other", "Autre"),
    ];

    public static string Status(string code) => code switch
    {
        "submitted" => "Déposée",
        "inReview" => "En cours d'instruction",
        "labelled" => "Labellisée",
        "refused" => "Refusée",
        "changesRequested" => "Modifications demandées",
        "revised" => "Modifiée, à réexaminer",
        "withdrawn" => "Retirée",
        _ => code,
    };

    /// <summary>DSFR badge colour of a status.</summary>
    public static string Badge(string code) => code switch
    {
        "labelled" => "fr-badge--success",
        "refused" or "withdrawn" => "fr-badge--error",
        "changesRequested" => "fr-badge--warning",
        _ => "fr-badge--info",
    };
}
