namespace SdeAlm.Model;

/// <summary>
/// A project's ALM connection: one SD Elements project linked through a connector to one project of
/// an ALM tool. Read-only: change it with Set-SdeAlmConnection.
/// </summary>
public sealed class AlmConnection
{
    internal AlmConnection(
        int id,
        string? alias,
        int projectId,
        int connectorId,
        string? pluginId,
        string? frequency,
        bool inProgress,
        bool inaccessible,
        AlmSettingsDictionary settings,
        bool settingsVisible,
        AlmJob? lastJob,
        string server,
        object? serverConnection)
    {
        Id = id;
        Alias = alias;
        ProjectId = projectId;
        ConnectorId = connectorId;
        PluginId = pluginId;
        Frequency = frequency;
        InProgress = inProgress;
        Inaccessible = inaccessible;
        Settings = settings;
        SettingsVisible = settingsVisible;
        LastJob = lastJob;
        LastJobSucceeded = lastJob is { Ready: true } ? lastJob.Succeeded : null;
        Server = server;
        ServerConnection = serverConnection;
    }

    public int Id { get; }

    /// <summary>The ALM connection's name in SD Elements.</summary>
    public string? Alias { get; }

    public int ProjectId { get; }

    public int ConnectorId { get; }

    /// <summary>The id of the catalog plugin the ALM connection is for (its <c>system.id</c>).</summary>
    public string? PluginId { get; }

    /// <summary>How often SD Elements synchronizes: manually, hourly, daily, weekly or monthly.</summary>
    public string? Frequency { get; }

    /// <summary>True while a synchronization runs.</summary>
    public bool InProgress { get; }

    public bool Inaccessible { get; }

    /// <summary>
    /// The project-level params as a read-only, ordered, case-insensitive dictionary; empty when the
    /// user may not see them (no "Edit ALM connections" permission). Masked values are SecureStrings.
    /// Its text is <c>key=value; …</c>, secrets as ********.
    /// </summary>
    public AlmSettingsDictionary Settings { get; }

    /// <summary>The last sync job, read with Get-SdeAlmConnection -IncludeLastJob; else null, as when the ALM connection never ran.</summary>
    public AlmJob? LastJob { get; }

    /// <summary>
    /// Whether the last sync job succeeded: null without -IncludeLastJob, when the ALM connection never
    /// ran, or while its last job still runs (it has no outcome yet).
    /// </summary>
    public bool? LastJobSucceeded { get; }

    /// <summary>The server the ALM connection was read from, context root included.</summary>
    public string Server { get; }

    /// <summary>The server connection the ALM connection was read through, so that Set- writes back to the same server.</summary>
    internal object? ServerConnection { get; }

    /// <summary>False when the server sent no params (the user may not see them): Settings is empty, not known to be empty.</summary>
    internal bool SettingsVisible { get; }

    public override string ToString() => $"{Id} {Alias}";
}
