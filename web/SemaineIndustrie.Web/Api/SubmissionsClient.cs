using SemaineIndustrie.Contracts.Submissions;

namespace SemaineIndustrie.Web.Api;

/// <summary>The submission API (/api/submissions), as the organiser's pages call it.</summary>
public sealed class SubmissionsClient(PlatformApi api)
{
    public Task<ApiAnswer<SubmissionPage>> ListAsync(int limit, CancellationToken ct) => api.GetAsync<SubmissionPage>($"api/submissions?limit={limit}", ct);

    /// <summary>One submission; its <see cref="ApiAnswer{T}.ETag"/> is the version to send back with a revision.</summary>
    public Task<ApiAnswer<SubmissionView>> GetAsync(Guid id, CancellationToken ct) => api.GetAsync<SubmissionView>($"api/submissions/{id}", ct);

    public Task<ApiAnswer<List<StatusChangeView>>> HistoryAsync(Guid id, CancellationToken ct) => api.GetAsync<List<StatusChangeView>>($"api/submissions/{id}/history", ct);

    /// <summary>"Reconduire": one of the organisation's past demands as a new demand's request for the edition open now.</summary>
    public Task<ApiAnswer<CarryOverView>> CarryOverAsync(Guid id, CancellationToken ct) => api.GetAsync<CarryOverView>($"api/submissions/{id}/carry-over", ct);

    public Task<ApiAnswer<SubmissionView>> CreateAsync(SubmissionRequest submission, CancellationToken ct) =>
        api.SendAsync<SubmissionView>(HttpMethod.Post, "api/submissions", submission, ct);

    /// <param name="version">The ETag read with the submission: a change made meanwhile is refused (412), never overwritten.</param>
    public Task<ApiAnswer<SubmissionView>> ReviseAsync(Guid id, SubmissionRequest submission, string? version, CancellationToken ct) =>
        api.SendAsync<SubmissionView>(HttpMethod.Put, $"api/submissions/{id}", submission, ct, ifMatch: version);

    public Task<ApiAnswer<Nothing>> WithdrawAsync(Guid id, CancellationToken ct) => api.SendAsync(HttpMethod.Post, $"api/submissions/{id}/withdraw", null, ct);

    /// <param name="dryRun">Checked with the server's rules, nothing stored.</param>
    public Task<ApiAnswer<BatchResponse>> BatchAsync(BatchRequest batch, bool dryRun, CancellationToken ct) =>
        api.SendAsync<BatchResponse>(HttpMethod.Post, "api/submissions/batch" + (dryRun ? "?dryRun=true" : ""), batch, ct);
}
