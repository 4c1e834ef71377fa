namespace SemaineIndustrie.ServiceDefaults.Auth;

/// <summary>One audience per API: a token issued for the review API is refused by the submission API.</summary>
public static class PlatformAudiences
{
    public const string Submission = "si-submission";
    public const string Review = "si-review";
    public const string Geocoding = "si-geocoding";
    public const string Publication = "si-publication";
    public const string Identity = "si-identity";
    public const string Notification = "si-notification";

    public static readonly IReadOnlyList<string> All = [Submission, Review, Geocoding, Publication, Identity, Notification];
}
