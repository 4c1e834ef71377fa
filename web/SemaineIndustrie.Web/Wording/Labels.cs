using System.Globalization;
using System.Text.Json;
using SemaineIndustrie.ServiceDefaults.Time;
using Microsoft.Extensions.Localization;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Submissions;

namespace SemaineIndustrie.Web.Wording;

/// <summary>
/// The APIs' codes in the words of the page's language: one resource per value (<c>CaseStatus.Pending</c>,
/// <c>SubmissionStatus.Labelled</c>, <c>EventType.OpenDay</c>, <c>OrganisationKind.School</c>) in SharedResource (FR/EN),
/// for every enum the contracts define.
/// </summary>
public static class Labels
{
    public static string Label<TEnum>(this IStringLocalizer T, TEnum value) where TEnum : struct, Enum => T[$"{typeof(TEnum).Name}.{value}"];

    /// <summary>Every value with its API code (camelCase, as the API reads it) and its words, for a select.</summary>
    public static IReadOnlyList<(string Code, string Label)> Choices<TEnum>(this IStringLocalizer T) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => (Code(v), T.Label(v))).ToList();

    /// <summary>The code of a value as the APIs write it.</summary>
    public static string Code<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The value an API code names (case aside), or null: "openDay" is <c>EventType.OpenDay</c>; numbers are not codes.</summary>
    public static TEnum? FromCode<TEnum>(string? code) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => (TEnum?)v).FirstOrDefault(v => string.Equals(Code(v!.Value), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>"One of: a, b, c." — the codes an API field accepts, in the page's language.</summary>
    public static string OneOf<TEnum>(this IStringLocalizer T) where TEnum : struct, Enum => T["OneOf", string.Join(", ", Enum.GetValues<TEnum>().Select(v => Code(v)))];

    /// <summary>The words of an API code (an event type or organisation kind as a string in an event): the code itself when unknown.</summary>
    public static string LabelOf<TEnum>(this IStringLocalizer T, string? code) where TEnum : struct, Enum =>
        FromCode<TEnum>(code) is { } value ? T.Label(value) : code ?? "";

    /// <summary>An instant as Paris time, written the page's way: <paramref name="format"/> names the resource holding the pattern
    /// ("DateTime" 27/03/2018 09:00 · 27 Mar 2018 09:00, "DateAtTime", "Cases.Date" for the day alone).</summary>
    public static string Paris(this IStringLocalizer T, DateTimeOffset at, string format = "DateTime") =>
        ParisTime.ToParis(at).ToString(T[format], CultureInfo.CurrentUICulture);

    /// <summary>DSFR badge colour of a submission's status.</summary>
    public static string Badge(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Labelled => "fr-badge--success",
        SubmissionStatus.Refused or SubmissionStatus.Withdrawn => "fr-badge--error",
        SubmissionStatus.ChangesRequested => "fr-badge--warning",
        _ => "fr-badge--info",
    };
}
