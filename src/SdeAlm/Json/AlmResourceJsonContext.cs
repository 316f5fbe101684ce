using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>Source-generated metadata for the connector and ALM connection answers.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(AlmConnectorWire))]
[JsonSerializable(typeof(AlmConnectionWire))]
[JsonSerializable(typeof(AlmConnectorPageWire))]
[JsonSerializable(typeof(AlmConnectionPageWire))]
internal sealed partial class AlmResourceJsonContext : JsonSerializerContext
{
}
