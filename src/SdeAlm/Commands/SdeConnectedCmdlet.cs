using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Errors;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>A cmdlet that needs a server connection: the one given with -Connection, or the current one.</summary>
public abstract class SdeConnectedCmdlet : SdeCmdlet
{
    /// <summary>The connection to use instead of the session's current one (from Connect-Sde).</summary>
    [Parameter]
    [ValidateNotNull]
    public SdeConnection? Connection { get; set; }

    internal SdeApiClient ResolveClient() => ResolveConnection().Client;

    /// <summary>The server connection given with -Connection, or the current one.</summary>
    internal SdeConnection ResolveConnection() => Connection ?? SdeSession.Current ?? throw NotConnected();

    /// <summary>
    /// No current connection. When others are still open, Connect-Sde is not what the user needs: the
    /// error names them and points to Select-SdeConnection.
    /// </summary>
    private SdeApiException NotConnected()
    {
        var open = SdeSession.Open;
        var message = open.Count == 0
            ? "You are not connected to SD Elements. Run Connect-Sde first (for example: Connect-Sde -Server sde.example.com), or pass -Connection."
            : (SdeSession.CurrentWasClosed
                ? "No connection to SD Elements is current: the current one was closed, and no other becomes current by itself."
                : "No connection to SD Elements is current: the open ones were opened with Connect-Sde -NotCurrent.")
              + $" Still open: {OpenList(open)}. Make one current with Select-SdeConnection (for example: Get-SdeConnection -All | Select-Object -First 1 | Select-SdeConnection), or pass -Connection.";
        return new SdeApiException(message, SdeErrorIds.NotConnected, ErrorCategory.InvalidOperation, MyInvocation.MyCommand.Name);
    }

    private static string OpenList(IReadOnlyList<SdeConnection> open)
    {
        const int Shown = 3;
        var named = string.Join(", ", open.Take(Shown).Select(connection => connection.ToString()));
        return open.Count > Shown ? $"{named} and {open.Count - Shown} more" : named;
    }
}
