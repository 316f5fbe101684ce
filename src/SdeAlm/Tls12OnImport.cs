using System;
using System.Management.Automation;
using System.Net;
using System.Runtime.InteropServices;
using SdeAlm.Api;

namespace SdeAlm;

/// <summary>
/// On import into Windows PowerShell 5.1, which may start with TLS 1.0 only, allows TLS 1.2 for the
/// process's requests (see <see cref="TlsProtocols.WithTls12"/>). PowerShell 7 negotiates TLS itself.
/// </summary>
public sealed class Tls12OnImport : IModuleAssemblyInitializer
{
    /// <inheritdoc/>
    public void OnImport()
    {
        if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
        {
            ServicePointManager.SecurityProtocol = TlsProtocols.WithTls12(ServicePointManager.SecurityProtocol);
        }
    }
}
