using System.Collections;
using System.Management.Automation;
using SdeAlm.Completion;
using SdeAlm.Model;
using SdeAlm.Planning;

namespace SdeAlm.Commands;

/// <summary>
/// Test-SdeAlmConnector: asks SD Elements to connect to the ALM server with a connector's settings,
/// of saved connectors (by id or piped, up to -ThrottleLimit at once) or of settings not saved yet.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SdeAlmConnector", DefaultParameterSetName = IdSet)]
[OutputType(typeof(AlmConnectionTestResult))]
public sealed class TestSdeAlmConnectorCommand : SdeAlmParallelCmdlet<AlmConnectionTestResult>
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
    [Alias("Settings")]
    [SettingArgument]
    [ValidateNotNull]
    public IDictionary? Setting { get; set; }

    /// <summary>The name the test request carries; SD Elements requires one.</summary>
    [Parameter(ParameterSetName = UnsavedSet)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "SdeAlm connectivity test";

    /// <summary>Send the unsaved settings without checking them against the catalog; the server judges them.</summary>
    [Parameter(ParameterSetName = UnsavedSet)]
    public SwitchParameter SkipValidation { get; set; }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case IdSet:
                foreach (var id in Id!)
                {
                    StartRecord(() =>
                    {
                        var resources = ResourcesOf(ResolveConnection());
                        return context => resources.Test(resources.Connector(id, context), context);
                    });
                }

                break;
            case InputObjectSet:
                foreach (var connector in InputObject!)
                {
                    StartRecord(() =>
                    {
                        var resources = ResourcesOf(ConnectionOf(connector));
                        return context => resources.Test(connector, context);
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
        var context = NewRequestContext();
        var resources = ResourcesOf(ResolveConnection());
        var catalog = resources.Catalog(context);
        var pluginId = catalog.Find(PluginId)?.Id ?? PluginId!;
        var plan = ResourcePlanner.Create(ResourceEdits.NewConnector(Name, pluginId, inaccessible: false, Setting), pluginId, catalog, validate: !SkipValidation);
        Check(plan, resources.Server);
        WriteObject(resources.Test(plan, Name, context));
    }
}
