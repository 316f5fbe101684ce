using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Text.Json;
using SdeAlm.Errors;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Json;

/// <summary>
/// Builds the public connector and ALM connection objects from what the API sent: params become an
/// ordered, case-insensitive, read-only dictionary of plain values, with every secret as a SecureString.
/// </summary>
internal static class AlmResourceMapper
{
    public static AlmConnector ToConnector(AlmConnectorWire wire, PluginCatalogIndex catalog, string server, object? serverConnection)
    {
        var pluginId = wire.System?.Id;
        return new AlmConnector(
            wire.Id,
            wire.Name,
            pluginId,
            wire.System?.Name ?? catalog.Find(pluginId)?.Name,
            wire.Inaccessible,
            ToSettings(wire.Params, catalog.SecretKeys(pluginId), wire.Id),
            IsObject(wire.Params),
            server,
            serverConnection,
            ToNames(wire.FieldsEditableOnProject),
            wire.FieldsEditableOnProject.ValueKind != JsonValueKind.Undefined);
    }

    public static AlmConnection ToConnection(AlmConnectionWire wire, PluginCatalogIndex catalog, string server, object? serverConnection) =>
        new(
            wire.Id,
            wire.Alias,
            wire.Project,
            wire.Connector,
            wire.System?.Id,
            wire.Frequency,
            wire.InProgress,
            wire.Inaccessible,
            ToSettings(wire.Params, catalog.SecretKeys(wire.System?.Id), wire.Id),
            IsObject(wire.Params),
            wire.LastJob is { } job ? AlmJobMapper.ToJob(job, server, serverConnection, wire.Id, wire.Project) : null,
            server,
            serverConnection);

    /// <summary>
    /// The params as settings; absent or null params (no permission to see them) give an empty dictionary.
    /// Two params that differ only in case break the key rule of <see cref="SettingKeys"/>: an error, not a guess.
    /// </summary>
    internal static AlmSettingsDictionary ToSettings(JsonElement? parameters, ISet<string> secretKeys, int resourceId)
    {
        var settings = SettingKeys.NewDictionary();
        if (parameters is { ValueKind: JsonValueKind.Object } element)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (settings.Contains(property.Name))
                {
                    throw new SdeApiException(
                        $"The server sent resource {resourceId} with params that break SdeAlm's key rule. {SettingKeys.SameKey(property.Name, SpellingOf(settings, property.Name))} Correct the params in SD Elements.",
                        SdeErrorIds.InvalidJson,
                        ErrorCategory.InvalidData,
                        resourceId);
                }

                settings.Add(property.Name, secretKeys.Contains(property.Name)
                    ? ToSecret(property.Value)
                    : ToValue(property.Value));
            }
        }

        return new AlmSettingsDictionary(settings);
    }

    /// <summary>A list of names (items that are not text as their JSON text); null for null, absent or anything else.</summary>
    private static ReadOnlyCollection<string>? ToNames(JsonElement names) =>
        names.ValueKind == JsonValueKind.Array
            ? Array.AsReadOnly(names.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() ?? string.Empty : item.GetRawText()).ToArray())
            : null;

    private static bool IsObject(JsonElement? parameters) => parameters is { ValueKind: JsonValueKind.Object };

    private static string SpellingOf(OrderedDictionary settings, string key) =>
        settings.Keys.Cast<string>().First(existing => SettingKeys.Comparer.Equals(existing, key));

    /// <summary>A secret's text (as the server keeps it, whatever its JSON type) in a SecureString; null stays null.</summary>
    private static SecureString? ToSecret(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => SecretText.Protect(value.GetString() ?? string.Empty),
            _ => SecretText.Protect(value.GetRawText()),
        };

    /// <summary>A JSON value as the plain .NET value a script expects, like JsonScalarConverter reads catalog defaults.</summary>
    internal static object? ToValue(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                return value.TryGetInt64(out var whole) ? whole : (object)value.GetDouble();
            case JsonValueKind.Array:
                var items = new List<object?>();
                foreach (var item in value.EnumerateArray())
                {
                    items.Add(ToValue(item));
                }

                return items.ToArray();
            case JsonValueKind.Object:
                var properties = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                foreach (var property in value.EnumerateObject())
                {
                    properties[property.Name] = ToValue(property.Value);
                }

                return properties;
            default:
                return null;
        }
    }
}
