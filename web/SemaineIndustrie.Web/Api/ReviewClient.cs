using SemaineIndustrie.Contracts.Review;

namespace SemaineIndustrie.Web.Api;

/// <summary>The labelling-review API (/api/review), as the workbench pages call it.</summary>
public sealed class ReviewClient(PlatformApi api)
{
    /// <summary>The cases in scope; <paramref name="query"/> is the API's query string (filters, limit, cursor).</summary>
    public Task<ApiAnswer<CasePage>> CasesAsync(string query, CancellationToken ct) => api.GetAsync<CasePage>("api/review/cases?" + query, ct);

    public Task<ApiAnswer<CaseDetail>> CaseAsync(Guid id, CancellationToken ct) => api.GetAsync<CaseDetail>($"api/review/cases/{id}", ct);

    /// <summary>The pending cases of the reviewer's scope overdue by two working days or more ("national" from five).</summary>
    public Task<ApiAnswer<List<EscalatedCase>>> EscalationsAsync(int? edition, CancellationToken ct) =>
        api.GetAsync<List<EscalatedCase>>("api/review/escalations" + (edition is { } year ? $"?edition={year}" : ""), ct);

    public Task<ApiAnswer<CommitteeWorkload>> WorkloadAsync(int? edition, CancellationToken ct) =>
        api.GetAsync<CommitteeWorkload>("api/review/workload" + (edition is { } year ? $"?edition={year}" : ""), ct);

    /// <summary>An absent member's claims in the reviewer's scope: released, or taken over ("me").</summary>
    public Task<ApiAnswer<CoverResult>> CoverAsync(string reviewer, CoverRequest cover, CancellationToken ct) =>
        api.SendAsync<CoverResult>(HttpMethod.Post, $"api/review/reviewers/{Uri.EscapeDataString(reviewer)}/cover", cover, ct);

    public Task<ApiAnswer<List<SavedViewView>>> ViewsAsync(CancellationToken ct) => api.GetAsync<List<SavedViewView>>("api/review/views", ct);

    /// <summary>Keeps the workbench list's filters under a name (the same name replaces its view).</summary>
    public Task<ApiAnswer<SavedViewView>> SaveViewAsync(SavedViewRequest view, CancellationToken ct) => api.SendAsync<SavedViewView>(HttpMethod.Post, "api/review/views", view, ct);

    /// <summary>The case's conversation with its organisation.</summary>
    public Task<ApiAnswer<List<MessageView>>> MessagesAsync(Guid id, CancellationToken ct) => api.GetAsync<List<MessageView>>($"api/review/cases/{id}/messages", ct);

    public Task<ApiAnswer<MessageView>> PostMessageAsync(Guid id, MessageRequest message, CancellationToken ct) =>
        api.SendAsync<MessageView>(HttpMethod.Post, $"api/review/cases/{id}/messages", message, ct);

    /// <summary>The organisation's messages on the case are read (the committee's page shows them).</summary>
    public Task<ApiAnswer<int>> ReadMessagesAsync(Guid id, CancellationToken ct) => api.SendAsync<int>(HttpMethod.Post, $"api/review/cases/{id}/messages/read", null, ct);

    /// <summary>A picture of one of the case's versions, as the committee sees it (WebP).</summary>
    public Task<ApiAnswer<byte[]>> CasePictureAsync(Guid id, Guid picture, CancellationToken ct) => api.GetAsync<byte[]>($"api/review/cases/{id}/pictures/{picture}.webp", ct);

    public Task<ApiAnswer<List<AuditEntryView>>> AuditAsync(Guid id, CancellationToken ct) => api.GetAsync<List<AuditEntryView>>($"api/review/cases/{id}/audit", ct);

    public Task<ApiAnswer<Nothing>> ClaimAsync(Guid id, CancellationToken ct) => api.SendAsync(HttpMethod.Post, $"api/review/cases/{id}/claim", null, ct);

    public Task<ApiAnswer<List<Assignee>>> AssigneesAsync(Guid id, CancellationToken ct) => api.GetAsync<List<Assignee>>($"api/review/cases/{id}/assignees", ct);

    public Task<ApiAnswer<Nothing>> AssignAsync(Guid id, AssignRequest request, CancellationToken ct) => api.SendAsync(HttpMethod.Post, $"api/review/cases/{id}/assign", request, ct);

    public Task<ApiAnswer<Nothing>> ReleaseAsync(Guid id, CancellationToken ct) => api.SendAsync(HttpMethod.Post, $"api/review/cases/{id}/release", null, ct);

    public Task<ApiAnswer<Nothing>> AddNoteAsync(Guid id, NoteRequest note, CancellationToken ct) => api.SendAsync(HttpMethod.Post, $"api/review/cases/{id}/notes", note, ct);

    public Task<ApiAnswer<Nothing>> DecideAsync(Guid id, DecisionRequest decision, CancellationToken ct) =>
        api.SendAsync(HttpMethod.Post, $"api/review/cases/{id}/decision", decision, ct);

    public Task<ApiAnswer<List<BulkDecisionResult>>> DecideManyAsync(BulkDecisionRequest decisions, CancellationToken ct) =>
        api.SendAsync<List<BulkDecisionResult>>(HttpMethod.Post, "api/review/cases/decisions", decisions, ct);

    public Task<ApiAnswer<List<QueueView>>> QueuesAsync(int? edition, CancellationToken ct) => api.GetAsync<List<QueueView>>("api/review/queues" + (edition is { } y ? $"?edition={y}" : ""), ct);

    public Task<ApiAnswer<ReviewStatistics>> StatisticsAsync(int? edition, CancellationToken ct) => api.GetAsync<ReviewStatistics>("api/review/statistics" + (edition is { } y ? $"?edition={y}" : ""), ct);

    /// <summary>The edition against the previous one at the same number of days before its week, per région.</summary>
    public Task<ApiAnswer<YearOverYear>> YearOverYearAsync(int edition, CancellationToken ct) =>
        api.GetAsync<YearOverYear>($"api/review/statistics/year-over-year?edition={edition}", ct);

    /// <param name="region">For the national team: whose templates (a regional reviewer always reads their région's).</param>
    public Task<ApiAnswer<List<MotivationTemplateView>>> TemplatesAsync(string? region, CancellationToken ct) =>
        api.GetAsync<List<MotivationTemplateView>>("api/review/motivations" + (region is null ? "" : "?region=" + Uri.EscapeDataString(region)), ct);

    public Task<ApiAnswer<MotivationTemplateView>> AddTemplateAsync(MotivationTemplateRequest template, CancellationToken ct) =>
        api.SendAsync<MotivationTemplateView>(HttpMethod.Post, "api/review/motivations", template, ct);

    public Task<ApiAnswer<Nothing>> DeleteTemplateAsync(Guid id, CancellationToken ct) => api.SendAsync(HttpMethod.Delete, $"api/review/motivations/{id}", null, ct);
}
