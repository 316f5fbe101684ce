using System.Text.Json;
using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>A connector as the API sends it; <c>params</c> stays raw JSON until the mapper knows which fields are secret.</summary>
internal sealed class AlmConnectorWire
{
    [JsonPropertyName("id")]
    public int Id { get; set; }

    [JsonPropertyName("name")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Name { get; set; }

    [JsonPropertyName("system")]
    public AlmSystemWire? System { get; set; }

    [JsonPropertyName("inaccessible")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool Inaccessible { get; set; }

    [JsonPropertyName("params")]
    public JsonElement? Params { get; set; }

    /// <summary>
    /// The params project connections may set for themselves (current releases): a list of names, or null
    /// for the plugin's defaults. Undefined when the server does not send the key at all.
    /// </summary>
    [JsonPropertyName("fields_editable_on_project")]
    public JsonElement FieldsEditableOnProject { get; set; }
}

/// <summary>A project's ALM connection as the API sends it; <c>params</c> is absent for users who may not edit ALM connections.</summary>
internal sealed class AlmConnectionWire
{
    [JsonPropertyName("id")]
    public int Id { get; set; }

    [JsonPropertyName("alias")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Alias { get; set; }

    [JsonPropertyName("system")]
    public AlmSystemWire? System { get; set; }

    [JsonPropertyName("frequency")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Frequency { get; set; }

    [JsonPropertyName("params")]
    public JsonElement? Params { get; set; }

    [JsonPropertyName("inaccessible")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool Inaccessible { get; set; }

    [JsonPropertyName("in_progress")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool InProgress { get; set; }

    [JsonPropertyName("connector")]
    public int Connector { get; set; }

    [JsonPropertyName("project")]
    public int Project { get; set; }

    /// <summary>The last sync job, sent only with <c>?include=last_job</c>; null when the ALM connection never ran.</summary>
    [JsonPropertyName("last_job")]
    public AlmJobWire? LastJob { get; set; }
}

/// <summary>The <c>system</c> reference of a connector or ALM connection: the catalog plugin it is for.</summary>
internal sealed class AlmSystemWire
{
    [JsonPropertyName("id")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Name { get; set; }
}
