using System;
using System.Runtime.CompilerServices;
using SdeAlm.Model;
using SdeAlm.Sessions;

namespace SdeAlm.Completion;

/// <summary>
/// What completion has read through each server connection. Kept beside the connection rather than in
/// it, so that Sessions does not depend on Completion, and dropped with the connection.
/// </summary>
internal sealed class CompletionCaches
{
    /// <summary>How long a catalog read for completion is reused.</summary>
    public static readonly TimeSpan CatalogLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Connectors change more often than the catalog: reuse a read for one minute.</summary>
    public static readonly TimeSpan ConnectorLifetime = TimeSpan.FromMinutes(1);

    private static readonly ConditionalWeakTable<SdeConnection, CompletionCaches> s_byConnection = new();

    public SnapshotCache<AlmPlugin> Catalog { get; } = new(CatalogLifetime);

    public SnapshotCache<ConnectorSummary> Connectors { get; } = new(ConnectorLifetime);

    public static CompletionCaches For(SdeConnection connection) => s_byConnection.GetValue(connection, _ => new CompletionCaches());
}

/// <summary>What completion shows of a connector (never its settings).</summary>
internal sealed class ConnectorSummary
{
    public ConnectorSummary(int id, string name, string pluginId)
    {
        Id = id;
        Name = name;
        PluginId = pluginId;
    }

    public int Id { get; }

    public string Name { get; }

    public string PluginId { get; }
}
