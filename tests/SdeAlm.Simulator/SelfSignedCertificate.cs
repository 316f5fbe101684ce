using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SdeAlm.Simulator;

/// <summary>Throwaway TLS certificate for 127.0.0.1/localhost, created in memory at startup.</summary>
internal static class SelfSignedCertificate
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    public static X509Certificate2 Create()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);

        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(
            new X509EnhancedKeyUsageExtension([new Oid(ServerAuthenticationOid)], false));

        // Backdate a little so clock skew between processes cannot make it "not yet valid".
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));

        // The certificate from CreateSelfSigned holds an ephemeral key object that TLS
        // stacks cannot always use for a server; a PFX round trip gives the certificate
        // a key the platform's TLS implementation accepts. Linux keeps it in memory only;
        // Windows (SChannel) and macOS need the platform default key storage.
        byte[] pfx = created.Export(X509ContentType.Pfx);
        X509KeyStorageFlags flags = OperatingSystem.IsLinux()
            ? X509KeyStorageFlags.EphemeralKeySet
            : X509KeyStorageFlags.DefaultKeySet;
        return X509CertificateLoader.LoadPkcs12(pfx, password: null, flags);
    }
}
