using System.Collections.Concurrent;

namespace SemaineIndustrie.Messaging.Bus;

/// <summary>The receive endpoints (queues) this service consumes from, as MassTransit configured them.</summary>
public sealed class ServiceEndpoints
{
    private readonly ConcurrentDictionary<string, byte> names = new();

    internal void Add(string queue) => names.TryAdd(queue, 0);

    public IReadOnlyCollection<string> Queues => names.Keys.Order().ToList();

    public bool Contains(string queue) => names.ContainsKey(queue);
}
