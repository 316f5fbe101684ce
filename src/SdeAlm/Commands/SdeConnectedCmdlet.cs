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
    internal SdeConnection ResolveConnection() =>
        Connection ?? SdeSession.Current ?? throw new SdeApiException(
            "You are not connected to SD Elements. Run Connect-Sde first (for example: Connect-Sde -Server sde.example.com), or pass -Connection.",
            SdeErrorIds.NotConnected,
            ErrorCategory.InvalidOperation,
            MyInvocation.MyCommand.Name);
}
