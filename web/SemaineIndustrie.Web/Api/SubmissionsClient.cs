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

    public Task<ApiAnswer<List<DraftSummary>>> DraftsAsync(CancellationToken ct) => api.GetAsync<List<DraftSummary>>("api/drafts", ct);

    public Task<ApiAnswer<DraftView>> DraftAsync(Guid id, CancellationToken ct) => api.GetAsync<DraftView>($"api/drafts/{id}", ct);

    /// <summary>Saves the form as it is: a new draft, or the given one.</summary>
    public Task<ApiAnswer<DraftView>> SaveDraftAsync(Guid? id, SubmissionRequest draft, CancellationToken ct) => id is { } existing
        ? api.SendAsync<DraftView>(HttpMethod.Put, $"api/drafts/{existing}", draft, ct)
        : api.SendAsync<DraftView>(HttpMethod.Post, "api/drafts", draft, ct);

    public Task<ApiAnswer<Nothing>> DeleteDraftAsync(Guid id, CancellationToken ct) => api.SendAsync(HttpMethod.Delete, $"api/drafts/{id}", null, ct);

    /// <summary>The draft becomes a demand (every rule checked) and is removed.</summary>
    public Task<ApiAnswer<SubmissionView>> SubmitDraftAsync(Guid id, CancellationToken ct) =>
        api.SendAsync<SubmissionView>(HttpMethod.Post, $"api/drafts/{id}/submission", null, ct);

    /// <summary>Uploads a picture (the submission API checks and re-encodes it); its id is then named in the demand.</summary>
    public Task<ApiAnswer<UploadedPicture>> UploadPictureAsync(IFormFile file, CancellationToken ct)
    {
        var content = new MultipartFormDataContent();
        var part = new StreamContent(file.OpenReadStream());
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream"); // the API reads the content, not a declared type
        content.Add(part, "file", Path.GetFileName(file.FileName) is { Length: > 0 } name ? name : "image");
        return api.SendAsync<UploadedPicture>(HttpMethod.Post, "api/pictures", content, ct);
    }

    /// <summary>One size of one of the organisation's pictures (WebP), for its pages' previews.</summary>
    public Task<ApiAnswer<byte[]>> PictureAsync(Guid id, int width, CancellationToken ct) => api.GetAsync<byte[]>($"api/pictures/{id}/{width}.webp", ct);

    /// <param name="dryRun">Checked with the server's rules, nothing stored.</param>
    public Task<ApiAnswer<BatchResponse>> BatchAsync(BatchRequest batch, bool dryRun, CancellationToken ct) =>
        api.SendAsync<BatchResponse>(HttpMethod.Post, "api/submissions/batch" + (dryRun ? "?dryRun=true" : ""), batch, ct);
}
