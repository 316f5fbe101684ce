using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SdeAlm.Json;

/// <summary>
/// Checks a whole answer held in memory before anything is built from it: well-formed JSON, no deeper
/// than the serializer allows, and at most a given number of values. The byte cap alone does not bound
/// memory: 64 MiB of <c>{},{},…</c> would become twenty million objects.
/// </summary>
internal static class JsonAnswer
{
    private static readonly Dictionary<string, string> s_typeNames = new(StringComparer.Ordinal)
    {
        ["System.String"] = "text",
        ["System.Int32"] = "a whole number",
        ["System.Nullable`1[System.Int32]"] = "a whole number",
        ["System.Boolean"] = "true or false",
        ["SdeAlm.Api.AlmPluginPage"] = "a plugin list",
        ["SdeAlm.Api.SdeUser"] = "a user",
        ["SdeAlm.Model.AlmPlugin"] = "a plugin",
        ["SdeAlm.Model.AlmPluginSection"] = "a section",
        ["SdeAlm.Model.AlmPluginField"] = "a field",
        ["SdeAlm.Model.AlmPluginFieldOption"] = "an option",
    };

    private static readonly Regex s_convertedTo = new(@"converted to (?<type>\S+?)\.?$", RegexOptions.CultureInvariant);

    /// <summary>The answer without a UTF-8 byte order mark, which JSON readers of spans do not skip.</summary>
    public static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> json) =>
        json.Length >= 3 && json[0] == 0xEF && json[1] == 0xBB && json[2] == 0xBF ? json.Slice(3) : json;

    /// <summary>
    /// True when the answer holds at most <paramref name="maximumValues"/> values (objects, arrays,
    /// strings, numbers, literals). Throws <see cref="JsonException"/> for malformed or too deeply nested JSON.
    /// </summary>
    public static bool FitsIn(ReadOnlySpan<byte> json, int maximumValues)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        var values = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                case JsonTokenType.String:
                case JsonTokenType.Number:
                case JsonTokenType.True:
                case JsonTokenType.False:
                case JsonTokenType.Null:
                    if (++values > maximumValues)
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    /// <summary>
    /// What is wrong and where, without the serializer's .NET type names:
    /// "the JSON value could not be converted to text at $.results[0].name (line 1, byte 78)".
    /// </summary>
    public static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        var what = (cut < 0 ? message : message.Substring(0, cut)).Trim().TrimEnd('.');
        what = s_convertedTo.Replace(what, match => "converted to " + FriendlyName(match.Groups["type"].Value));
        if (what.Length > 0)
        {
            what = char.ToLowerInvariant(what[0]) + what.Substring(1);
        }

        var where = ex.Path is null or "$" ? string.Empty : " at " + ex.Path;
        var position = ex.BytePositionInLine is { } column ? $" (line {ex.LineNumber + 1}, byte {column + 1})" : string.Empty;
        return what + where + position;
    }

    private static string FriendlyName(string type)
    {
        if (s_typeNames.TryGetValue(type, out var name))
        {
            return name;
        }

        if (type.EndsWith("[]", StringComparison.Ordinal))
        {
            return "a list";
        }

        var dot = type.LastIndexOf('.');
        return dot < 0 ? type : type.Substring(dot + 1);
    }
}
