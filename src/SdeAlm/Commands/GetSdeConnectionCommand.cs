using System.Management.Automation;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>Get-SdeConnection: the session's current connection, or with -All every open one.</summary>
[Cmdlet(VerbsCommon.Get, "SdeConnection")]
[OutputType(typeof(SdeConnection))]
public sealed class GetSdeConnectionCommand : PSCmdlet
{
    /// <summary>Every open connection of the session, oldest first, not only the current one.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    protected override void EndProcessing()
    {
        if (All)
        {
            foreach (var connection in SdeSession.Open)
            {
                WriteObject(connection);
            }
        }
        else if (SdeSession.Current is { } connection)
        {
            WriteObject(connection);
        }
    }
}
