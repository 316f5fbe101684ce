using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Model;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>Get-SdeConnection: the session's current connection, or nothing when not connected.</summary>
[Cmdlet(VerbsCommon.Get, "SdeConnection")]
[OutputType(typeof(SdeConnection))]
public sealed class GetSdeConnectionCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        if (SdeSession.Current is { } connection)
        {
            WriteObject(connection);
        }
    }
}
