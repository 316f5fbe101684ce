using System;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Model;
using SdeAlm.Planning;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>
/// What New- and Set- of connectors and ALM connections share: -SkipValidation and the one write flow
/// (a plan checked before anything is sent, -WhatIf/-Confirm field by field with secrets never shown,
/// nothing sent when nothing differs).
/// </summary>
public abstract class SdeAlmWriteCmdlet : SdeAlmResourceCmdlet
{
    /// <summary>Send the settings without checking them against the catalog; the server judges them.</summary>
    [Parameter]
    public SwitchParameter SkipValidation { get; set; }

    /// <summary>
    /// Set-'s flow for one record: the resource read now (not from a pipeline's earlier read), the edit
    /// planned against it, and the plan sent by <see cref="Send"/>; with <paramref name="passThru"/> the
    /// resource as it is afterwards is written.
    /// </summary>
    internal void Update<T>(SdeConnection connection, int id, Func<AlmResources, RequestContext, T> read, Func<T, ResourceEdit> describe, bool passThru)
        where T : class
    {
        var context = NewRequestContext();
        context.WriteCheckHint = $"Run {(typeof(T) == typeof(AlmConnector) ? "Get-SdeAlmConnector" : "Get-SdeAlmConnection")} -Id {id} | Format-List to see whether it changed.";
        context.PermissionHint = EditPermissionHint;
        var resources = ResourcesOf(connection);
        var current = read(resources, context);
        var plan = ResourcePlanner.Update(describe(current), current, resources.Catalog(context), validate: !SkipValidation);
        if (Send(plan, resources, context) is { } result && passThru)
        {
            WriteObject(result);
        }
    }

    /// <summary>
    /// The write flow: a plan that may not be sent fails with every problem in one error; warnings about
    /// the keys given are written; a plan that changes nothing sends nothing; otherwise -WhatIf/-Confirm
    /// see each change and the plan is sent. Returns the resource as the server has it afterwards, or null
    /// when the user declined.
    /// </summary>
    internal object? Send(ResourcePlan plan, AlmResources resources, RequestContext context)
    {
        Check(plan, resources.Server);
        if (plan.Action == PlanAction.NoOp)
        {
            WriteVerbose($"{plan.Target} on {resources.Server} already has these values: nothing sent.");
            return plan.Current;
        }

        var text = plan.Describe(resources.Server);
        return ShouldProcess(text, text + Environment.NewLine + "Continue?", plan.Caption) ? resources.Write(plan, context) : null;
    }
}
