using System.Text.Json;
using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>Source-generated metadata: no reflection at run time, fast first call.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(AlmPluginWire))]
[JsonSerializable(typeof(PageWire<AlmPluginWire>), TypeInfoPropertyName = "AlmPluginPage")]
[JsonSerializable(typeof(PageWire<RawPluginWire>), TypeInfoPropertyName = "RawPluginPage")]
[JsonSerializable(typeof(SdeUserWire))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SdeJsonContext : JsonSerializerContext
{
}
