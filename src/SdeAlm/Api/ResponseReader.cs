using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using System.Threading;
using SdeAlm.Errors;
using SdeAlm.Json;

namespace SdeAlm.Api;

/// <summary>
/// Reads a successful answer into objects: JSON by Content-Type, at most <see cref="MaximumBytes"/>,
/// well-formed, at most <see cref="MaximumValues"/> values, then deserialized. Every problem becomes an
/// error that says what is wrong and where, without .NET type names.
/// </summary>
internal static class ResponseReader
{
    /// <summary>The largest answer we read; the whole catalog of a big server is a few MB.</summary>
    internal const long MaximumBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The most JSON values (objects, arrays, strings, numbers, literals) an answer may hold. The byte cap
    /// alone does not bound memory: 64 MiB of <c>{},{},…</c> would become twenty million objects. A real
    /// plugin is a few hundred values; this allows several thousand plugins.
    /// </summary>
    internal const int MaximumValues = 2_000_000;

    /// <summary>
    /// The size from which an answer may hold more than <see cref="MaximumValues"/> values. A value takes
    /// at least one byte and every value but the first a separator or bracket more, so n values need at
    /// least 2n - 1 bytes: anything shorter than this fits, and the extra pass that counts is skipped
    /// (it took 2.3 ms of Get-SdeAlmPlugin's 17 for 400 plugins).
    /// </summary>
    internal const int SmallestBodyOverValueLimit = (2 * MaximumValues) + 1;

    private const int MaximumDepth = 64;

    /// <summary>What the serializer's type names mean to a user; keyed by type so a rename cannot break a message.</summary>
    private static readonly Dictionary<string, string> s_typeNames = new(StringComparer.Ordinal)
    {
        [typeof(string).ToString()] = "text",
        [typeof(int).ToString()] = "a whole number",
        [typeof(int?).ToString()] = "a whole number",
        [typeof(bool).ToString()] = "true or false",
        [typeof(PageWire<AlmPluginWire>).ToString()] = "a plugin list",
        [typeof(SdeUserWire).ToString()] = "a user",
        [typeof(AlmPluginWire).ToString()] = "a plugin",
        [typeof(AlmPluginSectionWire).ToString()] = "a section",
        [typeof(AlmPluginFieldWire).ToString()] = "a field",
        [typeof(AlmPluginFieldOptionWire).ToString()] = "an option",
        [typeof(PageWire<AlmConnectorWire>).ToString()] = "a connector list",
        [typeof(AlmConnectorWire).ToString()] = "a connector",
        [typeof(PageWire<AlmConnectionWire>).ToString()] = "an ALM connection list",
        [typeof(AlmConnectionWire).ToString()] = "an ALM connection",
        [typeof(AlmSystemWire).ToString()] = "a plugin reference",
        [typeof(PageWire<AlmJobWire>).ToString()] = "a job list",
        [typeof(AlmJobWire).ToString()] = "a job",
    };

    /// <summary>How the serializer names a <see cref="List{T}"/> of any item type.</summary>
    private static readonly string ListTypePrefix = typeof(List<>).FullName + "[";

    private static readonly Regex s_convertedTo = new(@"converted to (?<type>\S+?)\.?$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The answer's JSON as <typeparamref name="T"/>. Stops when <paramref name="readToken"/> fires
    /// (the caller tells a timeout from Ctrl+C); <paramref name="bytes"/> is the size read, for -Verbose.
    /// A connection that breaks off mid-body throws its IOException or HttpRequestException as it is:
    /// whether to ask again is the caller's decision.
    /// </summary>
    public static T Read<T>(HttpResponseMessage response, Uri uri, JsonTypeInfo<T> typeInfo, CancellationToken readToken, out long bytes)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!IsJson(mediaType))
        {
            throw new SdeApiException(
                $"Expected a JSON answer from {uri} but the server sent Content-Type '{mediaType ?? "(none)"}'. This is usually a sign-in page from a proxy or single sign-on gateway in front of SD Elements, or a -Server that points at another site.",
                SdeErrorIds.UnexpectedContentType,
                ErrorCategory.InvalidData,
                uri,
                (int)response.StatusCode);
        }

        var (buffer, length) = ReadBody(response, uri, readToken);
        try
        {
            bytes = length;
            return Parse(new ReadOnlySpan<byte>(buffer, 0, length), uri, typeInfo);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Checks the answer's syntax and size in values, then builds the objects from it.</summary>
    public static T Parse<T>(ReadOnlySpan<byte> body, Uri uri, JsonTypeInfo<T> typeInfo)
    {
        if (body.IsEmpty)
        {
            throw InvalidJson(uri, "the answer is empty", null);
        }

        try
        {
            var json = WithoutByteOrderMark(body);
            if (json.Length >= SmallestBodyOverValueLimit && !FitsIn(json, MaximumValues))
            {
                throw new SdeApiException(
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "The answer from {0} holds more than {1:N0} JSON values, the most SdeAlm reads. The server may be misconfigured or not an SD Elements server.",
                        uri,
                        MaximumValues),
                    SdeErrorIds.ResponseTooLarge,
                    ErrorCategory.LimitsExceeded,
                    uri);
            }

            var result = JsonSerializer.Deserialize(json, typeInfo);
            return result is null ? throw InvalidJson(uri, "the answer is the JSON literal null", null) : result;
        }
        catch (JsonException ex)
        {
            throw InvalidJson(uri, Describe(ex), ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or DecoderFallbackException or ArgumentException or FormatException or OverflowException)
        {
            // Utf8JsonReader reports invalid UTF-8 and out-of-range numbers with these.
            throw InvalidJson(uri, ex.Message, ex);
        }
    }

    /// <summary>The answer without a UTF-8 byte order mark, which JSON readers of spans do not skip.</summary>
    public static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> json) =>
        json.Length >= 3 && json[0] == 0xEF && json[1] == 0xBB && json[2] == 0xBF ? json.Slice(3) : json;

    /// <summary>
    /// True when the answer holds at most <paramref name="maximumValues"/> values (objects, arrays,
    /// strings, numbers, literals). Throws <see cref="JsonException"/> for malformed or too deeply nested JSON.
    /// </summary>
    public static bool FitsIn(ReadOnlySpan<byte> json, int maximumValues)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaximumDepth });
        var values = 0;
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.Comment)
                && ++values > maximumValues)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// What is wrong and where, without the serializer's .NET type names:
    /// "the JSON value could not be converted to text at $.results[0].name (line 1, byte 78)".
    /// </summary>
    public static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        var what = (cut < 0 ? message : message.Substring(0, cut)).Trim().TrimEnd('.');
        what = s_convertedTo.Replace(what, match => "converted to " + FriendlyName(match.Groups["type"].Value));
        if (what.Length > 0)
        {
            what = char.ToLowerInvariant(what[0]) + what.Substring(1);
        }

        var where = ex.Path is null or "$" ? string.Empty : " at " + ex.Path;
        var position = ex.BytePositionInLine is { } column ? $" (line {ex.LineNumber + 1}, byte {column + 1})" : string.Empty;
        return what + where + position;
    }

    /// <summary>
    /// Makes <paramref name="readToken"/> end a read that does not look at it. On .NET Framework a
    /// network stream checks its token only when a read starts, so a body that stalls in the middle
    /// would outlast -TimeoutSec and Ctrl+C; disposing the stream and the response under the read ends
    /// it with an exception, which <see cref="Stopped"/> turns into the cancellation it is.
    /// </summary>
    internal static CancellationTokenRegistration AbortOnCancel(HttpResponseMessage response, Stream body, CancellationToken readToken) =>
        readToken.Register(
            static state =>
            {
                var (response, body) = ((HttpResponseMessage, Stream))state!;
                body.Dispose();
                response.Dispose();
            },
            (response, body));

    /// <summary>
    /// What a read stopped by <see cref="AbortOnCancel"/> threw (ObjectDisposedException, IOException,
    /// or anything a runtime makes of a stream closed under it), as the cancellation it is.
    /// </summary>
    internal static OperationCanceledException Stopped(Exception failure, CancellationToken readToken) =>
        new("The read of the answer was stopped.", failure, readToken);

    /// <summary>
    /// Reads the whole body into memory, at most <see cref="MaximumBytes"/> after decompression, until
    /// <paramref name="readToken"/> fires.
    /// </summary>
    private static (byte[] Buffer, int Length) ReadBody(HttpResponseMessage response, Uri uri, CancellationToken readToken)
    {
        // A buffer from the shared pool, sized from Content-Length when the server sends one: a catalog
        // of a few MiB would otherwise land on the large object heap at every call and cost a full
        // collection (measured: Get-SdeAlmPlugin of 400 plugins took twice as long without the pool).
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(InitialCapacity(response.Content.Headers.ContentLength) + 1, 16 * 1024));
        var length = 0;
        try
        {
            using var body = new LimitedReadStream(response.Content.ReadAsStreamAsync().GetAwaiter().GetResult(), MaximumBytes, uri);
            using var abort = AbortOnCancel(response, body, readToken);
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, length);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = body.ReadAsync(buffer, length, buffer.Length - length, readToken).GetAwaiter().GetResult();
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
            }
        }
        catch (Exception ex) when (readToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw Stopped(ex, readToken);
        }
        catch (InvalidDataException ex)
        {
            ArrayPool<byte>.Shared.Return(buffer);

            // A Content-Encoding (gzip, deflate) whose data does not decompress.
            throw InvalidJson(uri, $"its compressed body is corrupt ({ex.Message})", ex);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static int InitialCapacity(long? contentLength) =>
        contentLength is > 0 and <= MaximumBytes ? (int)contentLength.Value : 0;

    private static bool IsJson(string? mediaType) =>
        mediaType is not null
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static SdeApiException InvalidJson(Uri uri, string reason, Exception? inner) =>
        new(
            $"The answer from {uri} is not what SD Elements sends: {reason}. Check that -Server points at SD Elements.",
            SdeErrorIds.InvalidJson,
            ErrorCategory.InvalidData,
            uri,
            null,
            inner);

    private static string FriendlyName(string type)
    {
        if (s_typeNames.TryGetValue(type, out var name))
        {
            return name;
        }

        if (type.EndsWith("[]", StringComparison.Ordinal) || type.StartsWith(ListTypePrefix, StringComparison.Ordinal))
        {
            return "a list";
        }

        var dot = type.LastIndexOf('.');
        return dot < 0 ? type : type.Substring(dot + 1);
    }
}
