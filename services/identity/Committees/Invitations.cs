using SemaineIndustrie.ServiceDefaults.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Auditing;
using SemaineIndustrie.Identity.Mail;
using SemaineIndustrie.Identity.Organisations;
using SemaineIndustrie.Identity.Tokens;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Identity.Committees;

/// <summary>
/// Sending and accepting invitations. Accepting applies exactly what the invitation says (a committee
/// seat, an admin grant, a membership), marks it used and audits it, in one transaction.
/// </summary>
public sealed class Invitations(PlatformIdentityDbContext db, SmtpMailer mail, PublicLinks links, TimeProvider clock,
    IOptions<PlatformIdentityOptions> options, ILookupNormalizer normaliser)
{
    public async Task SendAsync(string actor, string email, InvitationPurpose purpose, Guid? organisation, string? region,
        IReadOnlyList<string> departements, string? organisationName, CancellationToken ct)
    {
        var (secret, hash) = SecretLinks.New();
        var now = clock.GetUtcNow();
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(),
            Email = email.Trim(),
            Purpose = purpose,
            OrganisationId = organisation,
            Region = region,
            Departements = [.. departements],
            TokenHash = hash,
            InvitedBy = actor,
            CreatedAt = now,
            ExpiresAt = now + options.Value.InvitationLifetime,
        };
        db.Invitations.Add(invitation);
        db.Record(now, actor, $"invitation.{purpose.ToString().ToLowerInvariant()}.sent", organisation: organisation, region: region,
            details: new { invitation = invitation.Id, email = invitation.Email, departements });
        await db.SaveChangesAsync(ct);

        var link = links.To("compte/invitation", ("t", secret));
        await mail.SendAsync(purpose switch
        {
            InvitationPurpose.Reviewer => AccountMails.ReviewerInvitation(invitation.Email, language => Describe(region!, departements, language), link),
            InvitationPurpose.Admin => AccountMails.AdminInvitation(invitation.Email,
                language => region is null ? IdentityText.In(language, "NationalScope") : Describe(region, [], language), link),
            _ => AccountMails.ColleagueInvitation(invitation.Email, organisationName ?? "", link),
        }, ct);
    }

    /// <summary>The open invitation behind a link, or null when it is unknown, used or expired.</summary>
    public async Task<Invitation?> FindOpenAsync(string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100) return null;
        var hash = SecretLinks.Hash(secret);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        return invitation is { AcceptedAt: null } && invitation.ExpiresAt > clock.GetUtcNow() ? invitation : null;
    }

    /// <summary>Does this person sit on a committee or administer one (something an invitation could move)?</summary>
    public async Task<bool> HoldsAnyCommitteeRoleAsync(string userId, CancellationToken ct) =>
        await db.Seats.AnyAsync(s => s.UserId == userId, ct) || await db.Admins.AnyAsync(a => a.UserId == userId, ct);

    /// <summary>
    /// Why <paramref name="inviter"/> may not seat the person with this address on région <paramref name="region"/>'s
    /// committee, or null: a seat in another région moves only with an administrator of that région (or a national one).
    /// </summary>
    public async Task<string?> SeatMoveRefusalAsync(string inviter, string email, string region, CancellationToken ct)
    {
        var normalised = normaliser.NormalizeEmail(email.Trim());
        var seat = await (from user in db.Users.AsNoTracking()
                          join s in db.Seats.AsNoTracking() on user.Id equals s.UserId
                          where user.NormalizedEmail == normalised
                          select s).SingleOrDefaultAsync(ct);
        if (seat is null || seat.Region == region) return null;
        return (await Standing.OfAsync(db, inviter, ct)).AdministersRegion(seat.Region) ? null
            : $"This person sits on the committee of région {seat.Region}: only an administrator of région {seat.Region}, or a national one, moves that seat.";
    }

    /// <summary>Applies the invitation to <paramref name="user"/> (whose e-mail it was sent to); the refusal when it would move a seat its sender may not move.</summary>
    public async Task<string?> AcceptAsync(Invitation invitation, PlatformUser user, CancellationToken ct)
    {
        if (invitation.Purpose == InvitationPurpose.Reviewer && await SeatMoveRefusalAsync(invitation.InvitedBy, user.Email!, invitation.Region!, ct) is { } refused)
            return refused;
        var now = clock.GetUtcNow();
        switch (invitation.Purpose)
        {
            case InvitationPurpose.Reviewer:
                var seat = await db.Seats.SingleOrDefaultAsync(s => s.UserId == user.Id, ct);
                if (seat is null) db.Seats.Add(seat = new CommitteeSeat { UserId = user.Id, Region = invitation.Region!, AppointedBy = invitation.InvitedBy });
                seat.Region = invitation.Region!;
                seat.Departements = [.. invitation.Departements];
                seat.Since = now;
                seat.AppointedBy = invitation.InvitedBy;
                break;
            case InvitationPurpose.Admin:
                var grant = await db.Admins.SingleOrDefaultAsync(a => a.UserId == user.Id, ct);
                if (grant is null) db.Admins.Add(grant = new AdminGrant { UserId = user.Id, GrantedBy = invitation.InvitedBy });
                grant.Region = invitation.Region;
                grant.Since = now;
                grant.GrantedBy = invitation.InvitedBy;
                break;
            case InvitationPurpose.Colleague:
                var member = await db.Members.SingleOrDefaultAsync(m => m.UserId == user.Id, ct);
                if (member is not null) db.Members.Remove(member);
                db.Members.Add(new OrganisationMember { UserId = user.Id, OrganisationId = invitation.OrganisationId!.Value, Since = now });
                break;
        }
        invitation.AcceptedAt = now;
        invitation.AcceptedBy = user.Id;
        db.Record(now, user.Id, $"invitation.{invitation.Purpose.ToString().ToLowerInvariant()}.accepted", targetUser: user.Id,
            organisation: invitation.OrganisationId, region: invitation.Region,
            details: new { invitation = invitation.Id, invitedBy = invitation.InvitedBy, departements = invitation.Departements });
        await db.SaveChangesAsync(ct);
        return null;
    }

    public static string Describe(string region, IReadOnlyList<string> departements, string? language = null)
    {
        var name = FrenchTerritory.FindRegion(region)?.Name ?? region;
        var described = language is null ? IdentityText.Now("Region", name) : IdentityText.In(language, "Region", name);
        return departements.Count == 0 ? described
            : described + ", " + string.Join(", ", departements.Select(d => FrenchTerritory.FindDepartement(d)?.Name ?? d));
    }
}
