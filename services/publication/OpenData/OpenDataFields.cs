using System.Text.Json;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Submissions;

namespace SemaineIndustrie.Publication.OpenData;

/// <summary>
/// One column of the open dataset: its name (the catalogue API's CSV vocabulary), its Table Schema type and constraints,
/// its French title and description (the dataset is French), and its value for an event. The CSV, the JSON and the GeoJSON
/// files, the Table Schema and the JSON Schema are all made from this one list, so they cannot disagree.
/// </summary>
/// <param name="Value">A string, int, double, bool, DateTimeOffset, a list of strings, or null (no value).</param>
public sealed record OpenDataField(string Name, string Type, string Title, string Description, Func<PublicEvent, string, object?> Value)
{
    /// <summary>Table Schema format: "uuid", "uri"; "any" for a datetime with its Paris offset.</summary>
    public string? Format { get; init; }
    public bool Required { get; init; }
    public bool Unique { get; init; }
    public string? Pattern { get; init; }
    public IReadOnlyList<string>? Enum { get; init; }
    public int? Minimum { get; init; }
    public int? Maximum { get; init; }
    public int? MaxLength { get; init; }
    /// <summary>A list of codes: joined with '|' in the CSV (a Table Schema string), an array in the JSON.</summary>
    public bool List { get; init; }
}

/// <summary>The dataset's columns, in order. Nothing private is among them: no SIRET, no account, no private contact.</summary>
public static class OpenDataFields
{
    private static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    public static readonly IReadOnlyList<OpenDataField> All =
    [
        new("id", "string", "Identifiant", "Identifiant stable de l'événement : il ne change pas quand l'organisateur le modifie.", (e, _) => e.Id.ToString())
            { Format = "uuid", Required = true, Unique = true },
        new("version", "integer", "Version", "Numéro de la version publiée ; il augmente à chaque modification labellisée.", (e, _) => e.Version)
            { Required = true, Minimum = 1 },
        new("edition", "integer", "Édition", "Année de l'édition de la Semaine de l'Industrie.", (e, _) => e.Edition)
            { Required = true, Minimum = 2000, Maximum = 2100 },
        new("title", "string", "Titre", "Titre de l'événement, tel que l'organisateur l'a écrit.", (e, _) => e.Title)
            { Required = true, MaxLength = 200 },
        new("description", "string", "Description", "Présentation de l'événement par son organisateur (texte brut, retours à la ligne possibles).", (e, _) => e.Description)
            { Required = true },
        new("event_type", "string", "Type d'événement", "Visite d'entreprise (companyVisit), portes ouvertes (openDay), conférence, forum ou salon, atelier, job dating, exposition, concours, autre.",
            (e, _) => e.EventType) { Required = true, Enum = [.. Enum.GetNames<EventType>().Select(Camel)] },
        new("starts_at", "datetime", "Début", "Début de la première séance, heure de Paris au format ISO 8601 avec son décalage (2018-03-27T09:00:00+02:00).", (e, _) => e.StartsAt)
            { Format = "any", Required = true },
        new("ends_at", "datetime", "Fin", "Fin de la dernière séance, heure de Paris au format ISO 8601 avec son décalage.", (e, _) => e.EndsAt)
            { Format = "any", Required = true },
        new("sessions", "integer", "Séances", "Nombre de séances de l'événement (1 quand il a lieu d'un seul tenant) ; le détail est sur sa page.",
            (e, _) => e.Sessions is { Count: > 0 } s ? s.Count : 1) { Required = true, Minimum = 1 },
        new("venue_name", "string", "Lieu", "Nom du lieu (entreprise, établissement, salle).", (e, _) => e.Venue.Name) { Required = true },
        new("street", "string", "Adresse", "Numéro et voie du lieu.", (e, _) => e.Venue.Street) { Required = true },
        new("postal_code", "string", "Code postal", "Code postal du lieu.", (e, _) => e.Venue.PostalCode) { Required = true, Pattern = "[0-9]{5}" },
        new("commune_insee", "string", "Code commune (INSEE)", "Code officiel géographique de la commune du lieu.", (e, _) => e.Venue.CommuneInsee)
            { Required = true, Pattern = "[0-9]{5}|2[AB][0-9]{3}" },
        new("commune", "string", "Commune", "Nom de la commune du lieu.", (e, _) => e.Venue.CommuneName) { Required = true },
        new("departement", "string", "Département", "Code du département du lieu (32 pour le Gers, 2A, 971…).", (e, _) => e.Venue.Departement)
            { Required = true, Pattern = "[0-9]{2}|2[AB]|[0-9]{3}" },
        new("region", "string", "Région", "Code INSEE de la région du lieu (76 pour l'Occitanie).", (e, _) => e.Venue.Region) { Required = true, Pattern = "[0-9]{2}" },
        new("latitude", "number", "Latitude", "Latitude du lieu en degrés décimaux (WGS 84).", (e, _) => e.Location.Latitude) { Required = true, Minimum = -90, Maximum = 90 },
        new("longitude", "number", "Longitude", "Longitude du lieu en degrés décimaux (WGS 84).", (e, _) => e.Location.Longitude) { Required = true, Minimum = -180, Maximum = 180 },
        new("sectors", "string", "Filières", "Codes des filières industrielles présentées, séparés par « | » (référentiel de l'édition).", (e, _) => e.Sectors)
            { Required = true, List = true },
        new("audiences", "string", "Publics", "Codes des publics visés, séparés par « | » (jeunes, demandeurs-emploi…).", (e, _) => e.Audiences)
            { Required = true, List = true },
        new("focus_tags", "string", "Thèmes nationaux", "Codes des thèmes nationaux de l'édition que l'événement met en avant (mixite…), séparés par « | » ; vide sinon.",
            (e, _) => e.FocusTags ?? []) { List = true },
        new("free_of_charge", "boolean", "Gratuit", "true si l'événement est gratuit.", (e, _) => e.FreeOfCharge) { Required = true },
        new("capacity", "integer", "Places", "Nombre de places, quand l'organisateur l'a indiqué.", (e, _) => e.Capacity) { Minimum = 1 },
        new("registration_required", "boolean", "Inscription obligatoire", "true si l'inscription est obligatoire.", (e, _) => e.Registration.Required) { Required = true },
        new("registration_url", "string", "Page d'inscription", "Adresse de la page d'inscription, quand il y en a une.", (e, _) => OpenDataSet.Link(e.Registration.Url))
            { Format = "uri" },
        new("wheelchair_accessible", "boolean", "Accessible en fauteuil roulant", "true ou false quand l'organisateur l'a indiqué ; vide sinon.",
            (e, _) => e.Accessibility.WheelchairAccessible),
        new("accessibility_details", "string", "Accessibilité", "Précisions de l'organisateur sur l'accessibilité du lieu.", (e, _) => e.Accessibility.Details),
        new("organiser", "string", "Organisateur", "Nom public de l'organisme qui organise l'événement (jamais le nom ni les coordonnées d'une personne).",
            (e, _) => e.OrganisingBody.Name) { Required = true },
        new("organiser_kind", "string", "Type d'organisme", "Entreprise (company), fédération, établissement d'enseignement (school), service de l'emploi, organisme public, association, autre.",
            (e, _) => e.OrganisingBody.Kind) { Required = true, Enum = [.. Enum.GetNames<OrganisationKind>().Select(Camel)] },
        new("page_url", "string", "Page de l'événement", "Adresse de la page publique de l'événement, avec ses séances et ses contacts d'inscription.",
            (e, baseUrl) => $"{baseUrl}/evenements/{e.Id}") { Format = "uri", Required = true },
        new("picture_url", "string", "Image", "Adresse de l'image de l'événement (WebP, 1200 px au plus), quand il en a une.",
            (e, baseUrl) => e.Picture is { } p ? baseUrl + p.Url : null) { Format = "uri" },
        new("updated_at", "datetime", "Mise à jour", "Date et heure de publication de cette version sur la carte (UTC, ISO 8601).",
            (e, _) => e.UpdatedAt.ToUniversalTime()) { Required = true },
    ];
}
