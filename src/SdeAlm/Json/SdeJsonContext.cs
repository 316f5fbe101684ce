using System.Text.Json;
using System.Text.Json.Serialization;
using SdeAlm.Api;

namespace SdeAlm.Json;

/// <summary>Source-generated metadata: no reflection at run time, fast first call.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(AlmPluginJson))]
[JsonSerializable(typeof(PageWire<AlmPluginJson>), TypeInfoPropertyName = "AlmPluginPage")]
[JsonSerializable(typeof(SdeUser))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SdeJsonContext : JsonSerializerContext
{
}
