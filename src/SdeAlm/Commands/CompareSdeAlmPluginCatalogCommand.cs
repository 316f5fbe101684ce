using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Comparison;
using SdeAlm.Model;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>
/// Compare-SdeAlmPluginCatalog: what changes in the ALM plugin forms between two catalogs, each a
/// catalog file or a server connection; one object per difference.
/// </summary>
[Cmdlet(VerbsData.Compare, "SdeAlmPluginCatalog", DefaultParameterSetName = FilesSet)]
[OutputType(typeof(AlmPluginCatalogDifference))]
public sealed class CompareSdeAlmPluginCatalogCommand : SdeCmdlet
{
    private const string FilesSet = "Files";
    private const string FileAndServerSet = "FileAndServer";
    private const string ServerAndFileSet = "ServerAndFile";
    private const string ServersSet = "Servers";

    /// <summary>The catalog file to compare from (the old release, the other server).</summary>
    [Parameter(ParameterSetName = FilesSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = FileAndServerSet, Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [FilePathArgument]
    public string? ReferencePath { get; set; }

    /// <summary>The server connection whose catalog to compare from.</summary>
    [Parameter(ParameterSetName = ServerAndFileSet, Mandatory = true)]
    [Parameter(ParameterSetName = ServersSet, Mandatory = true)]
    [ValidateNotNull]
    public SdeConnection? ReferenceConnection { get; set; }

    /// <summary>The catalog file to compare to (the new release).</summary>
    [Parameter(ParameterSetName = FilesSet, Mandatory = true, Position = 1)]
    [Parameter(ParameterSetName = ServerAndFileSet, Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    [FilePathArgument]
    public string? DifferencePath { get; set; }

    /// <summary>The server connection whose catalog to compare to.</summary>
    [Parameter(ParameterSetName = FileAndServerSet, Mandatory = true)]
    [Parameter(ParameterSetName = ServersSet, Mandatory = true)]
    [ValidateNotNull]
    public SdeConnection? DifferenceConnection { get; set; }

    protected override void ProcessRecord() => InvokeMappingErrors(() =>
    {
        var context = NewRequestContext();
        var reference = Read(Side(ReferencePath, ReferenceConnection, nameof(ReferencePath)), "reference", context);
        var difference = Read(Side(DifferencePath, DifferenceConnection, nameof(DifferencePath)), "difference", context);
        foreach (var change in PluginCatalogComparison.Compare(reference, difference))
        {
            WriteObject(change);
        }
    });

    /// <summary>One side's catalog: the file of its -…Path, or the server of its -…Connection (its parameter set has one of them).</summary>
    private PluginCatalogSource Side(string? path, SdeConnection? connection, string pathParameter) =>
        path is null ? new AlmPluginCatalog(connection!.Client) : PluginCatalogFile.Open(SessionState, path, pathParameter);

    private static List<AlmPlugin> Read(PluginCatalogSource catalog, string side, RequestContext context)
    {
        var plugins = catalog.GetAll(context).ToList();
        context.Verbose($"The {side} catalog: {PluginCatalogSource.CountOf(plugins.Count)} {catalog.Location}.");
        return plugins;
    }
}
