using SemaineIndustrie.Contracts.Review;

namespace SemaineIndustrie.Web.Conversations;

/// <summary>
/// A demand's conversation as a page shows it (the organiser's demand, the committee's case): the messages, oldest first, and
/// the form to write one. <see cref="Side"/> is the reader's side ("organiser" or "committee"): their messages show whether
/// the other side has read them.
/// </summary>
public sealed record ConversationPanel(IReadOnlyList<MessageView>? Messages, string Side, string Heading, string Hint, string OtherSide,
    string? Error = null, string? Draft = null)
{
    /// <summary>"au comité", "à l'organisateur": whom the form writes to.</summary>
    public string To => OtherSide.StartsWith("le ", StringComparison.Ordinal) ? "au " + OtherSide[3..] : "à " + OtherSide;

    public const int MaxLength = 5000;

    public bool Mine(MessageView message) => message.From == Side;
}
