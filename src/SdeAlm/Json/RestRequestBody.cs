using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Numerics;
using System.Security;
using System.Text;
using System.Text.Json;
using SdeAlm.Errors;

namespace SdeAlm.Json;

/// <summary>
/// The body of an Invoke-SdeRestMethod write: a string goes as it is, anything else becomes JSON —
/// dictionaries and objects as JSON objects (in their own order), lists as arrays, to any depth a real
/// request needs. A SecureString is sent as its text: the user put it in the body for the server to
/// read, and the body goes only to the server connection's own origin.
/// </summary>
internal static class RestRequestBody
{
    /// <summary>Deeper than any SD Elements request; a body this deep is a reference loop.</summary>
    internal const int MaximumDepth = 64;

    private static readonly JsonWriterOptions s_options = new() { MaxDepth = MaximumDepth + 1 };

    /// <summary>The UTF-8 bytes to send for <paramref name="body"/>.</summary>
    public static byte[] ToBytes(object body)
    {
        if (Unwrap(body) is string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            WriteValue(writer, body, "$", 0);
        }

        return buffer.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, string path, int depth)
    {
        var plain = Unwrap(value);
        switch (plain)
        {
            case null:
            case DBNull:
                writer.WriteNullValue();
                return;
            case string text:
                writer.WriteStringValue(text);
                return;
            case char character:
                writer.WriteStringValue(character.ToString());
                return;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return;
            case SwitchParameter flag:
                writer.WriteBooleanValue(flag.IsPresent);
                return;
            case SecureString secret:
                writer.WriteStringValue(new NetworkCredential(string.Empty, secret).Password);
                return;
            case PSCredential:
                throw Unsupported(path, "a PSCredential, whose user name and password have no single JSON form. Put its parts in the body by name, for example @{ user = $cred.UserName; password = $cred.Password }");
            case byte or sbyte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(plain, CultureInfo.InvariantCulture));
                return;
            case ulong whole:
                writer.WriteNumberValue(whole);
                return;
            case decimal number:
                writer.WriteNumberValue(number);
                return;
            case double number:
                WriteFinite(writer, number, path);
                return;
            case float number:
                WriteFinite(writer, number, path);
                return;
            case BigInteger big:
                writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
                return;
            case Enum named:
                writer.WriteStringValue(named.ToString());
                return;
            case DateTime time:
                writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture));
                return;
            case DateTimeOffset time:
                writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture));
                return;
            case Guid or Uri or TimeSpan or Version:
                writer.WriteStringValue(Convert.ToString(plain, CultureInfo.InvariantCulture));
                return;
            case ScriptBlock:
                throw Unsupported(path, "a script block. Run it first and put its result in the body");
        }

        if (depth >= MaximumDepth)
        {
            throw Invalid($"-Body is nested more than {MaximumDepth} levels deep at {path}: it probably refers to itself. Build the body from hashtables, lists and plain values.");
        }

        switch (plain)
        {
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    var name = Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? string.Empty;
                    writer.WritePropertyName(name);
                    WriteValue(writer, entry.Value, path + "." + name, depth + 1);
                }

                writer.WriteEndObject();
                return;
            case IEnumerable list:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in list)
                {
                    WriteValue(writer, item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", depth + 1);
                    index++;
                }

                writer.WriteEndArray();
                return;
            default:
                WriteProperties(writer, PSObject.AsPSObject(value), path, depth);
                return;
        }
    }

    /// <summary>A PSCustomObject or any other object: its readable properties, in the order PowerShell lists them.</summary>
    private static void WriteProperties(Utf8JsonWriter writer, PSObject value, string path, int depth)
    {
        writer.WriteStartObject();
        foreach (var property in value.Properties)
        {
            if (!property.IsGettable || property.MemberType is not (PSMemberTypes.NoteProperty or PSMemberTypes.Property or PSMemberTypes.AliasProperty))
            {
                continue;
            }

            object? propertyValue;
            try
            {
                propertyValue = property.Value;
            }
            catch (GetValueException)
            {
                // A property that throws when read (as some .NET types do) has no value to send.
                continue;
            }

            writer.WritePropertyName(property.Name);
            WriteValue(writer, propertyValue, path + "." + property.Name, depth + 1);
        }

        writer.WriteEndObject();
    }

    private static void WriteFinite(Utf8JsonWriter writer, double number, string path)
    {
        if (double.IsNaN(number) || double.IsInfinity(number))
        {
            throw Unsupported(path, $"the number {number.ToString(CultureInfo.InvariantCulture)}, which JSON cannot hold");
        }

        writer.WriteNumberValue(number);
    }

    private static object? Unwrap(object? value) =>
        value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;

    private static SdeApiException Unsupported(string path, string what) =>
        Invalid($"-Body holds {what} at {path}.");

    private static SdeApiException Invalid(string message) =>
        new(message, SdeErrorIds.RestArgumentInvalid, ErrorCategory.InvalidArgument, "Body");
}
