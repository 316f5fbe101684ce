using System.Net;

namespace SdeAlm.Api;

/// <summary>The TLS versions Windows PowerShell 5.1 (.NET Framework) may use for our requests.</summary>
internal static class TlsProtocols
{
    /// <summary>
    /// Adds TLS 1.2 to what the process allows, removing nothing. SystemDefault (0) is left alone: there the
    /// operating system chooses, TLS 1.2 and newer included, and naming versions would only narrow its choice.
    /// </summary>
    public static SecurityProtocolType WithTls12(SecurityProtocolType current) =>
        current == 0 ? current : current | SecurityProtocolType.Tls12;
}
