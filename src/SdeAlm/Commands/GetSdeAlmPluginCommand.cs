using System.Management.Automation;
using SdeAlm.Completion;
using SdeAlm.Filtering;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>Get-SdeAlmPlugin: the ALM plugins the server offers, all or by id and name.</summary>
[Cmdlet(VerbsCommon.Get, "SdeAlmPlugin")]
[OutputType(typeof(AlmPlugin))]
public sealed class GetSdeAlmPluginCommand : SdeConnectedCmdlet
{
    /// <summary>
    /// Plugin ids as text; piped plugins and objects with a PluginId property (connectors, ALM
    /// connections, fields) give theirs, rows without one a text Id. The attribute reads those
    /// properties (ByPropertyName says so to Get-Help).
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [PluginIdArgument(TextId = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    public string[]? Id { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[]? Name { get; set; }

    private WildcardFilter? _name;

    protected override void BeginProcessing() => _name = WildcardFilter.Create(Name);

    protected override void ProcessRecord() => InvokeForRecord(() =>
    {
        foreach (var plugin in new PluginResolver(ResolveClient(), NewRequestContext(), WriteError).Resolve(Id))
        {
            if (_name is null || _name.IsMatch(plugin.Name))
            {
                WriteObject(plugin);
            }
        }
    });
}
