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

    private readonly ItemFilter<AlmPlugin> _filter = new();
    private bool _named;

    protected override void BeginProcessing() => _filter.Where(nameof(Name), Name, plugin => plugin.Name);

    protected override void ProcessRecord() => InvokeForRecord(() =>
    {
        _named |= Id is not null;
        foreach (var plugin in new PluginResolver(ResolveClient(), NewRequestContext(), WriteError).Resolve(Id))
        {
            if (_filter.Keep(plugin))
            {
                WriteObject(plugin);
            }
        }
    });

    protected override void EndProcessing() => WriteMisses(_filter.Misses(_named ? "ALM plugin named by -Id" : "ALM plugin"));
}
