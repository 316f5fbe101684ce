using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Numerics;
using System.Security;
using System.Text.Json;
using SdeAlm.Settings;

namespace SdeAlm.Json;

/// <summary>
/// Writes the JSON bodies of connector and ALM connection writes. Only the properties given are
/// written, so one writer serves POST (everything) and PATCH (what changed). The bytes hold secrets in
/// clear text, as the API requires: they go to the request and nowhere else.
/// </summary>
internal static class AlmRequestBody
{
    private static readonly JsonWriterOptions s_options = new() { MaxDepth = 64 };

    /// <summary>A connector body: <c>{name, system: {id}, inaccessible, params}</c>, each only when given.</summary>
    public static byte[] Connector(string? name, string? pluginId, bool? inaccessible, IDictionary? parameters, Func<string, object?, object?> toWire) =>
        Write(writer =>
        {
            if (name is not null)
            {
                writer.WriteString("name", name);
            }

            if (pluginId is not null)
            {
                writer.WriteStartObject("system");
                writer.WriteString("id", pluginId);
                writer.WriteEndObject();
            }

            if (inaccessible is { } flag)
            {
                writer.WriteBoolean("inaccessible", flag);
            }

            WriteParams(writer, parameters, toWire);
        });

    /// <summary>An ALM connection body: <c>{alias, connector, project, frequency, params}</c>, each only when given.</summary>
    public static byte[] Connection(string? alias, int? connectorId, int? projectId, string? frequency, IDictionary? parameters, Func<string, object?, object?> toWire) =>
        Write(writer =>
        {
            if (alias is not null)
            {
                writer.WriteString("alias", alias);
            }

            if (connectorId is { } connector)
            {
                writer.WriteNumber("connector", connector);
            }

            if (projectId is { } project)
            {
                writer.WriteNumber("project", project);
            }

            if (frequency is not null)
            {
                writer.WriteString("frequency", frequency);
            }

            WriteParams(writer, parameters, toWire);
        });

    /// <summary>Any plain value from a settings dictionary as JSON; SecureStrings as their text.</summary>
    internal static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (SettingValue.Unwrap(value))
        {
            case null:
            case DBNull:
                writer.WriteNullValue();
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case SecureString secret:
                writer.WriteStringValue(SecretText.Reveal(secret));
                break;
            case byte or sbyte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value is PSObject wrapped ? wrapped.BaseObject : value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ulong whole:
                writer.WriteNumberValue(whole);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case double number when !double.IsNaN(number) && !double.IsInfinity(number):
                writer.WriteNumberValue(number);
                break;
            case float number when !float.IsNaN(number) && !float.IsInfinity(number):
                writer.WriteNumberValue(number);
                break;
            case BigInteger big:
                writer.WriteRawValue(big.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(SettingValue.AsText(entry.Key) ?? string.Empty);
                    WriteValue(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case var other:
                writer.WriteStringValue(SettingValue.AsText(other));
                break;
        }
    }

    private static void WriteParams(Utf8JsonWriter writer, IDictionary? parameters, Func<string, object?, object?> toWire)
    {
        if (parameters is null)
        {
            return;
        }

        writer.WriteStartObject("params");
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in parameters)
        {
            var key = SettingValue.AsText(entry.Key) ?? string.Empty;
            if (written.Add(key))
            {
                writer.WritePropertyName(key);
                WriteValue(writer, toWire(key, entry.Value));
            }
        }

        writer.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> properties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartObject();
            properties(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
