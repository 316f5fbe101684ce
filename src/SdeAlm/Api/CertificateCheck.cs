using System.Collections.Generic;
using System.Net.Http;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;

namespace SdeAlm.Api;

/// <summary>
/// The platform's own certificate validation, unchanged, plus a note of why it refused a certificate,
/// so that every runtime (Windows PowerShell says only "invalid according to the validation
/// procedure") can tell the user what is wrong with it.
/// </summary>
internal sealed class CertificateCheck
{
    // Kept per request, not per connection: an earlier refusal must not explain a later handshake
    // failure, and requests of one connection may run in parallel. Weak keys: a request that is done
    // takes its note with it.
    private readonly ConditionalWeakTable<HttpRequestMessage, StrongBox<string?>> _problems = new();

    /// <summary>Why the handshake made for <paramref name="request"/> refused the server's certificate, in words; null if it refused none.</summary>
    public string? ProblemOf(HttpRequestMessage request) =>
        _problems.TryGetValue(request, out var problem) ? problem.Value : null;

    public bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        _problems.GetValue(request, _ => new StrongBox<string?>()).Value = Describe(request.RequestUri?.Host, certificate, chain, errors);
        return false;
    }

    internal static string Describe(string? host, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var problems = new List<string>();
        if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            problems.Add("the server sent no certificate (RemoteCertificateNotAvailable)");
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            problems.Add($"the certificate is not issued for '{host}' (RemoteCertificateNameMismatch)");
        }

        if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            var statuses = new List<string>();
            foreach (var status in chain?.ChainStatus ?? [])
            {
                if (status.Status != X509ChainStatusFlags.NoError && !statuses.Contains(status.Status.ToString()))
                {
                    statuses.Add(status.Status.ToString());
                }
            }

            problems.Add(statuses.Count == 0
                ? "its chain of trust could not be verified (RemoteCertificateChainErrors)"
                : string.Join("; ", statuses.ConvertAll(Explain)));
        }

        var subject = certificate?.Subject is { Length: > 0 } name ? $"The certificate '{name}' was refused: " : "The server's certificate was refused: ";
        return subject + string.Join("; ", problems) + ".";
    }

    private static string Explain(string status) => status switch
    {
        nameof(X509ChainStatusFlags.UntrustedRoot) => "it is self-signed or issued by an authority this computer does not trust (UntrustedRoot)",
        nameof(X509ChainStatusFlags.PartialChain) => "the certificate of its issuer is missing (PartialChain)",
        nameof(X509ChainStatusFlags.NotTimeValid) => "it has expired or is not valid yet (NotTimeValid)",
        nameof(X509ChainStatusFlags.Revoked) => "it has been revoked (Revoked)",
        nameof(X509ChainStatusFlags.NotSignatureValid) => "its signature is invalid (NotSignatureValid)",
        _ => $"its chain of trust is invalid ({status})",
    };
}
