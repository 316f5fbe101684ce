using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>Source-generated metadata for the job answers.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(AlmJobWire))]
[JsonSerializable(typeof(PageWire<AlmJobWire>), TypeInfoPropertyName = "AlmJobPage")]
internal sealed partial class AlmJobJsonContext : JsonSerializerContext
{
}
