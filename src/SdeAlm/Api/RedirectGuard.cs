using System;
using System.Management.Automation;
using System.Net.Http;
using SdeAlm.Errors;

namespace SdeAlm.Api;

/// <summary>
/// Follows one call's redirects by hand: the token may only travel to the origin the user connected
/// to, a loop ends after a few hops, and a write is never silently turned into a GET.
/// </summary>
internal sealed class RedirectGuard
{
    internal const int MaximumRedirects = 5;

    private int _redirects;

    /// <summary>Where to send the request next, or an error saying why SdeAlm does not follow.</summary>
    public Uri Follow(HttpMethod method, Uri from, int status, Uri location)
    {
        var target = location.IsAbsoluteUri ? location : new Uri(from, location);
        if (!ServerAddress.IsSameOrigin(target, from))
        {
            throw new SdeApiException(
                $"The server redirected {method} {from} to {target}, another host or scheme. SdeAlm does not follow it so that the API token is never sent anywhere else. If that address is the real SD Elements server, run Connect-Sde with it.",
                SdeErrorIds.RedirectRefused,
                ErrorCategory.SecurityError,
                target,
                status);
        }

        if (++_redirects > MaximumRedirects)
        {
            throw new SdeApiException(
                $"{method} {from} was redirected more than {MaximumRedirects} times. Check the -Server value.",
                SdeErrorIds.RedirectRefused,
                ErrorCategory.ProtocolError,
                from,
                status);
        }

        if (method != HttpMethod.Get && status == 303)
        {
            // See Other: the server did something and points at the result.
            throw new SdeApiException(
                $"SD Elements answered {method} {from} with 303 See Other, pointing at {target}: the change was probably made, but SdeAlm does not follow the redirect. Read the resource again before you retry.",
                SdeErrorIds.WriteOutcomeUnknown,
                ErrorCategory.ProtocolError,
                from,
                status);
        }

        // 301 and 302 tell a client to repeat a POST as a GET; 307 and 308 keep the method and body.
        if (method != HttpMethod.Get && status is not (307 or 308))
        {
            throw new SdeApiException(
                $"The server redirected {method} {from} to {target} with status {status}, which would drop the change and send a GET instead. SdeAlm does not follow it. Check that -Server is the address SD Elements itself uses (scheme, host and context root).",
                SdeErrorIds.RedirectRefused,
                ErrorCategory.ProtocolError,
                from,
                status);
        }

        return target;
    }
}
