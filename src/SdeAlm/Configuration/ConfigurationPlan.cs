using System.Collections.Generic;
using SdeAlm.Model;
using SdeAlm.Planning;
using SdeAlm.Settings;

namespace SdeAlm.Configuration;

/// <summary>
/// What applying a document would do to one resource: the document item it comes from, the plan
/// ResourcePlanner made for it, the changes as the document names them (with the values compared,
/// secrets included, for Set- to check against what was reviewed) and the public entry.
/// </summary>
internal sealed class PlannedResource
{
    public PlannedResource(object? item, string location, ResourcePlan? plan, IReadOnlyList<SettingChange> changes)
    {
        Item = item;
        Location = location;
        Plan = plan;
        Changes = changes;
    }

    /// <summary>The document's <see cref="ConnectorItem"/> or <see cref="ConnectionItem"/>; null for a resource the document does not name.</summary>
    public object? Item { get; }

    /// <summary>Where the resource is in the document, as messages say it (<c>connectors[0] 'Jira Cloud'</c>).</summary>
    public string Location { get; }

    /// <summary>The write that would be sent; null for a resource the document does not name.</summary>
    public ResourcePlan? Plan { get; }

    /// <summary>The differences, named as the document names them (connector by name, not id), values as compared.</summary>
    public IReadOnlyList<SettingChange> Changes { get; }

    /// <summary>The public entry, whose Source is this resource.</summary>
    public AlmPlanEntry Entry { get; set; } = null!;

    /// <summary>True for a connection whose connector the same run creates first: its id is known only then.</summary>
    public bool WaitsForConnector { get; set; }
}

/// <summary>
/// The plan of a whole document against one server: each resource in the order Set- applies them
/// (connectors before ALM connections, creates before updates), every problem (any one of which
/// forbids applying), and warnings.
/// </summary>
internal sealed class ConfigurationPlan
{
    public ConfigurationPlan(ConfigurationPlanner planner)
    {
        Planner = planner;
    }

    /// <summary>The planner that made the plan: Set- plans an ALM connection again once its new connector has an id.</summary>
    public ConfigurationPlanner Planner { get; }

    public List<PlannedResource> Resources { get; } = [];

    /// <summary>What forbids applying, each line starting with where it is in the document.</summary>
    public List<string> Problems { get; } = [];

    public List<string> Warnings { get; } = [];

    /// <summary>True when every resource of the document is as the server has it.</summary>
    /// <summary>True when the document has no problem: what a check against a catalog alone can say.</summary>
    public bool IsValid => Problems.Count == 0;

    public bool IsInSync => Problems.Count == 0 && Resources.TrueForAll(resource => resource.Entry.Action is AlmPlanAction.NoOp or AlmPlanAction.Unmanaged);
}
