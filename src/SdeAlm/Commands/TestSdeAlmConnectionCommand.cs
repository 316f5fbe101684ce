using System.Collections.Generic;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Errors;
using SdeAlm.Json;
using SdeAlm.Model;
using SdeAlm.Sessions;
using SdeAlm.Settings;

namespace SdeAlm.Commands;

/// <summary>
/// Test-SdeAlmConnection: asks SD Elements to connect to the ALM server with an ALM connection's
/// settings (over its connector's) and to find the ALM project, by id or piped.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SdeAlmConnection", DefaultParameterSetName = IdSet)]
[OutputType(typeof(AlmConnectionTestResult))]
public sealed class TestSdeAlmConnectionCommand : SdeAlmResourceCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
    [ValidateRange(1, int.MaxValue)]
    public int[]? Id { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNull]
    public AlmConnection[]? InputObject { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id!)
            {
                InvokeForRecord(() =>
                {
                    var connection = ResolveConnection();
                    var cache = CacheFor(connection);
                    var context = NewRequestContext();
                    WriteObject(Test(connection, cache, cache.ToConnection(cache.Api.GetConnection(id, context), context), context));
                });
            }

            return;
        }

        foreach (var almConnection in InputObject!)
        {
            InvokeForRecord(() =>
            {
                var connection = ResolveConnectionOf(almConnection.ServerConnection, almConnection.Server, $"ALM connection {almConnection.Id}");
                WriteObject(Test(connection, CacheFor(connection), almConnection, NewRequestContext()));
            });
        }
    }

    /// <summary>An unknown id is reported for that id and the others are still tested; anything else stops the pipeline.</summary>
    private void InvokeForRecord(System.Action work) => InvokeMappingErrors(() =>
    {
        try
        {
            work();
        }
        catch (SdeApiException ex) when (ex.ErrorId == SdeErrorIds.AlmConnectionNotFound || ex.ErrorId == SdeErrorIds.ServerConnectionMismatch)
        {
            WriteError(ex.ToErrorRecord());
        }
    });

    private static AlmConnectionTestResult Test(SdeConnection connection, AlmReadCache cache, AlmConnection almConnection, RequestContext context)
    {
        context.PermissionHint = SdeAlmWriteCmdlet.EditPermissionHint;
        var catalog = cache.Catalog(context);
        var secrets = new List<string>();
        var body = AlmTestRequestBody.Connection(
            almConnection.ConnectorId,
            almConnection.Alias,
            almConnection.ProjectId,
            almConnection.PluginId,
            almConnection.Settings,
            ResourceSettingCheck.WireConverter(catalog.Find(almConnection.PluginId)),
            catalog.SecretKeys(almConnection.PluginId),
            secrets);
        return new AlmConnectivityTestApi(connection.Client).Run(AlmConnectivityTestApi.Connections, body, $"connection {almConnection.Id}", secrets, context);
    }
}
