using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace SdeAlm.Completion;

/// <summary>
/// A list as tab completion last read it from the server, kept for a while so that pressing Tab does
/// not call the server every time. Only completion uses it: the cmdlets always ask the server.
/// Thread-safe; never throws and never waits longer than its timeout.
/// </summary>
internal sealed class SnapshotCache<T>
{
    /// <summary>How long a failed read (server down, too slow) is remembered, so each Tab does not wait again.</summary>
    public static readonly TimeSpan FailureLifetime = TimeSpan.FromSeconds(15);

    private static readonly Stopwatch s_clock = Stopwatch.StartNew();

    private readonly object _gate = new();
    private readonly TimeSpan _lifetime;
    private readonly Func<TimeSpan> _now;
    private IReadOnlyList<T>? _items;
    private TimeSpan _expires;

    public SnapshotCache(TimeSpan lifetime)
        : this(lifetime, () => s_clock.Elapsed)
    {
    }

    internal SnapshotCache(TimeSpan lifetime, Func<TimeSpan> now)
    {
        _lifetime = lifetime;
        _now = now;
    }

    /// <summary>
    /// The cached items while they are fresh; otherwise reads them with <paramref name="fetch"/>,
    /// which is cancelled after <paramref name="timeout"/>. Any failure gives an empty list.
    /// </summary>
    public IReadOnlyList<T> Get(Func<CancellationToken, IEnumerable<T>> fetch, TimeSpan timeout)
    {
        // Another Tab (another runspace sharing the connection) may be reading: wait no longer than a read may take.
        if (!Monitor.TryEnter(_gate, timeout))
        {
            return [];
        }

        try
        {
            var now = _now();
            if (_items is not null && now < _expires)
            {
                return _items;
            }

            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                _items = fetch(cancel.Token).ToArray();
                _expires = now + _lifetime;
            }
#pragma warning disable CA1031 // Completion must never fail at the prompt: any error means "no completions".
            catch (Exception)
#pragma warning restore CA1031
            {
                _items = [];
                _expires = now + FailureLifetime;
            }

            return _items;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}
