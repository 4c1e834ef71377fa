namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>
/// A keyset-pagination cursor "ticks:id": the UTC ticks of the last item's sort time and its id, for
/// lists ordered by (time, id). The one format and parser of every such list (review cases, catalogue).
/// </summary>
public readonly record struct TimeCursor(DateTimeOffset At, Guid Id)
{
    public override string ToString() => $"{At.UtcTicks}:{Id}";

    public static bool TryParse(string? text, out TimeCursor cursor)
    {
        cursor = default;
        var parts = text?.Split(':');
        if (parts is not { Length: 2 } || !long.TryParse(parts[0], out var ticks) || !Guid.TryParse(parts[1], out var id)) return false;
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
        cursor = new TimeCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }

    public const string Expected = "Use the nextCursor of the previous page.";
}
