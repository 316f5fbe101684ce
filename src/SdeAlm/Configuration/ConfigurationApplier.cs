using System;
using System.Collections.Generic;
using SdeAlm.Errors;
using SdeAlm.Model;
using SdeAlm.Planning;

namespace SdeAlm.Configuration;

/// <summary>
/// Applies a checked plan in its order, one write at a time through the writer the cmdlet gives (the
/// write flow New- and Set- use, with its rules on retries). A write that fails stops the run with an
/// error that says what was applied before it; a rerun plans from the server again and goes on.
/// </summary>
internal static class ConfigurationApplier
{
    /// <param name="plan">A plan without problems.</param>
    /// <param name="server">The server, as -WhatIf text names it.</param>
    /// <param name="shouldProcess">Asks -WhatIf/-Confirm about one write, given its text; false skips it.</param>
    /// <param name="write">Sends one plan and returns the resource as the server answered (an AlmConnector or an AlmConnection).</param>
    /// <param name="applied">Told each entry written, with the id the server gave it.</param>
    /// <param name="warn">Told what was not applied and why.</param>
    public static void Apply(ConfigurationPlan plan, string server, Func<ResourcePlan, string, bool> shouldProcess, Func<ResourcePlan, object> write, Action<AlmPlanEntry> applied, Action<string> warn)
    {
        var created = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var done = new List<string>();
        foreach (var planned in plan.Resources)
        {
            if (planned.Plan is null || planned.Entry.Action is not (AlmPlanAction.Create or AlmPlanAction.Update))
            {
                continue;
            }

            var resource = planned.WaitsForConnector && planned.Item is ConnectionItem connection
                ? plan.Planner.Replan(connection, created) ?? planned
                : planned;
            if (!shouldProcess(resource.Plan!, resource.Plan!.Describe(server, resource.Changes)))
            {
                continue;
            }

            if (resource.WaitsForConnector)
            {
                warn($"{resource.Location}: not applied: its connector '{((ConnectionItem)resource.Item!).Connector}' was not created in this run.");
                continue;
            }

            object written;
            try
            {
                written = write(resource.Plan);
            }
            catch (SdeApiException ex)
            {
                throw Stopped(ex, done);
            }

            var id = written is AlmConnector connector ? connector.Id : ((AlmConnection)written).Id;
            if (resource.Item is ConnectorItem item && resource.Entry.Action == AlmPlanAction.Create)
            {
                created[item.Name] = id;
            }

            var entry = resource.Entry.WithId(id);
            done.Add(entry.ToString());
            applied(entry);
        }
    }

    /// <summary>The failure of a write, with what the run applied before it and how to go on.</summary>
    private static SdeApiException Stopped(SdeApiException failure, List<string> done) =>
        new(
            failure.Message + Environment.NewLine
                + $"Applied before it: {(done.Count == 0 ? "nothing" : string.Join("; ", done))}. Nothing after it was sent. "
                + "Run the command again to go on: it plans from the server again, so nothing applied is sent twice, not even a write whose answer was lost.",
            failure.ErrorId,
            failure.Category,
            failure.TargetObject,
            failure.StatusCode,
            failure,
            failure.ServerMessages);
}
