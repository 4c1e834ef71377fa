namespace SemaineIndustrie.Submission.Pictures;

/// <summary>
/// An organisation's uploaded picture, as its re-encoded derivatives only (the upload itself is never kept: its
/// metadata could place a private home). A demand references it by id; its bytes leave with the demand's version
/// (<see cref="Contracts.PictureAttached"/>). Pictures no demand or draft references are purged after a while.
/// </summary>
public sealed class StoredPicture
{
    public Guid Id { get; init; }
    public required string OrganiserId { get; init; }
    public required string UploadedBy { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
    /// <summary>What the upload was (jpeg, png, webp), read from its content.</summary>
    public required string Format { get; init; }
    /// <summary>The upload's upright size.</summary>
    public int Width { get; init; }
    public int Height { get; init; }
    public List<StoredPictureFile> Files { get; init; } = [];

    public IReadOnlyList<PictureSize> Sizes => [.. Files.OrderBy(f => f.Width).Select(f => new PictureSize(f.Width, f.Height))];
}

/// <summary>One derivative (WebP).</summary>
public sealed class StoredPictureFile
{
    public Guid PictureId { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public required byte[] Webp { get; init; }
}
