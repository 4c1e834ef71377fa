namespace SemaineIndustrie.LabellingReview.Motivations;

/// <summary>A reusable motivation of a committee (one per région): "Événement payant", "Hors de la semaine"…</summary>
public sealed class MotivationTemplate
{
    public Guid Id { get; init; }
    public required string Region { get; init; }
    public required string Title { get; init; }
    public required string Text { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record MotivationTemplateView(Guid Id, string Region, string Title, string Text, DateTimeOffset CreatedAt)
{
    public static MotivationTemplateView Of(MotivationTemplate t) => new(t.Id, t.Region, t.Title, t.Text, t.CreatedAt);
}

public sealed record MotivationTemplateRequest(string? Title, string? Text, string? Region);
