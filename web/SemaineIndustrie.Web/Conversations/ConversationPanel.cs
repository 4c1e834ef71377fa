using SemaineIndustrie.Contracts.Review;

namespace SemaineIndustrie.Web.Conversations;

/// <summary>
/// A demand's conversation as a page shows it (the organiser's demand, the committee's case): the messages, oldest first, and
/// the form to write one. <see cref="Side"/> is the reader's side ("organiser" or "committee"): their messages show whether
/// the other side has read them; the panel's words for each side are the resources "Conv.{side}.Heading", ".Hint", ".Other"
/// (the other side, "the committee") and ".To" ("to the committee").
/// </summary>
public sealed record ConversationPanel(IReadOnlyList<MessageView>? Messages, string Side, string? Error = null, string? Draft = null)
{
    public const int MaxLength = 5000;

    public bool Mine(MessageView message) => message.From == Side;
}
