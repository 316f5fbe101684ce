using System.Management.Automation;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>Select-SdeConnection: makes an open connection the current one, which cmdlets use without -Connection.</summary>
[Cmdlet(VerbsCommon.Select, "SdeConnection")]
[OutputType(typeof(void))]
public sealed class SelectSdeConnectionCommand : PSCmdlet
{
    /// <summary>The connection to make current, for example from Get-SdeConnection -All.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public SdeConnection? Connection { get; set; }

    protected override void ProcessRecord()
    {
        var connection = Connection!;
        if (!connection.IsOpen)
        {
            WriteError(connection.Closed().ToErrorRecord());
            return;
        }

        // A connection from another runspace (passed in with $using:) joins this one's list too.
        SdeSession.Add(connection, makeCurrent: true);
        WriteVerbose($"The current connection is now {connection}.");
    }
}
