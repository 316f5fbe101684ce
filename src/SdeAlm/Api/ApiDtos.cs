using System.Text.Json.Serialization;
using SdeAlm.Json;

namespace SdeAlm.Api;

/// <summary>
/// One page of the plugin list; servers that do not paginate send only <c>results</c>. The page's
/// <c>count</c> and <c>previous</c> are not read, so their content cannot fail a call.
/// </summary>
internal sealed class AlmPluginPage
{
    [JsonPropertyName("next")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Next { get; set; }

    [JsonPropertyName("results")]
    public AlmPluginJson?[]? Results { get; set; }
}

/// <summary>The part of <c>/api/v2/users/me/</c> that identifies who the token belongs to.</summary>
internal sealed class SdeUser
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
