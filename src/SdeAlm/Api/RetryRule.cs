namespace SdeAlm.Api;

/// <summary>When a request may be sent again after a failure.</summary>
internal enum RetryRule
{
    /// <summary>
    /// Sending it twice does no harm (GET, or a POST that only tests something): retried after any
    /// transient failure.
    /// </summary>
    Read,

    /// <summary>
    /// It changes something: retried only when the server said it did not act (429, or 503 with
    /// Retry-After), never after a dropped connection, a timeout, 502 or 504.
    /// </summary>
    Write,
}
