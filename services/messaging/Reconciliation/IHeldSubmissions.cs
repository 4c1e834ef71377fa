using SemaineIndustrie.Contracts.Reconciliation;

namespace SemaineIndustrie.Messaging.Reconciliation;

/// <summary>
/// What a service holds of an edition's submissions, for reconciliation (docs/reconciliation.md): each service that keeps
/// state about submissions answers with its own facts, read from its own database.
/// </summary>
public interface IHeldSubmissions
{
    Task<HeldAnswer> HeldAsync(HeldRequest request, CancellationToken cancellationToken);
}
