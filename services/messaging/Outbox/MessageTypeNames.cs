using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;
using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Messaging.Outbox;

/// <summary>
/// How an outbox row names its message's type: MassTransit's message URN
/// (<c>urn:message:SemaineIndustrie.Contracts:SubmissionReceived</c>), the name the message also carries
/// on the wire. It does not depend on the assembly, and a contract renamed or moved keeps its name with
/// <c>[MessageUrn("…")]</c>, so pending rows are never stranded by a refactoring. Rows written before
/// URNs (an assembly-qualified .NET name) are still read.
/// </summary>
public static class MessageTypeNames
{
    private static readonly ConcurrentDictionary<string, Type> Known = new(StringComparer.Ordinal);

    public static string Of(Type type)
    {
        var urn = MessageUrn.ForTypeString(type);
        Known.TryAdd(urn, type);
        return urn;
    }

    /// <summary>The short name for logs and metrics: the URN's last segment.</summary>
    public static string Short(string name) => name.StartsWith(MessageUrn.Prefix, StringComparison.Ordinal)
        ? name[(name.LastIndexOf(':') + 1)..]
        : name.Split(',')[0].Split('.')[^1];

    /// <summary>The type a row names, or null when no loaded type carries that name (the row is then parked).</summary>
    public static Type? Resolve(string name)
    {
        if (!name.StartsWith(MessageUrn.Prefix, StringComparison.Ordinal)) return Type.GetType(name, throwOnError: false);
        if (Known.TryGetValue(name, out var type)) return type;
        foreach (var candidate in Candidates())
        {
            try
            {
                Known.TryAdd(MessageUrn.ForTypeString(candidate), candidate);
            }
            catch (ArgumentException)
            {
                // not a message type MassTransit can name (e.g. a misused [MessageUrn]): it cannot be the one
            }
        }
        return Known.GetValueOrDefault(name);
    }

    /// <summary>Message classes and records of the contracts and of the application's own assemblies.</summary>
    private static IEnumerable<Type> Candidates()
    {
        var assemblies = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.GetName().Name is { } n && !n.StartsWith("System", StringComparison.Ordinal) && !n.StartsWith("Microsoft", StringComparison.Ordinal)
                        && !n.StartsWith("MassTransit", StringComparison.Ordinal) && !n.StartsWith("Npgsql", StringComparison.Ordinal))
            .Append(typeof(ISubmissionEvent).Assembly)
            .Distinct();
        foreach (var assembly in assemblies)
        {
            Type[] types;
            try
            {
                types = assembly.GetExportedTypes();
            }
            catch (Exception ex) when (ex is ReflectionTypeLoadException or NotSupportedException or FileNotFoundException)
            {
                continue;
            }
            foreach (var type in types)
            {
                if (type.IsClass && !type.IsAbstract && !type.ContainsGenericParameters) yield return type;
            }
        }
    }
}
