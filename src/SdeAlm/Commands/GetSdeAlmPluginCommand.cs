using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Completion;
using SdeAlm.Filtering;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>Get-SdeAlmPlugin: the ALM plugins the server offers, all or by id and name.</summary>
[Cmdlet(VerbsCommon.Get, "SdeAlmPlugin")]
[OutputType(typeof(AlmPlugin))]
public sealed class GetSdeAlmPluginCommand : SdeConnectedCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    public string[]? Id { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    private WildcardFilter? _name;

    protected override void BeginProcessing() => _name = WildcardFilter.Create(Name);

    protected override void ProcessRecord() => InvokeMappingErrors(() =>
    {
        var catalog = new AlmPluginCatalog(ResolveClient());
        foreach (var plugin in PluginResolver.Resolve(catalog, Id, NewRequestContext(), WriteError))
        {
            if (_name is null || _name.IsMatch(plugin.Name))
            {
                WriteObject(plugin);
            }
        }
    });
}
