using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace SdeAlm.Simulator;

/// <summary>What the store needs to know of one catalog plugin: how to name it and which params it requires.</summary>
internal sealed class PluginSchema
{
    private PluginSchema(string id, string name, string shortName, string? command, IReadOnlyList<FieldSchema> fields)
    {
        Id = id;
        Name = name;
        ShortName = shortName;
        Command = command;
        Fields = fields;
    }

    public string Id { get; }

    public string Name { get; }

    public string ShortName { get; }

    public string? Command { get; }

    public IReadOnlyList<FieldSchema> Fields { get; }

    /// <summary>The field whose name ends in <c>_server</c> (alm_server, issue_tracker_server), if any.</summary>
    public FieldSchema? ServerField => Fields.FirstOrDefault(f => f.Name.EndsWith("_server", StringComparison.Ordinal));

    public static PluginSchema Parse(string id, byte[] body)
    {
        JsonObject plugin = JsonNode.Parse(body) as JsonObject ?? [];
        var fields = new List<FieldSchema>();
        foreach (JsonObject section in (plugin["sections"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (JsonObject field in (section["fields"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Text(field["name"]) is not string name)
                {
                    continue;
                }

                var scope = (field["scope"] as JsonArray ?? []).Select(Text).OfType<string>().ToHashSet(StringComparer.Ordinal);
                JsonNode? defaultValue = field["default"]?.DeepClone();
                fields.Add(new FieldSchema(
                    name,
                    Text(field["field_type"]) ?? "string",
                    field["required"] is JsonValue required && required.TryGetValue(out bool isRequired) && isRequired,
                    defaultValue,
                    scope));
            }
        }

        return new PluginSchema(id, Text(plugin["name"]) ?? id, Text(plugin["short_name"]) ?? id, Text(plugin["command"]), fields);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}

/// <summary>One catalog field; <see cref="Default"/> is null when the catalog gives none.</summary>
internal sealed record FieldSchema(string Name, string FieldType, bool Required, JsonNode? Default, IReadOnlySet<string> Scope)
{
    public bool IsSecret => FieldType == "masked_string";

    public bool InScope(string scope) => Scope.Contains(scope);
}

/// <summary>Plugin schemas of one catalog, parsed on first use (a --large catalog has many).</summary>
internal sealed class PluginSchemas(Catalog catalog)
{
    private readonly ConcurrentDictionary<string, PluginSchema?> cache = new(StringComparer.Ordinal);

    public Catalog Catalog => catalog;

    public PluginSchema? Find(string id) =>
        cache.GetOrAdd(id, key => catalog.TryGetPlugin(key, out byte[] body) ? PluginSchema.Parse(key, body) : null);

    /// <summary>The plugin <paramref name="id"/>, or in a --large catalog its first copy (<c>id-k</c>).</summary>
    public PluginSchema? FindLike(string id) =>
        Find(id) ?? catalog.Ids.Where(i => i.StartsWith(id + "-", StringComparison.Ordinal)).Select(Find).FirstOrDefault(p => p is not null);
}
