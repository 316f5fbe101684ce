using System.Collections.Generic;

namespace SdeAlm.Model;

/// <summary>
/// A system ALM connector: the global settings (server, credentials) of one ALM tool that project
/// ALM connections use. Read-only: change it with Set-SdeAlmConnector.
/// </summary>
public sealed class AlmConnector
{
    internal AlmConnector(int id, string? name, string? pluginId, string? pluginName, bool inaccessible, AlmSettingsDictionary settings, bool settingsVisible, string server, object? serverConnection, IReadOnlyList<string>? fieldsEditableOnProject = null, bool hasFieldsEditableOnProject = false)
    {
        Id = id;
        Name = name;
        PluginId = pluginId;
        PluginName = pluginName;
        Inaccessible = inaccessible;
        Settings = settings;
        SettingsVisible = settingsVisible;
        Server = server;
        ServerConnection = serverConnection;
        FieldsEditableOnProject = fieldsEditableOnProject;
        HasFieldsEditableOnProject = hasFieldsEditableOnProject;
    }

    public int Id { get; }

    public string? Name { get; }

    /// <summary>The id of the catalog plugin the connector is for (its <c>system.id</c>).</summary>
    public string? PluginId { get; }

    public string? PluginName { get; }

    /// <summary>True when SD Elements cannot reach the ALM server itself (for example an on-premises tracker).</summary>
    public bool Inaccessible { get; }

    /// <summary>
    /// The connector's params as a read-only, ordered, case-insensitive dictionary. Every value the
    /// catalog marks masked_string is a SecureString. Its text is <c>key=value; …</c>, secrets as ********.
    /// </summary>
    public AlmSettingsDictionary Settings { get; }

    /// <summary>
    /// The settings that project ALM connections may set for themselves (current releases); null for the
    /// plugin's defaults, and on servers that do not have the property.
    /// </summary>
    public IReadOnlyList<string>? FieldsEditableOnProject { get; }

    /// <summary>The server sent fields_editable_on_project (null or a list): current releases do, older ones do not.</summary>
    internal bool HasFieldsEditableOnProject { get; }

    /// <summary>The server the connector was read from, context root included.</summary>
    public string Server { get; }

    /// <summary>The server connection the connector was read through, so that Set- writes back to the same server.</summary>
    internal object? ServerConnection { get; }

    /// <summary>False when the server sent no params (the user may not see them): Settings is empty, not known to be empty.</summary>
    internal bool SettingsVisible { get; }

    public override string ToString() => $"{Id} {Name}";
}
