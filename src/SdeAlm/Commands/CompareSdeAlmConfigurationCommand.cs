using System.Management.Automation;
using SdeAlm.Configuration;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>
/// Compare-SdeAlmConfiguration: the plan of a configuration document against a server, one entry per
/// resource in the order Set- would apply them, each change field by field with secrets hidden. It
/// checks the whole document first (one error lists every problem) and writes nothing.
/// </summary>
[Cmdlet(VerbsData.Compare, "SdeAlmConfiguration", DefaultParameterSetName = PathSet)]
[OutputType(typeof(AlmPlanEntry))]
public sealed class CompareSdeAlmConfigurationCommand : SdeAlmConfigurationCmdlet
{
    /// <summary>Also list every connector and ALM connection of the server that the document does not name.</summary>
    [Parameter]
    public SwitchParameter IncludeUnmanaged { get; set; }

    protected override void ProcessRecord() => InvokeMappingErrors(() =>
    {
        var plan = Plan(UnresolvedSecrets.LeaveOut, IncludeUnmanaged, out var connection, out _);
        if (plan.Problems.Count > 0)
        {
            throw Invalid(plan, plan.Planner.Source, connection.Server, applying: false);
        }

        foreach (var resource in plan.Resources)
        {
            WriteObject(resource.Entry);
        }
    });
}
