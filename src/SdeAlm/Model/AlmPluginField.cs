using System.Collections.Generic;

namespace SdeAlm.Model;

/// <summary>One configuration field of an ALM plugin.</summary>
public sealed class AlmPluginField
{
    internal AlmPluginField(
        string? pluginId = null,
        string? section = null,
        string? name = null,
        string? label = null,
        string? description = null,
        string? fieldType = null,
        object? defaultValue = null,
        bool readOnly = false,
        int? maxLength = null,
        bool required = false,
        bool deprecated = false,
        string? placeholder = null,
        IList<string>? scope = null,
        string? helpText = null,
        IList<AlmPluginFieldOption>? options = null)
    {
        PluginId = pluginId;
        Section = section;
        Name = name;
        Label = label;
        Description = description;
        FieldType = fieldType;
        Default = defaultValue;
        ReadOnly = readOnly;
        MaxLength = maxLength;
        Required = required;
        Deprecated = deprecated;
        Placeholder = placeholder;
        Scope = ReadOnlyJoinedList<string>.Of(scope);
        HelpText = helpText;
        Options = ReadOnlyJoinedList<AlmPluginFieldOption>.Of(options);
    }

    /// <summary>The id of the plugin this field belongs to.</summary>
    public string? PluginId { get; }

    /// <summary>The label of the section this field is in (null for the unlabelled section).</summary>
    public string? Section { get; }

    public string? Name { get; }

    public string? Label { get; }

    public string? Description { get; }

    /// <summary>The form control: string, masked_string, radio, select, checkbox, boolean, … (new types pass through).</summary>
    public string? FieldType { get; }

    /// <summary>
    /// The default value as a plain .NET value: null, string, bool, long or double; a list is a
    /// <see cref="StructuredList"/> and an object a <see cref="StructuredObject"/>.
    /// </summary>
    public object? Default { get; }

    public bool ReadOnly { get; }

    public int? MaxLength { get; }

    public bool Required { get; }

    public bool Deprecated { get; }

    public string? Placeholder { get; }

    /// <summary>Where the field is set: "system", "project" or both.</summary>
    public ReadOnlyJoinedList<string> Scope { get; }

    public string? HelpText { get; }

    /// <summary>The choices of a radio, select or checkbox field, in form order.</summary>
    public ReadOnlyJoinedList<AlmPluginFieldOption> Options { get; }

    public override string ToString() => Name ?? string.Empty;
}
