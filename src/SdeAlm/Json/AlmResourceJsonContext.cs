using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>Source-generated metadata for the connector and ALM connection answers.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(AlmConnectorWire))]
[JsonSerializable(typeof(AlmConnectionWire))]
[JsonSerializable(typeof(PageWire<AlmConnectorWire>), TypeInfoPropertyName = "AlmConnectorPage")]
[JsonSerializable(typeof(PageWire<AlmConnectionWire>), TypeInfoPropertyName = "AlmConnectionPage")]
internal sealed partial class AlmResourceJsonContext : JsonSerializerContext
{
}
