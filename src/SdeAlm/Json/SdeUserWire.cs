using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>The part of <c>/api/v2/users/me/</c> that identifies who the token belongs to.</summary>
internal sealed class SdeUserWire
{
    [JsonPropertyName("id")]
    [JsonConverter(typeof(JsonScalarConverter))]
    public object? Id { get; set; }

    [JsonPropertyName("email")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Email { get; set; }

    [JsonPropertyName("username")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? UserName { get; set; }
}
