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

    public static ResourceEdit NewConnection(int projectId, AlmConnector connector, string alias, string? frequency, IDictionary? settings)
    {
        var edit = new ResourceEdit(AlmResourceKind.Connection, alias, projectId) { Via = $"through connector {connector.Id} '{connector.Name}'", Settings = settings }
            .With(nameof(AlmConnection.Alias), "alias", alias)
            .With(nameof(AlmConnection.ConnectorId), "connector", connector.Id)
            .With(nameof(AlmConnection.ProjectId), "project", projectId);
        return frequency is null ? edit : edit.With(nameof(AlmConnection.Frequency), "frequency", frequency.ToLowerInvariant());
    }

    public static ResourceEdit ConnectionChange(AlmConnection current, string? alias, string? frequency, IDictionary? settings)
    {
        var edit = new ResourceEdit(AlmResourceKind.Connection, current.Alias, current.ProjectId) { Settings = settings };
        if (alias is not null)
        {
            edit.With(nameof(AlmConnection.Alias), "alias", alias);
        }

        return frequency is null ? edit : edit.With(nameof(AlmConnection.Frequency), "frequency", frequency.ToLowerInvariant());
    }
}
