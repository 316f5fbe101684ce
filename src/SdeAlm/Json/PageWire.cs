using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>
/// One page of a list (plugins, connectors, ALM connections, jobs), as Django REST framework sends it:
/// the items, the link to the next page and how many items the whole list has. Servers that do not
/// paginate send only <c>results</c>. A <c>count</c> that is not a whole number reads as unknown, and
/// the page's <c>previous</c> is not read, so neither can fail a call.
/// </summary>
internal sealed class PageWire<T>
    where T : class
{
    [JsonPropertyName("next")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Next { get; set; }

    /// <summary>How many items the whole list has; null when the server did not say.</summary>
    [JsonPropertyName("count")]
    [JsonConverter(typeof(LenientCountConverter))]
    public int? Count { get; set; }

    /// <summary>The items; null when the answer has no list, and an item may be null.</summary>
    [JsonPropertyName("results")]
    public T?[]? Results { get; set; }
}
