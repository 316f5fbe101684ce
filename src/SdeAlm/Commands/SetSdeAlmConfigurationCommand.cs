using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Configuration;
using SdeAlm.Errors;
using SdeAlm.Model;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>
/// Set-SdeAlmConfiguration: applies a configuration document (planned first), or the reviewed entries of
/// a plan piped from Compare-SdeAlmConfiguration (checked first against the server now). The whole is
/// checked before the first write; connectors are written before ALM connections; nothing the document
/// does not name is changed or removed. It writes the entries it applied.
/// </summary>
[Cmdlet(VerbsCommon.Set, "SdeAlmConfiguration", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AlmPlanEntry))]
public sealed class SetSdeAlmConfigurationCommand : SdeAlmConfigurationCmdlet
{
    private const string PlanSet = "InputObject";

    private readonly List<AlmPlanEntry> _reviewed = [];

    /// <summary>Entries of a plan from Compare-SdeAlmConfiguration: exactly these are applied, if the server still matches them.</summary>
    [Parameter(ParameterSetName = PlanSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AlmPlanEntry[]? InputObject { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is not null)
        {
            _reviewed.AddRange(InputObject);
        }
    }

    protected override void EndProcessing() => InvokeMappingErrors(() =>
    {
        if (ParameterSetName != PlanSet)
        {
            var plan = Plan(UnresolvedSecrets.Refuse, includeUnmanaged: false, out var connection, out var context);
            Apply(plan, connection, context);
        }
        else if (_reviewed.Count > 0)
        {
            ApplyReviewed();
        }
    });

    /// <summary>The piped entries, planned again against the server now: applied only if the server still matches every one.</summary>
    private void ApplyReviewed()
    {
        var servers = _reviewed.Select(entry => entry.Server).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (servers.Count > 1)
        {
            throw new SdeApiException(
                $"The plan entries come from {servers.Count} servers ({string.Join(", ", servers)}). Apply the plan of one server at a time.",
                SdeErrorIds.ServerConnectionMismatch,
                ErrorCategory.InvalidArgument,
                servers[1]);
        }

        var target = ResolveConnectionOf(_reviewed[0].ServerConnection, servers[0], "The plan");
        var context = NewRequestContext();
        var fresh = ConfigurationPlanner.Recheck(_reviewed, ReadServer(target, context), Secrets(), out var outdated);
        if (fresh.Problems.Count > 0)
        {
            throw Invalid(fresh, "The plan", target.Server, applying: true);
        }

        if (outdated.Count > 0)
        {
            throw new SdeApiException(
                $"{target.Server} changed since the plan was made, so nothing was applied:"
                    + string.Concat(outdated.Select(line => Environment.NewLine + "  " + line))
                    + Environment.NewLine + "Run Compare-SdeAlmConfiguration again, review the new plan, and apply that one.",
                SdeErrorIds.AlmPlanOutdated,
                ErrorCategory.InvalidOperation,
                target.Server);
        }

        Apply(fresh, target, context);
    }

    private void Apply(ConfigurationPlan plan, SdeConnection connection, RequestContext context)
    {
        if (plan.Problems.Count > 0)
        {
            throw Invalid(plan, plan.Planner.Source, connection.Server, applying: true);
        }

        foreach (var resource in plan.Resources.Where(resource => resource.Entry.Action == AlmPlanAction.NoOp))
        {
            WriteVerbose($"{resource.Location} is as the document says: nothing sent.");
        }

        context.WriteCheckHint = "Run Compare-SdeAlmConfiguration to see what was applied.";
        context.PermissionHint = EditPermissionHint;
        var resources = ResourcesOf(connection);
        ConfigurationApplier.Apply(
            plan,
            resources.Server,
            (resourcePlan, text) => ShouldProcess(text, text + Environment.NewLine + "Continue?", resourcePlan.Caption),
            resourcePlan => resources.Write(resourcePlan, context),
            WriteObject,
            WriteWarning);
    }
}
