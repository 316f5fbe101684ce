using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using SdeAlm.Errors;

namespace SdeAlm.Json;

/// <summary>
/// Builds PowerShell objects from a JSON answer, the same on Windows PowerShell 5.1 and PowerShell 7
/// (ConvertFrom-Json differs between them): objects become PSCustomObjects with their properties in
/// the server's order, arrays stay arrays whatever their length, whole numbers are Int64, other numbers
/// Double, and text stays text (dates are not guessed).
/// </summary>
internal static class RestAnswerObjects
{
    /// <summary>The answer from <paramref name="source"/> as objects.</summary>
    public static object? ToObject(JsonElement value, Uri source) => ToObject(value, source, "$");

    private static object? ToObject(JsonElement value, Uri source, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var result = new PSObject();
                foreach (var property in value.EnumerateObject())
                {
                    if (property.Name.Length == 0)
                    {
                        throw new SdeApiException(
                            $"The answer from {source} has a property with an empty name at {path}, which a PowerShell object cannot have.",
                            SdeErrorIds.InvalidJson,
                            ErrorCategory.InvalidData,
                            source);
                    }

                    // PowerShell names are case-insensitive: of "id" and "ID" the last one wins, as a later duplicate does in JSON.
                    var existing = result.Properties[property.Name];
                    if (existing is not null)
                    {
                        result.Properties.Remove(property.Name);
                    }

                    result.Properties.Add(new PSNoteProperty(property.Name, ToObject(property.Value, source, IsContainer(property.Value) ? path + "." + property.Name : path)));
                }

                return result;
            case JsonValueKind.Array:
                var items = new List<object?>(value.GetArrayLength());
                foreach (var item in value.EnumerateArray())
                {
                    items.Add(ToObject(item, source, IsContainer(item) ? path + "[" + items.Count.ToString(CultureInfo.InvariantCulture) + "]" : path));
                }

                return items.ToArray();
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number:
                return value.TryGetInt64(out var whole) ? whole : (object)value.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    /// <summary>Only objects and arrays can hold a bad name, so only they need their path spelled out.</summary>
    private static bool IsContainer(JsonElement value) => value.ValueKind is JsonValueKind.Object or JsonValueKind.Array;
}
