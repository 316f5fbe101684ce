using System.Collections.Generic;
using System.Linq;

namespace SdeAlm.Model;

/// <summary>An ALM integration plugin as SD Elements describes it.</summary>
public sealed class AlmPlugin
{
    internal AlmPlugin(string? id = null, string? name = null, string? shortName = null, string? command = null, IList<AlmPluginSection>? sections = null)
    {
        Id = id;
        Name = name;
        ShortName = shortName;
        Command = command;
        Sections = ReadOnlyJoinedList<AlmPluginSection>.Of(sections);
        SectionCount = Sections.Count;
        FieldCount = Sections.Sum(section => section.Fields.Count);
        RequiredCount = Sections.Sum(section => section.Fields.Count(field => field.Required));
    }

    public string? Id { get; }

    public string? Name { get; }

    public string? ShortName { get; }

    public string? Command { get; }

    public ReadOnlyJoinedList<AlmPluginSection> Sections { get; }

    /// <summary>How many sections the configuration form has.</summary>
    public int SectionCount { get; }

    /// <summary>How many fields the configuration form has, in all sections.</summary>
    public int FieldCount { get; }

    /// <summary>How many fields are required, in all sections.</summary>
    public int RequiredCount { get; }

    /// <summary>
    /// The same number as <see cref="RequiredCount"/>, under the name of SdeAlm 0.2, so that
    /// <c>Where-Object Required</c> (true when the plugin has a required field) and scripts that compare
    /// or sort it keep working. New scripts read RequiredCount.
    /// </summary>
    public int Required => RequiredCount;

    public override string ToString() => Id ?? string.Empty;
}
