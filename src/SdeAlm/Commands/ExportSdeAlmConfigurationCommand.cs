using System;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Configuration;
using SdeAlm.Errors;

namespace SdeAlm.Commands;

/// <summary>
/// Export-SdeAlmConfiguration: writes a server's connectors and ALM connections as a configuration
/// document, the same bytes for the same server every time, every secret as a reference.
/// </summary>
[Cmdlet(VerbsData.Export, "SdeAlmConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class ExportSdeAlmConfigurationCommand : SdeAlmResourceCmdlet
{
    /// <summary>The JSON file to write.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Only the ALM connections of these projects (the connectors are all written).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1, int.MaxValue)]
    public int[]? ProjectId { get; set; }

    /// <summary>Only these connectors, and the ALM connections that go through them.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? ConnectorName { get; set; }

    /// <summary>Write secrets as references to this SecretManagement vault instead of environment variables.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SecretVault { get; set; }

    /// <summary>Leave an existing file as it is (an error) instead of replacing it.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    protected override void ProcessRecord() => InvokeMappingErrors(() =>
    {
        var path = SdeAlmConfigurationCmdlet.FileSystemPath(SessionState, Path!);
        var connection = ResolveConnection();
        var resources = ResourcesOf(connection);
        var context = NewRequestContext();
        var state = new ServerState(resources.Catalog(context), resources.Connectors(context).ToList(), resources.Connections(ProjectId, includeLastJob: false, context).ToList(), resources.Server, connection);
        var export = ConfigurationExporter.Export(state, ConnectorName, SecretVault);
        foreach (var name in export.UnmatchedNames)
        {
            WriteError(new SdeApiException($"{resources.Server} has no connector named '{name}'. Run Get-SdeAlmConnector to see the names.", SdeErrorIds.AlmConnectorNotFound, ErrorCategory.ObjectNotFound, name).ToErrorRecord());
        }

        var what = $"Write {SdeAlmConfigurationCmdlet.Count(export.Document.Connectors.Count, "connector")} and {SdeAlmConfigurationCmdlet.Count(export.Document.Connections.Count, "ALM connection")} of {resources.Server}";
        if (!ShouldProcess(path, what))
        {
            return;
        }

        ConfigurationFile.Write(path, ConfigurationWriter.Write(export.Document), NoClobber);
        foreach (var warning in export.Warnings)
        {
            WriteWarning(warning);
        }

        if (export.References.Count > 0)
        {
            WriteWarning($"The document refers to {SdeAlmConfigurationCmdlet.Count(export.References.Count, "secret")}, which Compare-, Test- and Set-SdeAlmConfiguration read; provide {(SecretVault is null ? "these environment variables" : "these vault secrets")} where the document is used:"
                + string.Concat(export.References.Select(reference => Environment.NewLine + "  " + reference)));
        }
    });
}
