using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using SdeAlm.Model;
using SdeAlm.Sessions;

namespace SdeAlm.Completion;

/// <summary>
/// The plugin catalog as tab completion last read it through one connection, kept for a few minutes
/// so that pressing Tab does not call the server every time. Only completion uses it: the Get-*
/// cmdlets always ask the server. Thread-safe; never throws and never waits longer than its timeout.
/// </summary>
internal sealed class CatalogSnapshotCache
{
    /// <summary>How long a catalog read for completion is reused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>How long a failed read (server down, too slow) is remembered, so each Tab does not wait again.</summary>
    public static readonly TimeSpan FailureLifetime = TimeSpan.FromSeconds(15);

    private static readonly Stopwatch s_clock = Stopwatch.StartNew();

    // Kept beside the connection rather than in it, so that Sessions does not depend on Completion.
    private static readonly ConditionalWeakTable<SdeConnection, CatalogSnapshotCache> s_byConnection = new();

    private readonly object _gate = new();
    private readonly Func<TimeSpan> _now;
    private IReadOnlyList<AlmPlugin>? _plugins;
    private TimeSpan _expires;

    /// <summary>The cache of one connection, made on first use and dropped with the connection.</summary>
    public static CatalogSnapshotCache For(SdeConnection connection) => s_byConnection.GetValue(connection, _ => new CatalogSnapshotCache());

    public CatalogSnapshotCache()
        : this(() => s_clock.Elapsed)
    {
    }

    internal CatalogSnapshotCache(Func<TimeSpan> now)
    {
        _now = now;
    }

    /// <summary>
    /// The cached plugins while they are fresh; otherwise reads them with <paramref name="fetch"/>,
    /// which is cancelled after <paramref name="timeout"/>. Any failure gives an empty list.
    /// </summary>
    public IReadOnlyList<AlmPlugin> Get(Func<CancellationToken, IEnumerable<AlmPlugin>> fetch, TimeSpan timeout)
    {
        // Another Tab (another runspace sharing the connection) may be reading: wait no longer than a read may take.
        if (!Monitor.TryEnter(_gate, timeout))
        {
            return [];
        }

        try
        {
            var now = _now();
            if (_plugins is not null && now < _expires)
            {
                return _plugins;
            }

            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                _plugins = fetch(cancel.Token).ToArray();
                _expires = now + Lifetime;
            }
#pragma warning disable CA1031 // Completion must never fail at the prompt: any error means "no completions".
            catch (Exception)
#pragma warning restore CA1031
            {
                _plugins = [];
                _expires = now + FailureLifetime;
            }

            return _plugins;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}
