using Microsoft.AspNetCore.Http.HttpResults;
using SemaineIndustrie.ServiceDefaults.Time;
using System.Security.Claims;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.LabellingReview.Notes;

public static class NotesApi
{
    public const int MaxLength = 4000;

    /// <summary>Notes are for reviewers only: never sent to the organiser nor published.</summary>
    public static RouteGroupBuilder MapNotesApi(this RouteGroupBuilder cases)
    {
        cases.MapPost("/{id:guid}/notes", AddNote).Refuses(StatusCodes.Status422UnprocessableEntity);
        return cases;
    }

    private static async Task<Results<Created<NoteView>, NotFound, ProblemHttpResult>> AddNote(Guid id, NoteRequest request, ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || TextRules.Check(text, multiLine: true) is not null)
        {
            return Problems.Unprocessable("The note is not valid", new Dictionary<string, string[]> { ["text"] = [TextRules.Check(text, multiLine: true) ?? $"1 to {MaxLength} characters."] });
        }
        var reviewCase = await db.FindInScopeAsync(id, user, ct);
        if (reviewCase is null) return TypedResults.NotFound();

        var now = clock.GetUtcNow();
        var note = new CaseNote { Id = Guid.CreateVersion7(now), CaseId = id, SubmissionVersion = reviewCase.SubmissionVersion, Author = user.SubjectId(), Text = text, At = now };
        db.Notes.Add(note);
        db.Record(reviewCase, note.Author, "note-added", now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/review/cases/{id}", new NoteView(note.Id, note.Author, note.Text, note.SubmissionVersion, note.At));
    }
}
