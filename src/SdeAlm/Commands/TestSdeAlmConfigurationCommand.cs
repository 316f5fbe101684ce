using System.Linq;
using System.Management.Automation;
using SdeAlm.Configuration;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>
/// Test-SdeAlmConfiguration: $true when every resource of a configuration document is as the server has
/// it, else $false with one warning per problem (drift detection for a nightly job). -Verbose names
/// each resource that differs. It writes nothing to the server. With -CatalogPath it checks the document
/// against a catalog file alone, offline: $true when it has no problem.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SdeAlmConfiguration", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool))]
public sealed class TestSdeAlmConfigurationCommand : SdeAlmConfigurationCmdlet
{
    /// <summary>
    /// A catalog file from Export-SdeAlmPluginCatalog: the document is checked against it alone, offline,
    /// with the rules used against a server; nothing is compared.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [FilePathArgument]
    public string? CatalogPath { get; set; }

    protected override void ProcessRecord() => InvokeMappingErrors(() =>
    {
        if (CatalogPath is not null)
        {
            var checkedOffline = PlanAgainstCatalog(CatalogPath);
            WriteProblems(checkedOffline);
            WriteObject(checkedOffline.IsValid);
            return;
        }

        var plan = Plan(UnresolvedSecrets.LeaveOut, includeUnmanaged: false, out _, out _);
        WriteProblems(plan);

        foreach (var resource in plan.Resources.Where(resource => resource.Entry.Action is AlmPlanAction.Create or AlmPlanAction.Update))
        {
            WriteVerbose($"{resource.Location}: {resource.Entry.Action}{(resource.Changes.Count == 0 ? string.Empty : " " + string.Join(", ", resource.Changes.Select(change => change.Key)))}");
        }

        WriteObject(plan.IsInSync);
    });

    private void WriteProblems(ConfigurationPlan plan)
    {
        foreach (var problem in plan.Problems)
        {
            WriteWarning(problem);
        }
    }
}
