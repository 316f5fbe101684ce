using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace SdeAlm.Sessions;

/// <summary>
/// The current connection of each runspace. Keyed by runspace so that parallel runspaces never see
/// each other's "current" connection by accident; they pass -Connection instead.
/// </summary>
internal static class SdeSession
{
    private static readonly ConditionalWeakTable<Runspace, Holder> s_current = new();

    public static SdeConnection? Current
    {
        get => Runspace.DefaultRunspace is { } runspace && s_current.TryGetValue(runspace, out var holder) ? holder.Connection : null;
        set
        {
            if (Runspace.DefaultRunspace is { } runspace)
            {
                s_current.GetValue(runspace, _ => new Holder()).Connection = value;
            }
        }
    }

    private sealed class Holder
    {
        public SdeConnection? Connection { get; set; }
    }
}
