using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Completion;
using SdeAlm.Json;
using SdeAlm.Model;
using SdeAlm.Sessions;
using SdeAlm.Settings;

namespace SdeAlm.Commands;

/// <summary>
/// Test-SdeAlmConnector: asks SD Elements to connect to the ALM server with a connector's settings,
/// of a saved connector (by id or piped) or of settings not saved yet.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SdeAlmConnector", DefaultParameterSetName = IdSet)]
[OutputType(typeof(AlmConnectionTestResult))]
public sealed class TestSdeAlmConnectorCommand : SdeAlmWriteCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";
    private const string UnsavedSet = "Unsaved";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ConnectorIdCompleter))]
    public int[]? Id { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNull]
    public AlmConnector[]? InputObject { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = UnsavedSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    public string? PluginId { get; set; }

    /// <summary>The connector settings to test (system scope), such as New-SdeAlmPluginSetting -Scope system makes.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UnsavedSet)]
    [ValidateNotNull]
    public IDictionary? Setting { get; set; }

    /// <summary>The name the test request carries; SD Elements requires one.</summary>
    [Parameter(ParameterSetName = UnsavedSet)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "SdeAlm connectivity test";

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case IdSet:
                foreach (var id in Id!)
                {
                    InvokeForRecord(() =>
                    {
                        var connection = ResolveConnection();
                        var cache = CacheFor(connection);
                        var context = NewRequestContext();
                        WriteObject(Test(connection, cache, cache.Connector(id, context), context));
                    });
                }

                break;
            case InputObjectSet:
                foreach (var connector in InputObject!)
                {
                    InvokeForRecord(() =>
                    {
                        var connection = ResolveConnectionOf(connector.ServerConnection, connector.Server, $"ALM connector {connector.Id}");
                        WriteObject(Test(connection, CacheFor(connection), connector, NewRequestContext()));
                    });
                }

                break;
            default:
                InvokeForRecord(TestUnsaved);
                break;
        }
    }

    private void TestUnsaved()
    {
        var connection = ResolveConnection();
        var cache = CacheFor(connection);
        var context = NewRequestContext();
        var catalog = cache.Catalog(context);
        var plugin = catalog.Find(PluginId);
        var pluginId = plugin?.Id ?? PluginId!;
        var target = $"plugin {pluginId} (unsaved)";
        var settings = CheckSettings(plugin, PluginId, Setting!, FieldScope.System, target, connection.Server);
        var secrets = new List<string>();
        var body = AlmTestRequestBody.Connector(Name, pluginId, settings, ResourceSettingCheck.WireConverter(plugin), catalog.SecretKeys(pluginId), secrets);
        WriteObject(new AlmConnectivityTestApi(connection.Client).Run(AlmConnectivityTestApi.Connectors, body, target, secrets, context));
    }

    /// <summary>Tests a saved connector with the settings it holds, secrets included.</summary>
    private static AlmConnectionTestResult Test(SdeConnection connection, AlmReadCache cache, AlmConnector connector, RequestContext context)
    {
        var catalog = cache.Catalog(context);
        var secrets = new List<string>();
        var body = AlmTestRequestBody.Connector(
            connector.Name ?? string.Empty,
            connector.PluginId ?? string.Empty,
            connector.Settings,
            ResourceSettingCheck.WireConverter(catalog.Find(connector.PluginId)),
            catalog.SecretKeys(connector.PluginId),
            secrets);
        return new AlmConnectivityTestApi(connection.Client).Run(AlmConnectivityTestApi.Connectors, body, $"connector {connector.Id}", secrets, context);
    }
}
