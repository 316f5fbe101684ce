using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>
/// One page of a list (plugins, connectors, ALM connections, jobs), as Django REST framework sends it:
/// the items and the link to the next page. Servers that do not paginate send only <c>results</c>; the
/// page's <c>count</c> and <c>previous</c> are not read, so their content cannot fail a call.
/// </summary>
internal sealed class PageWire<T>
    where T : class
{
    [JsonPropertyName("next")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Next { get; set; }

    /// <summary>The items; null when the answer has no list, and an item may be null.</summary>
    [JsonPropertyName("results")]
    public T?[]? Results { get; set; }
}
