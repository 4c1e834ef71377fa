using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Publication.Catalogue;

public sealed record PublicVenue(string Name, string Street, string PostalCode, string CommuneInsee, string CommuneName, string Departement, string Region);

public sealed record PublicLocation(double Latitude, double Longitude);

/// <summary>The public shape of a catalogue event: built field by field, so nothing private can leak in.</summary>
public sealed record PublicOrganiser(string Name, string Kind);

public sealed record PublicEvent(
    Guid Id, int Version, int Edition, string Title, string Description, string EventType, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    PublicVenue Venue, PublicLocation Location, IReadOnlyList<string> Sectors, IReadOnlyList<string> Audiences,
    bool FreeOfCharge, int? Capacity, Registration Registration, Accessibility Accessibility, PublicOrganiser OrganisingBody);

public static class CatalogueApi
{
    public static IEndpointRouteBuilder MapCatalogueApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalogue").AllowAnonymous().WithTags("Public catalogue");
        group.MapGet("/events", List);
        group.MapGet("/events/{id:guid}", Get);
        return app;
    }

    private static async Task<Ok<List<PublicEvent>>> List(PublicationDbContext db, CancellationToken ct, string? region = null, string? departement = null)
    {
        var query = db.Catalogue.AsNoTracking();
        if (region is not null) query = query.Where(e => e.Region == region);
        if (departement is not null) query = query.Where(e => e.Departement == departement);
        var entries = await query.OrderBy(e => e.StartsAt).ThenBy(e => e.SubmissionId).Take(100).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(ToPublic).ToList());
    }

    private static async Task<Results<Ok<PublicEvent>, NotFound>> Get(Guid id, PublicationDbContext db, CancellationToken ct)
    {
        var entry = await db.Catalogue.AsNoTracking().SingleOrDefaultAsync(e => e.SubmissionId == id, ct);
        return entry is null ? TypedResults.NotFound() : TypedResults.Ok(ToPublic(entry));
    }

    private static PublicEvent ToPublic(CatalogueEntry entry)
    {
        var d = entry.ReadDetails();
        var v = d.Venue;
        return new PublicEvent(entry.SubmissionId, entry.Version, d.Edition.Year, d.Title, d.Description, d.EventType, d.StartsAt, d.EndsAt,
            new PublicVenue(v.Name, v.Street, v.PostalCode, v.CommuneInsee, v.CommuneName, v.Departement, v.Region),
            new PublicLocation(entry.Latitude, entry.Longitude), d.Sectors, d.Audiences, d.FreeOfCharge, d.Capacity,
            d.Registration, d.Accessibility, new PublicOrganiser(d.OrganisingBody.Name, d.OrganisingBody.Kind));
    }
}
