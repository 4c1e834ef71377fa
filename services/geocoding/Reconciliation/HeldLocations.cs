using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts.Reconciliation;
using SemaineIndustrie.Messaging.Reconciliation;

namespace SemaineIndustrie.Geocoding.Reconciliation;

/// <summary>What geocoding holds: the version each venue was last placed (or found unplaceable) for. It does not know editions.</summary>
public sealed class HeldLocations(GeocodingDbContext db) : IHeldSubmissions
{
    public async Task<HeldAnswer> HeldAsync(HeldRequest request, CancellationToken cancellationToken)
    {
        var ids = request.Submissions.ToArray();
        var locations = await db.VenueLocations.AsNoTracking().Where(l => ids.Contains(l.SubmissionId))
            .Select(l => new { l.SubmissionId, l.SubmissionVersion, l.Latitude }).ToListAsync(cancellationToken);
        return new HeldAnswer("geocoding",
            [.. locations.Select(l => new HeldSubmission(l.SubmissionId, l.SubmissionVersion, l.Latitude is null ? "unlocated" : "located", Located: l.Latitude is not null))],
            []);
    }
}
