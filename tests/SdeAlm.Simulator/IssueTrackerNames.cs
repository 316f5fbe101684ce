using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SdeAlm.Simulator;

/// <summary>
/// The renaming current SD Elements releases made: field names <c>alm_*</c> became
/// <c>issue_tracker_*</c>, and the <c>conflict_policy</c> value <c>alm</c> became
/// <c>issue_tracker</c>. The issue-tracker mode serves a catalog and a store renamed this way.
/// </summary>
internal static class IssueTrackerNames
{
    private const string OldPrefix = "alm_";
    private const string NewPrefix = "issue_tracker_";
    private const string ConflictPolicy = "conflict_policy";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep non-ASCII catalog text as raw UTF-8, as the fixtures are served.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string FieldName(string name) =>
        name.StartsWith(OldPrefix, StringComparison.Ordinal) ? NewPrefix + name[OldPrefix.Length..] : name;

    /// <summary>The value a field holds under the new names (only conflict_policy's "alm" changes).</summary>
    public static JsonNode? FieldValue(string newName, JsonNode? value) =>
        newName == ConflictPolicy && value is JsonValue v && v.TryGetValue(out string? text) && text == "alm"
            ? JsonValue.Create("issue_tracker")
            : value;

    /// <summary>Renames the fields of one plugin body of the catalog.</summary>
    public static byte[] RewritePlugin(byte[] plugin)
    {
        JsonNode? root = JsonNode.Parse(plugin);
        if (root is JsonObject pluginObject && pluginObject["sections"] is JsonArray sections)
        {
            foreach (JsonObject field in sections.OfType<JsonObject>().SelectMany(s => (s["fields"] as JsonArray ?? []).OfType<JsonObject>()))
            {
                RewriteField(field);
            }
        }

        var buffer = new ArrayBufferWriter<byte>(plugin.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            (root ?? JsonValue.Create((string?)null))!.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void RewriteField(JsonObject field)
    {
        if (field["name"] is not JsonValue nameValue || !nameValue.TryGetValue(out string? name))
        {
            return;
        }

        string newName = FieldName(name);
        field["name"] = newName;
        if (newName != ConflictPolicy)
        {
            return;
        }

        foreach (string key in new[] { "default", "placeholder" })
        {
            field[key] = FieldValue(newName, field[key]?.DeepClone());
        }

        foreach (JsonObject option in (field["options"] as JsonArray ?? []).OfType<JsonObject>())
        {
            option["value"] = FieldValue(newName, option["value"]?.DeepClone());
        }
    }
}
