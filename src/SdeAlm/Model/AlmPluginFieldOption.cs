using System.Text.Json.Serialization;
using SdeAlm.Json;

namespace SdeAlm.Model;

/// <summary>One choice of a radio, select or checkbox field.</summary>
public sealed class AlmPluginFieldOption
{
    [JsonPropertyName("label")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Label { get; set; }

    /// <summary>The value stored in settings; numbers and booleans sent by the server arrive as their JSON text.</summary>
    [JsonPropertyName("value")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Value { get; set; }

    [JsonPropertyName("disabled")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool Disabled { get; set; }

    public override string ToString() => Value ?? string.Empty;
}
