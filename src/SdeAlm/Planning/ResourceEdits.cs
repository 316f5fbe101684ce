using System.Collections;
using System.Collections.Generic;
using SdeAlm.Model;

namespace SdeAlm.Planning;

/// <summary>
/// The edits New- and Set- ask for, with each property under the name the API takes: a connector is
/// <c>{name, system: {id}, inaccessible, params}</c>, an ALM connection <c>{alias, connector, project,
/// frequency, params}</c>. A change names only what was given; the rest stays as the server has it.
/// </summary>
internal static class ResourceEdits
{
    /// <summary>The connector id of an edit whose connector does not exist yet: no server gives a connector id 0.</summary>
    public const int PendingConnector = 0;

    public static ResourceEdit NewConnector(string name, string pluginId, bool inaccessible, IDictionary? settings) =>
        new ResourceEdit(AlmResourceKind.Connector, name) { Via = $"for plugin '{pluginId}'", Settings = settings }
            .With(nameof(AlmConnector.Name), "name", name)
            .With(nameof(AlmConnector.PluginId), "system", new Dictionary<string, object?> { ["id"] = pluginId }, pluginId)
            .With(nameof(AlmConnector.Inaccessible), "inaccessible", inaccessible);

    public static ResourceEdit ConnectorChange(AlmConnector current, string? name, bool? inaccessible, IDictionary? settings)
    {
        var edit = new ResourceEdit(AlmResourceKind.Connector, current.Name) { Settings = settings };
        if (name is not null)
        {
            edit.With(nameof(AlmConnector.Name), "name", name);
        }

        if (inaccessible is { } flag)
        {
            edit.With(nameof(AlmConnector.Inaccessible), "inaccessible", flag);
        }

        return edit;
    }

    /// <summary>
    /// The connectors a project's ALM connections may set settings of themselves (current releases'
    /// <c>fields_editable_on_project</c>): a list of names, or null for the plugin's defaults.
    /// </summary>
    public static ResourceEdit WithFieldsEditableOnProject(this ResourceEdit edit, IReadOnlyList<string>? fields) =>
        edit.With(nameof(AlmConnector.FieldsEditableOnProject), "fields_editable_on_project", fields);

    public static ResourceEdit NewConnection(int projectId, AlmConnector connector, string alias, string? frequency, IDictionary? settings) =>
        NewConnection(projectId, connector.Id, connector.Name, alias, frequency, settings);

    /// <summary>
    /// A new ALM connection through connector <paramref name="connectorId"/>; <see cref="PendingConnector"/>
    /// stands for a connector that the same run creates first, whose id is known only then.
    /// </summary>
    public static ResourceEdit NewConnection(int projectId, int connectorId, string? connectorName, string alias, string? frequency, IDictionary? settings)
    {
        var via = connectorId == PendingConnector ? $"through connector '{connectorName}' (created first)" : $"through connector {connectorId} '{connectorName}'";
        var edit = new ResourceEdit(AlmResourceKind.Connection, alias, projectId) { Via = via, Settings = settings }
            .With(nameof(AlmConnection.Alias), "alias", alias)
            .With(nameof(AlmConnection.ConnectorId), "connector", connectorId)
            .With(nameof(AlmConnection.ProjectId), "project", projectId);
        return frequency is null ? edit : edit.With(nameof(AlmConnection.Frequency), "frequency", frequency.ToLowerInvariant());
    }

    /// <summary>A change of an ALM connection; <paramref name="connectorId"/> moves it to another connector (<see cref="PendingConnector"/>: one created first).</summary>
    public static ResourceEdit ConnectionChange(AlmConnection current, string? alias, string? frequency, IDictionary? settings, int? connectorId = null)
    {
        var edit = new ResourceEdit(AlmResourceKind.Connection, current.Alias, current.ProjectId) { Settings = settings };
        if (alias is not null)
        {
            edit.With(nameof(AlmConnection.Alias), "alias", alias);
        }

        if (connectorId is { } connector)
        {
            edit.With(nameof(AlmConnection.ConnectorId), "connector", connector);
        }

        return frequency is null ? edit : edit.With(nameof(AlmConnection.Frequency), "frequency", frequency.ToLowerInvariant());
    }
}
