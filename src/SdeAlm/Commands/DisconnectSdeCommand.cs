using System.Management.Automation;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>
/// Disconnect-Sde: closes a connection (the current one by default), or with -All every open one, and
/// forgets it. Closing the current one leaves none current rather than guessing which of the others the
/// user means.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "Sde", DefaultParameterSetName = OneSet)]
[OutputType(typeof(void))]
public sealed class DisconnectSdeCommand : SdeCmdlet
{
    private const string OneSet = "Connection";
    private const string AllSet = "All";

    /// <summary>The connection to close; the current one when omitted.</summary>
    [Parameter(ParameterSetName = OneSet, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public SdeConnection? Connection { get; set; }

    /// <summary>Closes every open connection of the session, the current one included.</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        if (All)
        {
            var open = SdeSession.Open;
            if (open.Count == 0)
            {
                WriteVerbose("No connection to SD Elements is open; nothing to disconnect.");
            }

            foreach (var connection in open)
            {
                Close(connection, noneCurrentNow: false);
            }

            return;
        }

        var current = SdeSession.Current;
        var target = Connection ?? current;
        if (target is null)
        {
            WriteVerbose("Not connected to SD Elements; nothing to disconnect.");
            return;
        }

        Close(target, noneCurrentNow: ReferenceEquals(target, current));
    }

    private void Close(SdeConnection target, bool noneCurrentNow)
    {
        target.Close();
        SdeSession.Remove(target);
        WriteVerbose(noneCurrentNow
            ? $"Disconnected from {target.Server}. No connection is current now: Select-SdeConnection makes another open one current."
            : $"Disconnected from {target.Server}.");
    }
}
