using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace SdeAlm.Sessions;

/// <summary>
/// The open connections of each runspace and which one is current. Keyed by runspace so that parallel
/// runspaces never see each other's connections by accident; they pass -Connection instead.
/// Closing a connection (Disconnect-Sde, in any runspace) takes it out of every list it is in.
/// </summary>
internal static class SdeSession
{
    private static readonly ConditionalWeakTable<Runspace, Connections> s_runspaces = new();

    /// <summary>The connection cmdlets use when no -Connection is given; null when there is none.</summary>
    public static SdeConnection? Current => Mine()?.Current;

    /// <summary>The open connections of this runspace, oldest first.</summary>
    public static IReadOnlyList<SdeConnection> Open => Mine()?.Open() ?? [];

    /// <summary>
    /// True when the last current connection was closed and none has been made current since: the
    /// "not connected" error then says so instead of suggesting Connect-Sde.
    /// </summary>
    public static bool CurrentWasClosed => Mine()?.CurrentWasClosed ?? false;

    public static bool IsCurrent(SdeConnection connection) => Mine()?.Current is { } current && ReferenceEquals(current, connection);

    /// <summary>Adds a connection to this runspace's list, and makes it current if asked.</summary>
    public static void Add(SdeConnection connection, bool makeCurrent)
    {
        if (Runspace.DefaultRunspace is { } runspace)
        {
            s_runspaces.GetValue(runspace, _ => new Connections()).Add(connection, makeCurrent);
        }
    }

    /// <summary>Takes a connection out of this runspace's list; if it was current, none is current now.</summary>
    public static void Remove(SdeConnection connection) => Mine()?.Remove(connection);

    private static Connections? Mine() =>
        Runspace.DefaultRunspace is { } runspace && s_runspaces.TryGetValue(runspace, out var connections) ? connections : null;

    private sealed class Connections
    {
        private readonly List<SdeConnection> _open = [];
        private readonly object _gate = new();
        private SdeConnection? _current;
        private bool _currentWasClosed;

        public SdeConnection? Current
        {
            get
            {
                lock (_gate)
                {
                    return _current;
                }
            }
        }

        public bool CurrentWasClosed
        {
            get
            {
                lock (_gate)
                {
                    return _currentWasClosed;
                }
            }
        }

        public void Add(SdeConnection connection, bool makeCurrent)
        {
            lock (_gate)
            {
                if (!_open.Contains(connection))
                {
                    _open.Add(connection);
                }

                if (makeCurrent)
                {
                    _current = connection;
                    _currentWasClosed = false;
                }
            }
        }

        public void Remove(SdeConnection connection)
        {
            lock (_gate)
            {
                _open.Remove(connection);
                if (ReferenceEquals(_current, connection))
                {
                    _current = null;
                    _currentWasClosed = true;
                }

                // With nothing left open, connections opened later with -NotCurrent are not "the others".
                _currentWasClosed &= _open.Count > 0;
            }
        }

        public SdeConnection[] Open()
        {
            lock (_gate)
            {
                // A connection closed from another runspace is still listed here: drop it now.
                _open.RemoveAll(connection => !connection.IsOpen);
                return [.. _open];
            }
        }
    }
}
