using System;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using SdeAlm.Json;

namespace SdeAlm.Api;

/// <summary>Turns an HTTP failure status into an error a PowerShell user can act on.</summary>
internal static class HttpErrors
{
    private const int MaximumErrorBodyBytes = 64 * 1024;

    /// <summary>
    /// The error for a failure status. The body is read for the server's own words only while
    /// <paramref name="readToken"/> allows: a server that stalls mid-body gets the status alone.
    /// </summary>
    public static SdeApiException FromResponse(HttpResponseMessage response, Uri uri, Uri baseUri, int retries, CancellationToken readToken)
    {
        var status = (int)response.StatusCode;
        var said = ServerText(response, readToken);
        var reason = $"{status} {response.ReasonPhrase}".TrimEnd();
        var detail = said is null ? string.Empty : $" The server said: {said}";
        var afterRetries = retries > 0 ? $" after {retries} retries" : string.Empty;

        return status switch
        {
            401 => new SdeApiException(
                $"SD Elements at {baseUri} rejected the API token ({reason}).{detail} Create a new API token in SD Elements and run Connect-Sde again.",
                SdeErrorIds.AuthenticationFailed,
                ErrorCategory.AuthenticationError,
                uri,
                status),
            407 => new SdeApiException(
                $"The proxy refused the request to {uri} ({reason}). Pass -ProxyCredential to Connect-Sde.",
                SdeErrorIds.AuthenticationFailed,
                ErrorCategory.AuthenticationError,
                uri,
                status),
            403 => new SdeApiException(
                $"The API token's user may not read {uri} ({reason}).{detail} Ask an SD Elements administrator for access to the ALM plugin catalog.",
                SdeErrorIds.PermissionDenied,
                ErrorCategory.PermissionDenied,
                uri,
                status),
            404 => new SdeApiException(
                $"{uri} was not found ({reason}).{detail} Check that -Server includes the right context root.",
                SdeErrorIds.NotFound,
                ErrorCategory.ObjectNotFound,
                uri,
                status),
            429 => new SdeApiException(
                $"SD Elements kept throttling GET {uri} ({reason}){afterRetries}.{detail} Wait a while or raise -MaximumRetryCount on Connect-Sde.",
                SdeErrorIds.Throttled,
                ErrorCategory.LimitsExceeded,
                uri,
                status),
            >= 500 => new SdeApiException(
                $"SD Elements failed to answer GET {uri} ({reason}){afterRetries}.{detail} The server may be restarting or overloaded; try again later.",
                SdeErrorIds.ServerError,
                ErrorCategory.ResourceUnavailable,
                uri,
                status),
            400 => new SdeApiException(
                $"SD Elements refused GET {uri} as a bad request ({reason}).{detail}",
                SdeErrorIds.BadRequest,
                ErrorCategory.InvalidArgument,
                uri,
                status),
            _ => new SdeApiException(
                $"SD Elements answered GET {uri} with {reason}.{detail}",
                SdeErrorIds.RequestFailed,
                ErrorCategory.ProtocolError,
                uri,
                status),
        };
    }

    /// <summary>The detail, error or message text of a JSON failure body, if there is one.</summary>
    private static string? ServerText(HttpResponseMessage response, CancellationToken readToken)
    {
        try
        {
            // Error bodies are small: read at most 64 KiB, and only as long as the call's budget lasts.
            using var body = response.Content.ReadAsStreamAsync().GetAwaiter().GetResult();
            var buffer = new byte[MaximumErrorBodyBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = body.ReadAsync(buffer, length, buffer.Length - length, readToken).GetAwaiter().GetResult()) > 0)
            {
                length += read;
            }

            var parsed = JsonSerializer.Deserialize(new ReadOnlySpan<byte>(buffer, 0, length), SdeJsonContext.Default.SdeErrorBody);
            var text = Flatten(parsed?.Detail) ?? Flatten(parsed?.Error) ?? Flatten(parsed?.Message);
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }
        catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException or InvalidOperationException or DecoderFallbackException or ArgumentException or InvalidDataException or OperationCanceledException)
        {
            // Not JSON, corrupt compression, a broken connection or a stalled body (the call's time is up,
            // or the user stopped it; the caller checks which): the status alone still tells the story.
            return null;
        }
    }

    private static string? Flatten(object? value) => value switch
    {
        null => null,
        object[] items => string.Join(" ", Array.ConvertAll(items, item => item?.ToString())),
        _ => value.ToString(),
    };
}
