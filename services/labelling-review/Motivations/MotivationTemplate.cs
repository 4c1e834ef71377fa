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

    public MotivationTemplateView View() => new(Id, Region, Title, Text, CreatedAt);
}

