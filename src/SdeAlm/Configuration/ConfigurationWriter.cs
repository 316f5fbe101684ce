using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Security;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SdeAlm.Configuration;

/// <summary>
/// Writes a configuration document as JSON the same way every time: UTF-8 without a byte order mark,
/// two-space indentation, line feeds (whatever the platform), text as written (no \u escapes for
/// accents), a line feed at the end, and properties in a fixed order. Secrets are written only as
/// references: a SecureString here is a bug, and fails.
/// </summary>
internal static class ConfigurationWriter
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(AlmConfiguration document)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartObject();
            writer.WriteString(ConfigurationReader.SchemaProperty, ConfigurationSchema.Id);
            writer.WriteStartArray(ConfigurationReader.ConnectorsProperty);
            foreach (var connector in document.Connectors)
            {
                WriteConnector(writer, connector);
            }

            writer.WriteEndArray();
            writer.WriteStartArray(ConfigurationReader.ConnectionsProperty);
            foreach (var connection in document.Connections)
            {
                WriteConnection(writer, connection);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return WithLineFeeds(buffer.ToArray());
    }

    private static void WriteConnector(Utf8JsonWriter writer, ConnectorItem connector)
    {
        writer.WriteStartObject();
        writer.WriteString("name", connector.Name);
        writer.WriteString("plugin", connector.Plugin);
        if (connector.Inaccessible is { } inaccessible)
        {
            writer.WriteBoolean("inaccessible", inaccessible);
        }

        if (connector.HasFieldsEditableOnProject)
        {
            writer.WritePropertyName("fieldsEditableOnProject");
            WriteValue(writer, connector.FieldsEditableOnProject);
        }

        WriteSettings(writer, connector.Settings);
        writer.WriteEndObject();
    }

    private static void WriteConnection(Utf8JsonWriter writer, ConnectionItem connection)
    {
        writer.WriteStartObject();
        writer.WriteNumber("project", connection.ProjectId);
        writer.WriteString("alias", connection.Alias);
        writer.WriteString("connector", connection.Connector);
        if (connection.Frequency is { } frequency)
        {
            writer.WriteString("frequency", frequency);
        }

        WriteSettings(writer, connection.Settings);
        writer.WriteEndObject();
    }

    private static void WriteSettings(Utf8JsonWriter writer, IDictionary? settings)
    {
        if (settings is null)
        {
            return;
        }

        writer.WritePropertyName("settings");
        WriteValue(writer, settings);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case SecretReference reference:
                writer.WriteStartObject();
                if (reference.EnvironmentVariable is { } variable)
                {
                    writer.WriteString("env", variable);
                }
                else
                {
                    writer.WriteString("secret", reference.SecretName);
                    if (reference.Vault is { } vault)
                    {
                        writer.WriteString("vault", vault);
                    }
                }

                writer.WriteEndObject();
                break;
            case SecureString:
                throw new InvalidOperationException("A secret reached the document writer; only references may be written.");
            case byte or sbyte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double or float:
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
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
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>The writer ends indented lines with the platform's newline; a document is the same bytes everywhere, so line feeds only, and one at the end.</summary>
    private static byte[] WithLineFeeds(byte[] json)
    {
        // Inside JSON strings a carriage return is always escaped, so every raw one is the writer's.
        using var output = new MemoryStream(json.Length + 1);
        foreach (var b in json)
        {
            if (b != (byte)'\r')
            {
                output.WriteByte(b);
            }
        }

        output.WriteByte((byte)'\n');
        return output.ToArray();
    }
}
