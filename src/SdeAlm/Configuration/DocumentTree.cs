using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using SdeAlm.Settings;

namespace SdeAlm.Configuration;

/// <summary>An object of a configuration document: its properties in their order, a property given twice kept twice.</summary>
internal sealed class DocumentObject
{
    public DocumentObject(IEnumerable<KeyValuePair<string, object?>> properties)
    {
        Properties = properties as KeyValuePair<string, object?>[] ?? [.. properties];
    }

    public IReadOnlyList<KeyValuePair<string, object?>> Properties { get; }
}

/// <summary>
/// A document as the reader sees it, whatever it came from (a JSON file, a hashtable from
/// Import-PowerShellDataFile, a PSCustomObject from ConvertFrom-Json on either edition): objects as
/// <see cref="DocumentObject"/>, lists as arrays, and plain values (text, numbers, Booleans, null, and
/// SecureStrings a script put in).
/// </summary>
internal static class DocumentTree
{
    // Far deeper than any document; a value this deep refers to itself.
    private const int MaximumDepth = 64;

    public static object? FromJson(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.Object => new DocumentObject(ObjectOf(element)),
            JsonValueKind.Array => ArrayOf(element),
            JsonValueKind.String => element.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
            _ => null,
        };

    private static KeyValuePair<string, object?>[] ObjectOf(JsonElement element)
    {
        var properties = new List<KeyValuePair<string, object?>>();
        foreach (var property in element.EnumerateObject())
        {
            properties.Add(new KeyValuePair<string, object?>(property.Name, FromJson(property.Value)));
        }

        return [.. properties];
    }

    private static object?[] ArrayOf(JsonElement element)
    {
        var items = new object?[element.GetArrayLength()];
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            items[index++] = FromJson(item);
        }

        return items;
    }

    /// <summary>
    /// A PowerShell value as a document tree. An unordered dictionary (a hashtable) has its keys sorted,
    /// so that the same hashtable always gives the same plan.
    /// </summary>
    public static object? FromObject(object? value) => FromObject(value, 0);

    private static object? FromObject(object? value, int depth)
    {
        var plain = SettingValue.Unwrap(value);
        if (depth > MaximumDepth)
        {
            throw new InvalidOperationException($"The document is nested more than {MaximumDepth} levels deep: it probably refers to itself.");
        }

        switch (plain)
        {
            case null or DBNull:
                return null;
            case PSObject custom:
                return new DocumentObject(custom.Properties
                    .Where(property => property.MemberType is PSMemberTypes.NoteProperty or PSMemberTypes.Property && property.IsGettable)
                    .Select(property => new KeyValuePair<string, object?>(property.Name, FromObject(property.Value, depth + 1))));
            case IDictionary map:
                var entries = map.Cast<DictionaryEntry>().Select(entry => new KeyValuePair<string, object?>(SettingKeys.Text(entry.Key), FromObject(entry.Value, depth + 1)));
                return new DocumentObject(map is IOrderedDictionary ? entries : entries.OrderBy(entry => entry.Key, StringComparer.Ordinal));
            case string text:
                return text;
            case IEnumerable list when plain is not System.Security.SecureString:
                return list.Cast<object?>().Select(item => FromObject(item, depth + 1)).ToArray();
            default:
                return plain;
        }
    }

    /// <summary>How messages name the kind of a value: "text", "a number", "a list" …</summary>
    public static string KindOf(object? value) =>
        value switch
        {
            null => "null",
            string => "text",
            bool => "true or false",
            DocumentObject => "an object",
            object?[] => "a list",
            System.Security.SecureString => "a SecureString",
            IConvertible convertible when convertible.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal => "a number",
            var other => $"a {other.GetType().Name}",
        };

    /// <summary>A document object as a settings value: an ordered dictionary of plain values.</summary>
    public static OrderedDictionary ToDictionary(DocumentObject value)
    {
        var dictionary = new OrderedDictionary(StringComparer.Ordinal);
        foreach (var property in value.Properties)
        {
            dictionary[property.Key] = ToPlain(property.Value);
        }

        return dictionary;
    }

    /// <summary>A document value as a plain .NET value: objects as ordered dictionaries, lists as arrays.</summary>
    public static object? ToPlain(object? value) =>
        value switch
        {
            DocumentObject map => ToDictionary(map),
            object?[] list => list.Select(ToPlain).ToArray(),
            _ => value,
        };
}
