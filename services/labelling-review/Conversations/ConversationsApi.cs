using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Review;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.LabellingReview.Conversations;

/// <summary>
/// A demand's conversation, held with its case. The committee reaches it through the case (<c>/api/review/cases/{id}/messages</c>,
/// the reviewer's scope); the organisation through its demand (<c>/api/conversations/{submissionId}</c>, its own demands only).
/// Anything else is 404, like a case that does not exist. Posting records the message, its audit line and
/// <see cref="ConversationMessagePosted"/> (the notification service mails the other side) in one transaction.
/// </summary>
public static class ConversationsApi
{
    public static RouteGroupBuilder MapCaseMessages(this RouteGroupBuilder cases)
    {
        cases.MapGet("/{id:guid}/messages", async Task<Results<Ok<List<MessageView>>, NotFound>> (Guid id, ClaimsPrincipal user, ReviewDbContext db, CancellationToken ct) =>
            await db.FindInScopeAsync(id, user, ct) is { } reviewCase ? TypedResults.Ok(await ListAsync(db, reviewCase, ct)) : TypedResults.NotFound());
        cases.MapPost("/{id:guid}/messages", async Task<Results<Created<MessageView>, NotFound, ProblemHttpResult>> (Guid id, MessageRequest request,
            ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct) =>
            await db.FindInScopeAsync(id, user, ct) is { } reviewCase
                ? await PostAsync(db, reviewCase, CaseMessage.FromCommittee, user, request, clock.GetUtcNow(), ct)
                : TypedResults.NotFound()).Refuses(StatusCodes.Status422UnprocessableEntity);
        cases.MapPost("/{id:guid}/messages/read", async Task<Results<Ok<int>, NotFound>> (Guid id, ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct) =>
            await db.FindInScopeAsync(id, user, ct) is { } reviewCase
                ? TypedResults.Ok(await ReadAsync(db, reviewCase, CaseMessage.FromOrganiser, clock.GetUtcNow(), ct))
                : TypedResults.NotFound());
        return cases;
    }

    public static IEndpointRouteBuilder MapOrganiserConversations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/conversations").RequireAuthorization(PlatformClaims.OrganiserPolicy).WithTags("Conversations").WithPlatformAnswers();
        group.MapGet("/", Summaries);
        group.MapGet("/{submissionId:guid}", async Task<Results<Ok<List<MessageView>>, NotFound>> (Guid submissionId, ClaimsPrincipal user, ReviewDbContext db, CancellationToken ct) =>
            await OwnAsync(db, submissionId, user, ct) is { } reviewCase ? TypedResults.Ok(await ListAsync(db, reviewCase, ct)) : TypedResults.NotFound());
        group.MapPost("/{submissionId:guid}", async Task<Results<Created<MessageView>, NotFound, ProblemHttpResult>> (Guid submissionId, MessageRequest request,
            ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct) =>
            await OwnAsync(db, submissionId, user, ct) is { } reviewCase
                ? await PostAsync(db, reviewCase, CaseMessage.FromOrganiser, user, request, clock.GetUtcNow(), ct)
                : TypedResults.NotFound()).Refuses(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{submissionId:guid}/read", async Task<Results<Ok<int>, NotFound>> (Guid submissionId, ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct) =>
            await OwnAsync(db, submissionId, user, ct) is { } reviewCase
                ? TypedResults.Ok(await ReadAsync(db, reviewCase, CaseMessage.FromCommittee, clock.GetUtcNow(), ct))
                : TypedResults.NotFound());
        return app;
    }

    /// <summary>The organisation's conversations: per demand, how many messages and how many of the committee's are unread.</summary>
    private static async Task<Ok<List<ConversationSummary>>> Summaries(ClaimsPrincipal user, ReviewDbContext db, CancellationToken ct)
    {
        var organisation = user.OrganiserId();
        var rows = await db.Messages.AsNoTracking()
            .Where(m => db.Cases.Any(c => c.Id == m.CaseId && c.OrganiserId == organisation))
            .GroupBy(m => m.SubmissionId)
            .Select(g => new ConversationSummary(g.Key, g.Count(), g.Count(m => m.From == CaseMessage.FromCommittee && m.ReadAt == null), g.Max(m => m.At)))
            .ToListAsync(ct);
        return TypedResults.Ok(rows.OrderByDescending(r => r.LastAt).ToList());
    }

    private static Task<ReviewCase?> OwnAsync(ReviewDbContext db, Guid submissionId, ClaimsPrincipal user, CancellationToken ct)
    {
        var organisation = user.OrganiserId();
        return db.Cases.SingleOrDefaultAsync(c => c.SubmissionId == submissionId && c.OrganiserId == organisation, ct);
    }

    private static async Task<List<MessageView>> ListAsync(ReviewDbContext db, ReviewCase reviewCase, CancellationToken ct) =>
        (await db.Messages.AsNoTracking().Where(m => m.CaseId == reviewCase.Id).OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(ct)).Select(m => m.View()).ToList();

    /// <summary>The other side's unread messages (<paramref name="from"/>) are read now; returns how many.</summary>
    private static Task<int> ReadAsync(ReviewDbContext db, ReviewCase reviewCase, string from, DateTimeOffset now, CancellationToken ct) =>
        db.Messages.Where(m => m.CaseId == reviewCase.Id && m.From == from && m.ReadAt == null).ExecuteUpdateAsync(set => set.SetProperty(m => m.ReadAt, now), ct);

    private static async Task<Results<Created<MessageView>, NotFound, ProblemHttpResult>> PostAsync(ReviewDbContext db, ReviewCase reviewCase, string from,
        ClaimsPrincipal user, MessageRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > CaseMessage.MaxLength || TextRules.Check(text, multiLine: true) is not null)
            return Problems.Unprocessable("The message is not valid", new Dictionary<string, string[]>
            {
                ["text"] = [TextRules.Check(text, multiLine: true) ?? $"1 to {CaseMessage.MaxLength} characters."],
            });
        var author = user.SubjectId();
        var name = user.FindFirstValue("name") is { Length: > 0 } given ? given : from == CaseMessage.FromCommittee ? "Le comité" : "L'organisateur";
        var message = new CaseMessage
        {
            Id = Guid.CreateVersion7(now), CaseId = reviewCase.Id, SubmissionId = reviewCase.SubmissionId, From = from,
            AuthorId = author, AuthorName = name, Text = text, At = now,
        };
        db.Messages.Add(message);
        db.Record(reviewCase, author, from == CaseMessage.FromCommittee ? "message-to-organiser" : "message-from-organiser", now);
        db.AddToOutbox(new ConversationMessagePosted(reviewCase.SubmissionId, reviewCase.Id, message.Id, from, name, text,
            reviewCase.OrganiserId, reviewCase.Title, reviewCase.Region, reviewCase.Departement, await FollowersAsync(db, reviewCase, now, ct), now));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/review/cases/{reviewCase.Id}/messages", message.View());
    }

    /// <summary>Who follows the case in its committee: who holds it, who wrote on it (a message or a note), who decided it.</summary>
    private static async Task<List<string>> FollowersAsync(ReviewDbContext db, ReviewCase reviewCase, DateTimeOffset now, CancellationToken ct)
    {
        var writers = await db.Messages.Where(m => m.CaseId == reviewCase.Id && m.From == CaseMessage.FromCommittee).Select(m => m.AuthorId)
            .Union(db.Notes.Where(n => n.CaseId == reviewCase.Id).Select(n => n.Author)).ToListAsync(ct);
        return [.. writers.Append(reviewCase.ClaimExpiresAt > now ? reviewCase.ClaimedBy : null).Append(reviewCase.DecidedBy).OfType<string>().Distinct().Order()];
    }
}
