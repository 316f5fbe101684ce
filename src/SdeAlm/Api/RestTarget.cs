using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using System.Text;
using SdeAlm.Errors;

namespace SdeAlm.Api;

/// <summary>
/// Where an Invoke-SdeRestMethod call goes: a path under the server connection's base URL (context
/// root kept, a leading slash allowed) or an absolute URL on the same origin, plus the -Query
/// parameters, URL-encoded. Anything that would carry the token elsewhere is refused before a request.
/// </summary>
internal static class RestTarget
{
    public static Uri Resolve(Uri baseUri, string path, IDictionary? query)
    {
        var text = path.Trim();
        Uri target;
        if (text.IndexOf("://", StringComparison.Ordinal) >= 0)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out target!) || (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp))
            {
                throw Refused(path, baseUri, "it is not an http or https URL");
            }
        }
        else
        {
            // A leading slash means "from the server", which for SD Elements is the context root, not the host's root.
            var relative = text.TrimStart('/');
            if (relative.StartsWith("\\", StringComparison.Ordinal) || !Uri.TryCreate(baseUri, relative, out target!))
            {
                throw Refused(path, baseUri, "it is not a path such as 'api/v2/users/me/'");
            }
        }

        if (!ServerAddress.IsSameOrigin(target, baseUri) || target.UserInfo.Length > 0)
        {
            throw Refused(path, baseUri, $"it leads to {target.GetLeftPart(UriPartial.Authority)}, another scheme, host or port than the server connection's");
        }

        return query is null || query.Count == 0 ? target : WithQuery(target, query);
    }

    /// <summary>Appends <c>key=value</c> pairs, both URL-encoded; a list value repeats the key, a null value sends it empty.</summary>
    private static Uri WithQuery(Uri target, IDictionary query)
    {
        var builder = new UriBuilder(target);
        var text = new StringBuilder(builder.Query.TrimStart('?'));
        foreach (DictionaryEntry entry in query)
        {
            var key = Text(entry.Key, "a key");
            if (Unwrap(entry.Value) is IEnumerable list and not string)
            {
                foreach (var item in list)
                {
                    Append(text, key, Text(item, key));
                }
            }
            else
            {
                Append(text, key, Text(entry.Value, key));
            }
        }

        builder.Query = text.ToString();
        return builder.Uri;
    }

    private static void Append(StringBuilder query, string key, string value)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
    }

    /// <summary>A query value as the text SD Elements' filters read: true/false in lower case, dates in ISO 8601.</summary>
    private static string Text(object? value, string key) =>
        Unwrap(value) switch
        {
            null => string.Empty,
            bool flag => flag ? "true" : "false",
            SwitchParameter flag => flag.IsPresent ? "true" : "false",
            DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
            SecureString => throw new SdeApiException(
                $"-Query value '{key}' is a SecureString. A URL is logged by proxies and servers, so SdeAlm does not put secrets in it; send them in -Body.",
                SdeErrorIds.RestArgumentInvalid,
                ErrorCategory.InvalidArgument,
                key),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString() ?? string.Empty,
        };

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static SdeApiException Refused(string path, Uri baseUri, string reason) =>
        new(
            $"Invoke-SdeRestMethod does not call '{path}': {reason}. It sends the server connection's API token, so it calls only paths under {baseUri} (such as 'api/v2/projects/') or absolute URLs on that origin.",
            SdeErrorIds.RestUrlRefused,
            ErrorCategory.SecurityError,
            path);
}
