using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>
/// Reads what the shared smtp4dev received, through its API. Tests give every person a unique address,
/// so parallel collections never read each other's mail.
/// </summary>
public static partial class Mailbox
{
    private static readonly HttpClient Api = new() { BaseAddress = InfrastructureSettings.Instance.SmtpWeb };

    public sealed record Mail(string Id, string Subject, string Text, string Html);

    /// <summary>Every mail to <paramref name="address"/> so far, oldest first.</summary>
    public static async Task<List<Mail>> AllToAsync(string address)
    {
        var page = await Api.GetFromJsonAsync<JsonElement>($"api/messages?pageSize=500&searchTerms={Uri.EscapeDataString(address)}");
        var mails = new List<Mail>();
        foreach (var summary in page.GetProperty("results").EnumerateArray()
                     .Where(m => m.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetString(), address, StringComparison.OrdinalIgnoreCase)))
                     .OrderBy(m => m.GetProperty("receivedDate").GetDateTimeOffset()))
        {
            var id = summary.GetProperty("id").GetString()!;
            mails.Add(new Mail(id, summary.GetProperty("subject").GetString()!,
                await Api.GetStringAsync($"api/messages/{id}/plaintext"), await Api.GetStringAsync($"api/messages/{id}/html")));
        }
        return mails;
    }

    /// <summary>Waits for the <paramref name="count"/>th mail to <paramref name="address"/>.</summary>
    public static async Task<Mail> NextAsync(string address, int count = 1)
    {
        List<Mail> mails = [];
        await Eventually.Until(async () => (mails = await AllToAsync(address)).Count >= count, $"mail #{count} to {address}");
        return mails[count - 1];
    }

    /// <summary>A mail's headers as the SMTP server received them (name → values).</summary>
    public static async Task<ILookup<string, string>> HeadersAsync(this Mail mail)
    {
        var message = await Api.GetFromJsonAsync<JsonElement>($"api/messages/{mail.Id}");
        return message.GetProperty("headers").EnumerateArray()
            .ToLookup(h => h.GetProperty("name").GetString()!, h => h.GetProperty("value").GetString()!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The first link of the plain-text part that starts with <paramref name="prefix"/>.</summary>
    public static Uri Link(this Mail mail, string prefix)
    {
        var match = LinkPattern().Matches(mail.Text).Select(m => m.Value).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return new Uri(match ?? throw new InvalidOperationException($"no link starting with {prefix} in: {mail.Text}"));
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
