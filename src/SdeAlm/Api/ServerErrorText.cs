using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace SdeAlm.Api;

/// <summary>
/// The server's own words in a failure body, one line per problem. SD Elements (Django REST framework)
/// sends <c>{"detail": "..."}</c>, or field errors such as
/// <c>{"params": {"alm_server": ["This field is required."]}}</c>, which read as
/// <c>params.alm_server: This field is required.</c>; proxies send <c>error</c> or <c>message</c>.
/// </summary>
internal static class ServerErrorText
{
    private const int MaximumBodyBytes = 64 * 1024;
    private const int MaximumMessages = 50;

    /// <summary>Keys whose text is about the whole request rather than one field.</summary>
    private static readonly HashSet<string> s_generalKeys = new(StringComparer.Ordinal) { "detail", "non_field_errors", "error", "message" };

    /// <summary>
    /// Reads at most 64 KiB of a JSON failure body, only while <paramref name="readToken"/> allows; an
    /// empty list when the body is not JSON, is cut off or stalls (the status alone still tells the story).
    /// </summary>
    public static IReadOnlyList<string> Read(HttpResponseMessage response, CancellationToken readToken)
    {
        try
        {
            using var body = response.Content.ReadAsStreamAsync().GetAwaiter().GetResult();
            using var abort = ResponseReader.AbortOnCancel(response, body, readToken);
            var buffer = new byte[MaximumBodyBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = body.ReadAsync(buffer, length, buffer.Length - length, readToken).GetAwaiter().GetResult()) > 0)
            {
                length += read;
            }

            return Flatten(new ReadOnlyMemory<byte>(buffer, 0, length));
        }
        catch (Exception ex) when (readToken.IsCancellationRequested || ex is IOException or HttpRequestException or InvalidOperationException or InvalidDataException or OperationCanceledException)
        {
            // A broken connection, corrupt compression or a stalled body (the call's time is up, or the
            // user stopped it, and whatever the stream disposed under the read threw; the caller checks which).
            return [];
        }
    }

    /// <summary>The messages of a JSON error body, field errors prefixed with their path.</summary>
    public static IReadOnlyList<string> Flatten(ReadOnlyMemory<byte> json)
    {
        var messages = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            Collect(document.RootElement, null, messages);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or DecoderFallbackException)
        {
            // Not JSON (an HTML error page, say): no words of the server to quote.
            return [];
        }

        return messages;
    }

    private static void Collect(JsonElement value, string? path, List<string> messages)
    {
        if (messages.Count >= MaximumMessages)
        {
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    var general = path is null && s_generalKeys.Contains(property.Name);
                    Collect(property.Value, general ? null : Join(path, property.Name), messages);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    // A list of messages belongs to the field; a list of objects (errors per item) gets an index.
                    var itemPath = item.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? $"{path}[{index}]" : path;
                    Collect(item, itemPath, messages);
                    index++;
                }

                break;
            case JsonValueKind.String:
                Add(value.GetString(), path, messages);
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                Add(value.GetRawText(), path, messages);
                break;
        }
    }

    private static void Add(string? text, string? path, List<string> messages)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            messages.Add(path is null ? text!.Trim() : $"{path}: {text!.Trim()}");
        }
    }

    private static string Join(string? path, string name) => path is null ? name : $"{path}.{name}";
}
