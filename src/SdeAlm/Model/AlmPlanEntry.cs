using System.Collections.Generic;

namespace SdeAlm.Model;

/// <summary>
/// One resource of a configuration plan (Compare-SdeAlmConfiguration): what applying the document
/// would do to one connector or ALM connection of the server, and each field that would change.
/// Set-SdeAlmConfiguration applies piped entries after checking that the server still matches them.
/// </summary>
public sealed class AlmPlanEntry
{
    internal AlmPlanEntry(
        AlmPlanAction action,
        AlmResourceKind kind,
        string? name,
        int? projectId,
        int? id,
        IReadOnlyList<AlmPlanChange> changes,
        string server,
        object? serverConnection,
        object? source)
    {
        Action = action;
        Kind = kind;
        Name = name;
        ProjectId = projectId;
        Id = id;
        Changes = changes;
        Server = server;
        ServerConnection = serverConnection;
        Source = source;
    }

    public AlmPlanAction Action { get; }

    public AlmResourceKind Kind { get; }

    /// <summary>The connector's name, or the ALM connection's alias.</summary>
    public string? Name { get; }

    /// <summary>The ALM connection's SD Elements project; null for a connector.</summary>
    public int? ProjectId { get; }

    /// <summary>The server's id of the resource; null for one to be created (after Set-, the id it got).</summary>
    public int? Id { get; }

    /// <summary>Each field that would change, in the document's order; for a create, every field given.</summary>
    public IReadOnlyList<AlmPlanChange> Changes { get; }

    /// <summary>The server the plan was made against, context root included.</summary>
    public string Server { get; }

    /// <summary>The server connection the plan was made through: Set- applies it there.</summary>
    internal object? ServerConnection { get; }

    /// <summary>What Set- needs to plan the entry again and check it against what was reviewed (the server's values, secrets included).</summary>
    internal object? Source { get; }

    /// <summary>The entry of a resource just written: the same, with the id the server gave it.</summary>
    internal AlmPlanEntry WithId(int id) => new(Action, Kind, Name, ProjectId, id, Changes, Server, ServerConnection, Source);

    /// <summary>"Update ALM connector 1 'Jira Cloud'", "Create ALM connection 'PAY' of project 42".</summary>
    public override string ToString() =>
        $"{Action} {(Kind == AlmResourceKind.Connector ? "ALM connector" : "ALM connection")}"
        + (Id is { } id ? $" {id}" : string.Empty)
        + $" '{Name}'"
        + (ProjectId is { } project ? $" of project {project}" : string.Empty);
}
