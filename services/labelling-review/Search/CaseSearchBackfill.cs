using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.LabellingReview.Search;

/// <summary>
/// Cases opened before search existed get their words once, at start (after the migrations), from their stored version;
/// a case receiving a version meanwhile gets them from its consumer. Idempotent: only cases without words are read.
/// </summary>
public sealed partial class CaseSearchBackfill(IServiceScopeFactory scopes, ILogger<CaseSearchBackfill> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var total = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReviewDbContext>();
                var batch = await db.Cases.Where(c => c.SearchText == "").OrderBy(c => c.Id).Take(500).ToListAsync(stoppingToken);
                if (batch.Count == 0) break;
                foreach (var reviewCase in batch)
                {
                    var details = JsonSerializer.Deserialize<EventDetails>(reviewCase.Details, ContractJson.Options);
                    reviewCase.SearchText = details is null ? CaseSearch.Number(reviewCase.Id) : CaseSearch.Text(reviewCase.Id, reviewCase.SubmissionId, details);
                }
                try
                {
                    await db.SaveChangesAsync(stoppingToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    continue; // a version arrived for one of them meanwhile: read the batch again
                }
                total += batch.Count;
            }
            if (total > 0) LogFilled(logger, total);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search words computed for {Count} cases opened before search existed")]
    private static partial void LogFilled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The search words of older cases could not be computed; they are found by their other filters until the next start")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
