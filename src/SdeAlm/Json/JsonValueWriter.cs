using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Net;
using System.Numerics;
using System.Security;
using System.Text.Json;
using SdeAlm.Errors;

namespace SdeAlm.Json;

/// <summary>
/// The one writer of PowerShell and .NET values as JSON, for every request body: dictionaries and
/// objects as JSON objects (in their own order), lists as arrays, numbers, Booleans, dates in ISO 8601.
/// A SecureString is written as its text, since the body goes to the server and nowhere else, and each
/// one revealed is reported to the caller so that no message about the request can echo it. What JSON
/// cannot hold (NaN, a script block, a PSCredential, a loop) is an error naming where it is, never its value.
/// </summary>
internal sealed class JsonValueWriter
{
    /// <summary>Deeper than any SD Elements request; a value this deep is a reference loop.</summary>
    internal const int MaximumDepth = 64;

    /// <summary>Options for a writer of request bodies: deep enough for a value at <see cref="MaximumDepth"/> inside an envelope.</summary>
    internal static readonly JsonWriterOptions Options = new() { MaxDepth = MaximumDepth + 4 };

    private readonly string _parameter;
    private readonly string _errorId;
    private readonly Action<string>? _revealed;

    /// <param name="parameter">The parameter the value came from, as errors name it: "-Body", "-Setting".</param>
    /// <param name="errorId">The ErrorId of a value JSON cannot hold.</param>
    /// <param name="revealed">Told the text of every SecureString written.</param>
    public JsonValueWriter(string parameter, string errorId, Action<string>? revealed = null)
    {
        _parameter = parameter;
        _errorId = errorId;
        _revealed = revealed;
    }

    /// <summary>Writes <paramref name="value"/>; <paramref name="path"/> says where it is, as in <c>$.params.alm_server</c>.</summary>
    public void Write(Utf8JsonWriter writer, object? value, string path) => Write(writer, value, path, 0);

    /// <summary>The object behind a PowerShell wrapper; a PSCustomObject stays wrapped, since its properties live there.</summary>
    public static object? Unwrap(object? value) =>
        value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;

    private void Write(Utf8JsonWriter writer, object? value, string path, int depth)
    {
        var plain = Unwrap(value);
        if (TryWriteScalar(writer, plain, path))
        {
            return;
        }

        if (depth >= MaximumDepth)
        {
            throw Invalid($"{_parameter} is nested more than {MaximumDepth} levels deep at {path}: it probably refers to itself. Build it from hashtables, lists and plain values.");
        }

        switch (plain)
        {
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    var name = Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? string.Empty;
                    writer.WritePropertyName(name);
                    Write(writer, entry.Value, path + "." + name, depth + 1);
                }

                writer.WriteEndObject();
                return;
            case IEnumerable list:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in list)
                {
                    Write(writer, item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", depth + 1);
                    index++;
                }

                writer.WriteEndArray();
                return;
            default:
                WriteProperties(writer, PSObject.AsPSObject(value!), path, depth);
                return;
        }
    }

    /// <summary>Writes a value that is not a container; false for dictionaries, lists and other objects.</summary>
    private bool TryWriteScalar(Utf8JsonWriter writer, object? plain, string path)
    {
        switch (plain)
        {
            case null:
            case DBNull:
                writer.WriteNullValue();
                return true;
            case string text:
                writer.WriteStringValue(text);
                return true;
            case char character:
                writer.WriteStringValue(character.ToString());
                return true;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return true;
            case SwitchParameter flag:
                writer.WriteBooleanValue(flag.IsPresent);
                return true;
            case SecureString secret:
                var secretText = new NetworkCredential(string.Empty, secret).Password;
                _revealed?.Invoke(secretText);
                writer.WriteStringValue(secretText);
                return true;
            case PSCredential:
                throw Invalid($"{_parameter} holds a PSCredential at {path}, whose user name and password have no single JSON form. Put its parts in by name, for example @{{ user = $cred.UserName; password = $cred.Password }}.");
            case ScriptBlock:
                throw Invalid($"{_parameter} holds a script block at {path}. Run it first and put its result in.");
            case byte or sbyte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(plain, CultureInfo.InvariantCulture));
                return true;
            case ulong whole:
                writer.WriteNumberValue(whole);
                return true;
            case decimal number:
                writer.WriteNumberValue(number);
                return true;
            case double or float:
                var real = Convert.ToDouble(plain, CultureInfo.InvariantCulture);
                if (double.IsNaN(real) || double.IsInfinity(real))
                {
                    throw Invalid($"{_parameter} holds the number {real.ToString(CultureInfo.InvariantCulture)} at {path}, which JSON cannot hold.");
                }

                writer.WriteNumberValue(real);
                return true;
            case BigInteger big:
                writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
                return true;
            case Enum named:
                writer.WriteStringValue(named.ToString());
                return true;
            case DateTime time:
                writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture));
                return true;
            case DateTimeOffset time:
                writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture));
                return true;
            case Guid or Uri or TimeSpan or Version:
                writer.WriteStringValue(Convert.ToString(plain, CultureInfo.InvariantCulture));
                return true;
            default:
                return false;
        }
    }

    /// <summary>A PSCustomObject or any other object: its readable properties, in the order PowerShell lists them.</summary>
    private void WriteProperties(Utf8JsonWriter writer, PSObject value, string path, int depth)
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
            Write(writer, propertyValue, path + "." + property.Name, depth + 1);
        }

        writer.WriteEndObject();
    }

    private SdeApiException Invalid(string message) =>
        new(message, _errorId, ErrorCategory.InvalidArgument, _parameter.TrimStart('-'));
}
