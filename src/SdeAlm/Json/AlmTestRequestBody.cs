using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Security;
using System.Text.Json;
using SdeAlm.Settings;

namespace SdeAlm.Json;

/// <summary>
/// The bodies of the connectivity tests: <c>{name, system: {id}, params}</c> for a connector and
/// <c>{connector, alias, project, system: {id}, params}</c> for an ALM connection, values as the API
/// takes them (AlmRequestBody.WriteValue). The secret values written are handed back so that no
/// message about the test can show them.
/// </summary>
internal static class AlmTestRequestBody
{
    public static byte[] Connector(string name, string pluginId, IDictionary settings, Func<string, object?, object?> toWire, ISet<string> secretKeys, ICollection<string> secrets) =>
        Write(writer =>
        {
            writer.WriteString("name", name);
            WriteSystem(writer, pluginId);
            WriteParams(writer, settings, toWire, secretKeys, secrets);
        });

    public static byte[] Connection(int connectorId, string? alias, int projectId, string? pluginId, IDictionary settings, Func<string, object?, object?> toWire, ISet<string> secretKeys, ICollection<string> secrets) =>
        Write(writer =>
        {
            writer.WriteNumber("connector", connectorId);
            writer.WriteString("alias", alias);
            writer.WriteNumber("project", projectId);
            if (pluginId is not null)
            {
                WriteSystem(writer, pluginId);
            }

            WriteParams(writer, settings, toWire, secretKeys, secrets);
        });

    private static void WriteSystem(Utf8JsonWriter writer, string pluginId)
    {
        writer.WriteStartObject("system");
        writer.WriteString("id", pluginId);
        writer.WriteEndObject();
    }

    private static void WriteParams(Utf8JsonWriter writer, IDictionary settings, Func<string, object?, object?> toWire, ISet<string> secretKeys, ICollection<string> secrets)
    {
        writer.WriteStartObject("params");
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in settings)
        {
            var key = SettingValue.AsText(entry.Key) ?? string.Empty;
            if (!written.Add(key))
            {
                continue;
            }

            var value = toWire(key, entry.Value);
            switch (SettingValue.Unwrap(value))
            {
                case SecureString secret:
                    secrets.Add(SecretText.Reveal(secret));
                    break;
                case string text when secretKeys.Contains(key):
                    secrets.Add(text);
                    break;
            }

            writer.WritePropertyName(key);
            AlmRequestBody.WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> properties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = 64 }))
        {
            writer.WriteStartObject();
            properties(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
