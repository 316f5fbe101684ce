using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using SdeAlm.Errors;

namespace SdeAlm.Api;

/// <summary>Turns an HTTP failure into an error a PowerShell user can act on.</summary>
internal static class HttpErrors
{
    /// <summary>
    /// The error for a failure status. The body is read for the server's own words only while
    /// <paramref name="readToken"/> allows: a server that stalls mid-body gets the status alone.
    /// A write answered 500, 502 or 504 may have been carried out before the failure, and says so.
    /// <paramref name="notRetried"/> says why a failure that could have been retried was not (its wait
    /// did not fit in -TimeoutSec), in place of the usual advice.
    /// </summary>
    public static SdeApiException FromResponse(
        HttpResponseMessage response,
        HttpMethod method,
        Uri uri,
        Uri baseUri,
        int retries,
        RetryRule rule,
        RequestContext context,
        CancellationToken readToken,
        string? notRetried = null)
    {
        var status = (int)response.StatusCode;
        var said = ServerErrorText.Read(response, readToken);
        var error = FromStatus(status, response.ReasonPhrase, said, method, uri, baseUri, retries, context, notRetried);
        return rule == RetryRule.Write && status is 500 or 502 or 504 ? WriteOutcomeUnknown(method, error, context) : error;
    }

    /// <summary>
    /// The error for a write that failed where the server may already have acted (the connection broke,
    /// the time ran out, a gateway failed): it may or may not have happened, so the user reads before
    /// repeating it.
    /// </summary>
    public static SdeApiException WriteOutcomeUnknown(HttpMethod method, SdeApiException cause, RequestContext context)
    {
        var category = cause.Category switch
        {
            ErrorCategory.OperationTimeout => ErrorCategory.OperationTimeout,
            _ when cause.StatusCode is null => ErrorCategory.ConnectionError,
            _ => ErrorCategory.ResourceUnavailable,
        };
        var check = context.WriteCheckHint is { } hint ? " " + hint : string.Empty;
        return new SdeApiException(
            $"{cause.Message} The {method} may or may not have made its change on the server: look before you run it again, so that it is not made twice.{check}",
            SdeErrorIds.WriteOutcomeUnknown,
            category,
            cause.TargetObject,
            cause.StatusCode,
            cause,
            cause.ServerMessages);
    }

    private static SdeApiException FromStatus(
        int status,
        string? reasonPhrase,
        IReadOnlyList<string> said,
        HttpMethod method,
        Uri uri,
        Uri baseUri,
        int retries,
        RequestContext context,
        string? notRetried)
    {
        var reason = $"{status} {reasonPhrase}".TrimEnd();
        var detail = said.Count == 0 ? string.Empty : " The server said: " + string.Join(" ", said.Select(AsSentence));
        var afterRetries = retries > 0 ? $" after {retries} retries" : string.Empty;
        var request = $"{method} {uri}";

        return status switch
        {
            401 => Error(
                $"SD Elements at {baseUri} rejected the API token ({reason}).{detail} Create a new API token in SD Elements and run Connect-Sde again.",
                SdeErrorIds.AuthenticationFailed,
                ErrorCategory.AuthenticationError),
            407 => Error(
                $"The proxy refused the request to {uri} ({reason}). Pass -ProxyCredential to Connect-Sde.",
                SdeErrorIds.AuthenticationFailed,
                ErrorCategory.AuthenticationError),
            403 => Error(
                $"The API token's user may not {(method == HttpMethod.Get ? "read" : "send " + method + " to")} {uri} ({reason}).{detail}{(context.PermissionHint is { } hint ? " " + hint : string.Empty)} Ask an SD Elements administrator for access.",
                SdeErrorIds.PermissionDenied,
                ErrorCategory.PermissionDenied),
            404 => Error(
                $"{uri} was not found ({reason}).{detail} Check that -Server includes the right context root.",
                SdeErrorIds.NotFound,
                ErrorCategory.ObjectNotFound),
            429 => Error(
                $"SD Elements kept throttling {request} ({reason}){afterRetries}.{detail} {notRetried ?? "Wait a while or raise -MaximumRetryCount on Connect-Sde."}",
                SdeErrorIds.Throttled,
                ErrorCategory.LimitsExceeded),
            >= 500 => Error(
                $"SD Elements failed to answer {request} ({reason}){afterRetries}.{detail} {notRetried ?? "The server may be restarting or overloaded; try again later."}",
                SdeErrorIds.ServerError,
                ErrorCategory.ResourceUnavailable),
            400 => Error(
                $"SD Elements refused {request} as a bad request ({reason}).{detail}",
                SdeErrorIds.BadRequest,
                ErrorCategory.InvalidArgument),
            _ => Error(
                $"SD Elements answered {request} with {reason}.{detail}",
                SdeErrorIds.RequestFailed,
                ErrorCategory.ProtocolError),
        };

        SdeApiException Error(string message, string errorId, ErrorCategory category) =>
            new(message, errorId, category, uri, status, null, said);
    }

    /// <summary>Messages follow each other in one line, so each ends like a sentence.</summary>
    private static string AsSentence(string message) =>
        message.EndsWith(".", StringComparison.Ordinal) || message.EndsWith("!", StringComparison.Ordinal) || message.EndsWith("?", StringComparison.Ordinal)
            ? message
            : message + ".";
}
