using SemaineIndustrie.Contracts.Review;

namespace SemaineIndustrie.Web.Api;

/// <summary>The organisation's conversations with the committees about its demands (/api/conversations, held by the review service).</summary>
public sealed class ConversationsClient(PlatformApi api)
{
    public Task<ApiAnswer<List<ConversationSummary>>> SummariesAsync(CancellationToken ct) => api.GetAsync<List<ConversationSummary>>("api/conversations", ct);

    /// <summary>A demand's messages; 404 until its case is open in the committee's queue (a few seconds after it is sent).</summary>
    public Task<ApiAnswer<List<MessageView>>> MessagesAsync(Guid submissionId, CancellationToken ct) => api.GetAsync<List<MessageView>>($"api/conversations/{submissionId}", ct);

    public Task<ApiAnswer<MessageView>> PostAsync(Guid submissionId, MessageRequest message, CancellationToken ct) =>
        api.SendAsync<MessageView>(HttpMethod.Post, $"api/conversations/{submissionId}", message, ct);

    /// <summary>The committee's messages on the demand are read (the organiser's page shows them).</summary>
    public Task<ApiAnswer<int>> ReadAsync(Guid submissionId, CancellationToken ct) => api.SendAsync<int>(HttpMethod.Post, $"api/conversations/{submissionId}/read", null, ct);
}
