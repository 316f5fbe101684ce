using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using SdeAlm.Api;
using SdeAlm.Sessions;

namespace SdeAlm.Completion;

/// <summary>
/// The connectors (id, name, plugin; never their settings) as tab completion last read them through
/// one server connection, reused for a short while so that each Tab does not call the server.
/// Thread-safe; never throws and never waits longer than its timeout.
/// </summary>
internal sealed class ConnectorSnapshotCache
{
    /// <summary>Connectors change more often than the catalog: reuse a read for one minute.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private static readonly Stopwatch s_clock = Stopwatch.StartNew();
    private static readonly ConditionalWeakTable<SdeConnection, ConnectorSnapshotCache> s_byConnection = new();

    private readonly object _gate = new();
    private IReadOnlyList<ConnectorSummary> _connectors = [];
    private TimeSpan _expires = TimeSpan.MinValue;

    public static ConnectorSnapshotCache For(SdeConnection connection) => s_byConnection.GetValue(connection, _ => new ConnectorSnapshotCache());

    /// <summary>The connectors of <paramref name="connection"/>; an empty list when the server fails or is slow.</summary>
    public IReadOnlyList<ConnectorSummary> Get(SdeConnection connection, TimeSpan timeout)
    {
        if (!Monitor.TryEnter(_gate, timeout))
        {
            return [];
        }

        try
        {
            var now = s_clock.Elapsed;
            if (now < _expires)
            {
                return _connectors;
            }

            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                _connectors = new AlmResourceApi(connection.Client)
                    .ListConnectors(new RequestContext(null, cancel.Token))
                    .Select(wire => new ConnectorSummary(wire.Id, wire.Name ?? string.Empty, wire.System?.Id ?? string.Empty))
                    .ToArray();
                _expires = now + Lifetime;
            }
#pragma warning disable CA1031 // Completion must never fail at the prompt: any error means "no completions".
            catch (Exception)
#pragma warning restore CA1031
            {
                _connectors = [];
                _expires = now + CatalogSnapshotCache.FailureLifetime;
            }

            return _connectors;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}

/// <summary>What completion shows of a connector.</summary>
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
