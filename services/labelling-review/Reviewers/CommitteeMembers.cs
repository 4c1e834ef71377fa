using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.People;

namespace SemaineIndustrie.LabellingReview.Reviewers;

/// <summary>
/// This service's copy of the committees (<c>people</c>, kept from identity's <see cref="PersonChanged"/>): reviewers and
/// administrators only, with their name and seat, no address. It answers "who else reviews this case" without asking
/// identity, so a case can be handed to a colleague while identity is down.
/// </summary>
public static class CommitteeMembers
{
    /// <summary>The reviewers who may take a case of (région, département), named, by name.</summary>
    public static async Task<List<KnownPerson>> OfAsync(ReviewDbContext db, string region, string departement, CancellationToken ct) =>
        (await db.People.AsNoTracking().Where(p => !p.Deleted && (p.Region == region || p.AdminRegion == region)).ToListAsync(ct))
            .Where(p => p.SitsOnCommitteeOf(region, departement))
            .OrderBy(p => p.DisplayName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true))
            .ToList();
}

/// <summary>Keeps the committees' copy, queue <c>review-person-changed</c>: organisers are kept as bare rows (no facts).</summary>
public sealed class PersonChangedConsumer(ReviewDbContext db) : PersonChangedConsumerBase(db)
{
    protected override bool Keeps(PersonChanged person) => PeopleCopy.IsCommitteeMember(person);
}

/// <summary>Records identity's answer to this service's people resync.</summary>
public sealed class PeopleResyncStartedConsumer(ReviewDbContext db) : PeopleResyncStartedConsumerBase(db, LabellingReviewServiceExtensions.ServiceName);
