using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;

namespace SdeAlm.Configuration;

/// <summary>
/// A configuration document as read: its connectors and ALM connections, and what was wrong in its
/// shape (each problem with where it is). Settings values are plain values, SecureStrings, or
/// <see cref="SecretReference"/>s still to be resolved.
/// </summary>
internal sealed class AlmConfiguration
{
    public AlmConfiguration(string source)
    {
        Source = source;
    }

    /// <summary>How messages name the document: the file's path, or "the -Configuration object".</summary>
    public string Source { get; }

    public List<ConnectorItem> Connectors { get; } = [];

    public List<ConnectionItem> Connections { get; } = [];

    /// <summary>Shape problems, each starting with where it is (<c>connectors[0] 'Jira Cloud': …</c>).</summary>
    public List<string> Problems { get; } = [];
}

/// <summary>A connector of a document, identified by its name.</summary>
internal sealed class ConnectorItem
{
    public ConnectorItem(int index, string name, string plugin)
    {
        Index = index;
        Name = name;
        Plugin = plugin;
    }

    /// <summary>Its place in the document's connectors list, counted from 0 as in JSON Pointer and jq.</summary>
    public int Index { get; }

    public string Name { get; }

    public string Plugin { get; }

    /// <summary>Null when the document does not say (a new connector is then reachable).</summary>
    public bool? Inaccessible { get; set; }

    /// <summary>True when the document gives fieldsEditableOnProject (a list, or null for the plugin's defaults).</summary>
    public bool HasFieldsEditableOnProject { get; set; }

    public IReadOnlyList<string>? FieldsEditableOnProject { get; set; }

    /// <summary>The settings the document names; null when it gives none (the server's stay as they are).</summary>
    public OrderedDictionary? Settings { get; set; }

    /// <summary>How messages place it: <c>connectors[0] 'Jira Cloud'</c>.</summary>
    public string Location => Locate(Index, Name);

    public static string Locate(int index, string? name) =>
        $"connectors[{index.ToString(CultureInfo.InvariantCulture)}]" + (name is null ? string.Empty : $" '{name}'");
}

/// <summary>An ALM connection of a document, identified by its project and alias.</summary>
internal sealed class ConnectionItem
{
    public ConnectionItem(int index, int projectId, string alias, string connector)
    {
        Index = index;
        ProjectId = projectId;
        Alias = alias;
        Connector = connector;
    }

    /// <summary>Its place in the document's connections list, counted from 0.</summary>
    public int Index { get; }

    public int ProjectId { get; }

    public string Alias { get; }

    /// <summary>The name of its connector: one of the document or of the server.</summary>
    public string Connector { get; }

    /// <summary>Lower case; null when the document does not say.</summary>
    public string? Frequency { get; set; }

    /// <summary>The settings the document names; null when it gives none.</summary>
    public OrderedDictionary? Settings { get; set; }

    /// <summary>How messages place it: <c>connections[3] project 42 'Payments JIRA'</c>.</summary>
    public string Location => Locate(Index, ProjectId, Alias);

    public static string Locate(int index, int? projectId, string? alias) =>
        $"connections[{index.ToString(CultureInfo.InvariantCulture)}]"
        + (projectId is { } project ? $" project {project.ToString(CultureInfo.InvariantCulture)}" : string.Empty)
        + (alias is null ? string.Empty : $" '{alias}'");
}
