using System.Management.Automation;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>
/// Disconnect-Sde: closes a connection (the current one by default) and forgets it. Closing the current
/// one leaves none current rather than guessing which of the others the user means.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "Sde")]
[OutputType(typeof(void))]
public sealed class DisconnectSdeCommand : SdeCmdlet
{
    /// <summary>The connection to close; the current one when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public SdeConnection? Connection { get; set; }

    protected override void ProcessRecord()
    {
        var current = SdeSession.Current;
        var target = Connection ?? current;
        if (target is null)
        {
            WriteVerbose("Not connected to SD Elements; nothing to disconnect.");
            return;
        }

        target.Close();
        SdeSession.Remove(target);
        WriteVerbose(ReferenceEquals(target, current)
            ? $"Disconnected from {target.Server}. No connection is current now: Select-SdeConnection makes another open one current."
            : $"Disconnected from {target.Server}.");
    }
}
