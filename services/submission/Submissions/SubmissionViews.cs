using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Submission.Submissions;

/// <summary>The API's records (contracts/…/Http/SubmissionsApi.cs) made from the service's own.</summary>
public static class SubmissionViews
{
    /// <summary>One submission as its organiser sees it: the latest version, private contact included.</summary>
    public static SubmissionView View(this EventSubmission s, SubmissionVersion latest)
    {
        var content = latest.Read();
        return new(s.Id, s.Version, s.Status, s.ReviewerMessage, content.Event, content.PrivateContact, s.CreatedAt, s.UpdatedAt, s.WithdrawnAt);
    }

    public static CommuneCandidate Candidate(Commune c) => new(c.Code, c.Name, c.PostalCodes, c.Departement, c.Region);
}
