using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Reconciliation;
using SemaineIndustrie.Messaging.Reconciliation;

namespace SemaineIndustrie.Submission.Reconciliation;

/// <summary><c>Reconciliation:Services:{review|geocoding|publication|notification}</c>: each service's own address (not the gateway's).</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";
    public Dictionary<string, Uri> Services { get; set; } = [];
    /// <summary>How long a first disagreement is given to settle before it counts: news in flight (an outbox row not yet relayed, a message queued) is not a loss.</summary>
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>A service did not answer the reconciliation: nothing was compared or repaired.</summary>
public sealed class ServiceUnreachable(string service, string reason) : Exception($"{service}: {reason}")
{
    public string Service => service;
}

/// <summary>
/// Compares what every service holds of an edition's submissions and, asked to, repairs (docs/reconciliation.md): each owning
/// service publishes again its retained messages about the submissions another service missed — the messages keep their ids, so an
/// inbox that applied one drops it. What no replay can repair is listed for a person, with what each service holds.
/// </summary>
public sealed class Reconciler(HeldSubmissions own, OutboxReplay replay, IHttpClientFactory clients, IOptions<ReconciliationOptions> options, TimeProvider clock)
{
    public const string Client = "reconciliation";

    public async Task<ReconciliationReport> RunAsync(int edition, bool repair, AuthenticationHeaderValue? caller, CancellationToken ct)
    {
        var listed = (await own.HeldAsync(new HeldRequest(edition, []), ct)).Unlisted;
        var first = await CompareAsync(edition, listed.Select(s => s.SubmissionId).ToList(), caller, ct);
        var disagreements = first.Disagreements;
        if (disagreements.Count > 0 && options.Value.SettleDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.Value.SettleDelay, clock, ct);
            disagreements = (await CompareAsync(edition, [.. disagreements.Select(d => d.SubmissionId).Distinct()], caller, ct)).Disagreements;
        }

        var repairable = disagreements.Where(d => d.Republishers.Count > 0).ToList();
        var forAPerson = disagreements.Where(d => d.Republishers.Count == 0).ToList();
        var replays = new List<ReplayAnswer>();
        if (repair && repairable.Count > 0)
        {
            foreach (var group in repairable.SelectMany(d => d.Republishers.Select(r => (Service: r, d.SubmissionId))).GroupBy(p => p.Service))
            {
                var ids = group.Select(p => p.SubmissionId).Distinct().ToList();
                replays.Add(group.Key == ReconciliationRules.Submission
                    ? await replay.ReplayAsync(ids, ct)
                    : await PostAsync<ReplayAnswer>(group.Key, "admin/reconciliation/replay", new ReplayRequest(ids), caller, ct));
            }
            // Nothing retained by any service that should have replayed it: past the outbox's retention, for a person.
            var unreplayed = replays.SelectMany(r => r.NothingRetained.Select(id => (r.Service, id))).ToHashSet();
            var stranded = repairable.Where(d => d.Republishers.All(r => unreplayed.Contains((r, d.SubmissionId)))).ToList();
            forAPerson.AddRange(stranded.Select(d => d with
            {
                Kind = d.Kind + "-not-retained",
                What = d.What + $" {string.Join(", ", d.Republishers)} no longer retain(s) what they said about it (past the outbox's retention).",
                Republishers = [],
            }));
            repairable = [.. repairable.Except(stranded)];
        }
        var disagreeing = disagreements.Select(d => d.SubmissionId).ToHashSet();
        return new ReconciliationReport(edition, clock.GetUtcNow(), first.Compared, first.Compared - disagreeing.Count, repair, repairable, forAPerson, replays);
    }

    private async Task<(int Compared, List<Disagreement> Disagreements)> CompareAsync(int edition, IReadOnlyList<Guid> ids, AuthenticationHeaderValue? caller, CancellationToken ct)
    {
        var request = new HeldRequest(edition, ids);
        var mine = await own.HeldAsync(request, ct);
        var answers = await Task.WhenAll(ReconciliationRules.Others.Select(service => PostAsync<HeldAnswer>(service, "admin/reconciliation/held", request, caller, ct)));
        var byService = answers.ToDictionary(a => a.Service, a => a.Submissions.ToDictionary(s => s.SubmissionId));
        // Submissions a service holds for the edition that the submission service does not know at all.
        var unknown = answers.SelectMany(a => a.Unlisted).Select(s => s.SubmissionId).Where(id => mine.Unlisted.All(m => m.SubmissionId != id)).Distinct();
        foreach (var answer in answers)
        {
            foreach (var extra in answer.Unlisted) byService[answer.Service].TryAdd(extra.SubmissionId, extra);
        }
        var held = mine.Submissions.Concat(mine.Unlisted).ToDictionary(s => s.SubmissionId);
        var compared = ids.Concat(unknown).Distinct().ToList();
        var disagreements = compared.SelectMany(id => ReconciliationRules.Compare(id, held.GetValueOrDefault(id),
            ReconciliationRules.Others.ToDictionary(s => s, s => byService.GetValueOrDefault(s)?.GetValueOrDefault(id)))).ToList();
        return (compared.Count, disagreements);
    }

    private async Task<T> PostAsync<T>(string service, string path, object body, AuthenticationHeaderValue? caller, CancellationToken ct)
    {
        if (!options.Value.Services.TryGetValue(service, out var address))
            throw new ServiceUnreachable(service, $"no address: set {ReconciliationOptions.Section}:Services:{service}");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path)) { Content = JsonContent.Create(body, options: ContractJson.Options) };
        request.Headers.Authorization = caller;
        try
        {
            using var response = await clients.CreateClient(Client).SendAsync(request, ct);
            if (!response.IsSuccessStatusCode) throw new ServiceUnreachable(service, $"answered {(int)response.StatusCode} to {path}");
            return (await response.Content.ReadFromJsonAsync<T>(ContractJson.Options, ct))!;
        }
        catch (HttpRequestException ex)
        {
            throw new ServiceUnreachable(service, ex.Message);
        }
    }
}
