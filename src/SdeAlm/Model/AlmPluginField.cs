using System.Text.Json.Serialization;
using SdeAlm.Json;

namespace SdeAlm.Model;

/// <summary>One configuration field of an ALM plugin.</summary>
public sealed class AlmPluginField
{
    /// <summary>The id of the plugin this field belongs to.</summary>
    [JsonIgnore]
    public string? PluginId { get; set; }

    /// <summary>The label of the section this field is in (null for the unlabelled section).</summary>
    [JsonIgnore]
    public string? Section { get; set; }

    [JsonPropertyName("name")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Name { get; set; }

    [JsonPropertyName("label")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Label { get; set; }

    [JsonPropertyName("description")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Description { get; set; }

    /// <summary>The form control: string, masked_string, radio, select, checkbox, boolean, … (new types pass through).</summary>
    [JsonPropertyName("field_type")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? FieldType { get; set; }

    /// <summary>The default value as a plain .NET value: null, string, bool, long or double.</summary>
    [JsonPropertyName("default")]
    [JsonConverter(typeof(JsonScalarConverter))]
    public object? Default { get; set; }

    [JsonPropertyName("readonly")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool ReadOnly { get; set; }

    [JsonPropertyName("max_length")]
    public int? MaxLength { get; set; }

    [JsonPropertyName("required")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool Required { get; set; }

    [JsonPropertyName("deprecated")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool Deprecated { get; set; }

    [JsonPropertyName("placeholder")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Placeholder { get; set; }

    /// <summary>Where the field is set: "system", "project" or both.</summary>
    [JsonPropertyName("scope")]
    public string[] Scope { get; set; } = [];

    [JsonPropertyName("help_text")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? HelpText { get; set; }

    [JsonPropertyName("options")]
    public AlmPluginFieldOption[] Options { get; set; } = [];

    public override string ToString() => Name ?? string.Empty;

    internal void Normalize(string? pluginId, string? section)
    {
        PluginId = pluginId;
        Section = section;
        Scope = ArrayCleaner.WithoutNulls(Scope);
        Options = ArrayCleaner.WithoutNulls(Options);
    }
}
