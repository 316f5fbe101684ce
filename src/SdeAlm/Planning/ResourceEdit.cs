using System.Collections;
using System.Collections.Generic;
using SdeAlm.Model;

namespace SdeAlm.Planning;

/// <summary>
/// What a write asks of one connector or ALM connection: the properties given and the settings given
/// (only those: a property or setting not named keeps what the server has).
/// </summary>
internal sealed class ResourceEdit
{
    public ResourceEdit(AlmResourceKind kind, string? name, int? projectId = null)
    {
        Kind = kind;
        Name = name;
        ProjectId = projectId;
    }

    public AlmResourceKind Kind { get; }

    /// <summary>The connector's name or the ALM connection's alias, as messages name the resource.</summary>
    public string? Name { get; }

    /// <summary>The ALM connection's project; null for a connector.</summary>
    public int? ProjectId { get; }

    /// <summary>What -WhatIf adds to the heading of a create, such as "for plugin 'jira'" or "through connector 1 'Jira Cloud'".</summary>
    public string? Via { get; set; }

    public List<PropertyEdit> Properties { get; } = [];

    /// <summary>The settings to set (a key set to null is cleared); null when none were given.</summary>
    public IDictionary? Settings { get; set; }

    /// <summary>Adds a property to set; returns this edit, so that edits read as one expression.</summary>
    public ResourceEdit With(string label, string wireName, object? value, object? shown = null)
    {
        Properties.Add(new PropertyEdit(label, wireName, value, shown));
        return this;
    }
}
