using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using SdeAlm.Errors;

namespace SdeAlm.Json;

/// <summary>
/// The JSON body of a connector or ALM connection request (a write or a connectivity test): the
/// top-level properties given, in their order (a dictionary value, such as <c>system: {id}</c>, becomes
/// an object), then <c>params</c> when given. Only what is given is written, so one writer serves POST
/// (everything) and PATCH (what changed). The bytes hold secrets in clear text, as the API requires:
/// they go to the request and nowhere else.
/// </summary>
internal static class AlmRequestBody
{
    /// <param name="properties">The top-level properties, by their API names.</param>
    /// <param name="parameters">The params (settings), or null to leave them out.</param>
    /// <param name="toWire">Turns a setting into what the API takes for its field (by key).</param>
    /// <param name="revealed">Told the text of every secret written, so that messages can redact it.</param>
    public static byte[] Write(
        IEnumerable<KeyValuePair<string, object?>> properties,
        IDictionary? parameters,
        Func<string, object?, object?> toWire,
        Action<string>? revealed = null)
    {
        var values = new JsonValueWriter("-Setting", SdeErrorIds.AlmSettingInvalid, revealed);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonValueWriter.Options))
        {
            writer.WriteStartObject();
            foreach (var property in properties)
            {
                writer.WritePropertyName(property.Key);
                values.Write(writer, property.Value, "$." + property.Key);
            }

            if (parameters is not null)
            {
                writer.WriteStartObject("params");
                foreach (DictionaryEntry entry in parameters)
                {
                    // The keys were read once by SettingKeys, so each is text and appears once.
                    var key = (string)entry.Key;
                    writer.WritePropertyName(key);
                    values.Write(writer, toWire(key, entry.Value), "$.params." + key);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
