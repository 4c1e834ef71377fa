using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Geocoding.Gazetteer;
using SemaineIndustrie.Geocoding.Locating;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.Territory;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Geocoding.Corrections;

/// <summary>
/// Reviewers in scope read a venue's location and place it by hand. A correction must fall inside the
/// venue's département — checked as "the nearest commune centre is in that département" (a Voronoi
/// approximation of the boundary, from the offline gazetteer) — and wins until the address changes.
/// </summary>
public static class CorrectionsApi
{
    public static IEndpointRouteBuilder MapCorrectionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/geocoding/venues").RequireAuthorization(PlatformClaims.ReviewerPolicy).WithTags("Venue locations").WithPlatformAnswers();
        group.MapGet("/{submissionId:guid}", Get);
        group.MapPut("/{submissionId:guid}/location", Correct).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<LocationView>, NotFound>> Get(Guid submissionId, ClaimsPrincipal user, GeocodingDbContext db, CancellationToken ct)
    {
        var location = await db.VenueLocations.AsNoTracking().SingleOrDefaultAsync(v => v.SubmissionId == submissionId, ct);
        if (location is null || !ReviewerScope.Of(user).Allows(location.Region, location.Departement)) return TypedResults.NotFound();
        return TypedResults.Ok(View(location));
    }

    private static async Task<Results<Ok<LocationView>, NotFound, ProblemHttpResult>> Correct(Guid submissionId, CorrectionRequest request, ClaimsPrincipal user, GeocodingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var location = await db.VenueLocations.SingleOrDefaultAsync(v => v.SubmissionId == submissionId, ct);
        if (location is null || !ReviewerScope.Of(user).Allows(location.Region, location.Departement)) return TypedResults.NotFound();

        var errors = new Dictionary<string, string[]>();
        if (request.Latitude is not (>= -90 and <= 90)) errors["latitude"] = ["Required, between -90 and 90 (WGS84)."];
        if (request.Longitude is not (>= -180 and <= 180)) errors["longitude"] = ["Required, between -180 and 180 (WGS84)."];
        if (errors.Count == 0)
        {
            var (nearest, _) = OfflineGazetteer.Instance.Nearest(request.Latitude!.Value, request.Longitude!.Value);
            var departement = FrenchTerritory.DepartementOfCommune(nearest.Code);
            if (departement?.Code != location.Departement)
            {
                errors["location"] = [$"This point is in département {departement?.Code ?? "?"} ({departement?.Name}), not {location.Departement} where the venue's commune is."];
            }
        }
        if (errors.Count > 0)
        {
            return Problems.Unprocessable("The correction is not valid", errors);
        }

        db.AddToOutbox(location.Correct(request.Latitude!.Value, request.Longitude!.Value, user.SubjectId(), clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("Location changed meanwhile", "A new version arrived; read the location again.");
        }
        return TypedResults.Ok(View(location));
    }

    private static LocationView View(VenueLocation v) => new(v.SubmissionId, v.SubmissionVersion, v.CommuneInsee, v.Departement, v.Region,
        v.Latitude, v.Longitude, v.Precision, v.Source, v.Score, v.CorrectedBy, v.UnlocatedReason);
}
