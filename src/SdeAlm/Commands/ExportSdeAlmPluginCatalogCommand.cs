using System.Management.Automation;
using SdeAlm.Api;

namespace SdeAlm.Commands;

/// <summary>
/// Export-SdeAlmPluginCatalog: writes the server's whole plugin catalog to a file, as the API returned it
/// (every page merged into <c>{"results": [...]}</c>), for -CatalogPath and Compare-SdeAlmPluginCatalog.
/// </summary>
[Cmdlet(VerbsData.Export, "SdeAlmPluginCatalog", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class ExportSdeAlmPluginCatalogCommand : SdeConnectedCmdlet
{
    /// <summary>The file to write, relative to the current location; wildcard characters are taken literally.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [FilePathArgument]
    public string? Path { get; set; }

    /// <summary>Refuses to replace a file that exists.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    protected override void ProcessRecord() => InvokeMappingErrors(() =>
    {
        // Everything that can be refused without the server is refused before a request is sent.
        var path = PluginCatalogFile.FileSystemPath(SessionState, Path!, nameof(Path));
        PluginCatalogFile.CheckTarget(path, NoClobber);
        var connection = ResolveConnection();
        if (!ShouldProcess(path, $"Export the ALM plugin catalog of {connection.Server}"))
        {
            return;
        }

        var catalog = new AlmPluginCatalog(connection.Client).Export(NewRequestContext());
        PluginCatalogFile.Write(path, catalog.Json, NoClobber);
        WriteVerbose($"Wrote {PluginCatalogSource.CountOf(catalog.Plugins.Count)} of {connection.Server} to {path} ({SdeApiClient.FormatSize(catalog.Json.Length)}).");
    });
}
