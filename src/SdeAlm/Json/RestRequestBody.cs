using System.IO;
using System.Text;
using System.Text.Json;
using SdeAlm.Errors;

namespace SdeAlm.Json;

/// <summary>
/// The body of an Invoke-SdeRestMethod write: a string goes as it is, anything else as JSON written by
/// <see cref="JsonValueWriter"/>. A SecureString is sent as its text: the user put it in the body for
/// the server to read, and the body goes only to the server connection's own origin.
/// </summary>
internal static class RestRequestBody
{
    /// <summary>The UTF-8 bytes to send for <paramref name="body"/>.</summary>
    public static byte[] ToBytes(object body)
    {
        if (JsonValueWriter.Unwrap(body) is string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonValueWriter.Options))
        {
            new JsonValueWriter("-Body", SdeErrorIds.RestArgumentInvalid).Write(writer, body, "$");
        }

        return buffer.ToArray();
    }
}
