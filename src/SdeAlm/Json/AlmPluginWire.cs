using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace SdeAlm.Json;

// The plugin as the API sends it, filled by System.Text.Json and read only by AlmPluginMapper.
// Lists may be null or hold nulls; text may arrive as numbers: the converters and the mapper absorb both.

/// <summary>A plugin of <c>/api/v2/plugins/alm/</c>, as sent.</summary>
internal sealed class AlmPluginWire
{
    [JsonPropertyName("id")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Name { get; set; }

    [JsonPropertyName("short_name")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? ShortName { get; set; }

    [JsonPropertyName("command")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Command { get; set; }

    [JsonPropertyName("sections")]
    public List<AlmPluginSectionWire?>? Sections { get; set; }
}

/// <summary>A section of a plugin's form, as sent.</summary>
internal sealed class AlmPluginSectionWire
{
    [JsonPropertyName("label")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Label { get; set; }

    [JsonPropertyName("optional")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool Optional { get; set; }

    [JsonPropertyName("fields")]
    public List<AlmPluginFieldWire?>? Fields { get; set; }
}

/// <summary>A field of a plugin's form, as sent.</summary>
internal sealed class AlmPluginFieldWire
{
    [JsonPropertyName("name")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Name { get; set; }

    [JsonPropertyName("label")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Label { get; set; }

    [JsonPropertyName("description")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Description { get; set; }

    [JsonPropertyName("field_type")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? FieldType { get; set; }

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

    [JsonPropertyName("scope")]
    [JsonConverter(typeof(ScopeListConverter))]
    public string?[]? Scope { get; set; }

    [JsonPropertyName("help_text")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? HelpText { get; set; }

    [JsonPropertyName("options")]
    public List<AlmPluginFieldOptionWire?>? Options { get; set; }
}

/// <summary>A choice of a radio, select or checkbox field, as sent.</summary>
internal sealed class AlmPluginFieldOptionWire
{
    [JsonPropertyName("label")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Label { get; set; }

    [JsonPropertyName("value")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Value { get; set; }

    [JsonPropertyName("disabled")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool Disabled { get; set; }
}
