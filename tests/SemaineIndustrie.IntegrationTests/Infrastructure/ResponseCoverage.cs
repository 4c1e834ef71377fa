using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>
/// What the integration tests made the APIs answer, summed over every platform, written beside the test assembly
/// when the run ends: api-answers.txt (every "METHOD route → status" reached, with a count: the figure to quote) and
/// api-undeclared.txt (the answers an endpoint does not declare; deploy/test.sh prints it when the run fails).
/// The check itself is in <see cref="Platform.DisposeAsync"/>.
/// </summary>
public static class ResponseCoverage
{
    private static readonly string Answers = Path.Combine(AppContext.BaseDirectory, "api-answers.txt");
    private static readonly string UndeclaredFile = Path.Combine(AppContext.BaseDirectory, "api-undeclared.txt");
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Seen = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Undeclared = new();

    static ResponseCoverage()
    {
        File.Delete(Answers);
        File.Delete(UndeclaredFile);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!Seen.IsEmpty) File.WriteAllLines(Answers, Seen.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} ×{p.Value}"));
            if (!Undeclared.IsEmpty) File.WriteAllLines(UndeclaredFile, Undeclared.Keys.Order(StringComparer.Ordinal));
        };
    }

    /// <returns>The undeclared answers of these services.</returns>
    public static List<string> Record(IEnumerable<ResponseContract> contracts)
    {
        var undeclared = new List<string>();
        foreach (var contract in contracts)
        {
            foreach (var (answer, count) in contract.Seen) Seen.AddOrUpdate(answer, count, (_, n) => n + count);
            foreach (var answer in contract.Undeclared) { Undeclared.TryAdd(answer, 0); undeclared.Add(answer); }
        }
        // Written now too: a run stopped by a failure still leaves the list.
        if (!Undeclared.IsEmpty) File.WriteAllLines(UndeclaredFile, Undeclared.Keys.Order(StringComparer.Ordinal));
        return undeclared;
    }
}
