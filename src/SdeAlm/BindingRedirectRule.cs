using System;
using System.Reflection;

namespace SdeAlm;

/// <summary>
/// When a request for one of our private copies may be answered with that copy although the versions differ:
/// the rule a binding redirect to our copy would apply. Windows PowerShell cannot give a module binding
/// redirects, so the resolver applies this rule itself where .NET Framework does not say who is asking.
/// </summary>
internal static class BindingRedirectRule
{
    /// <summary>
    /// True when <paramref name="requested"/> names <paramref name="ours"/> (same simple name and culture),
    /// comes from the same publisher (same public key token, which a request must carry) and asks for a
    /// version no higher than ours. A partial name, another publisher's assembly or a newer version than
    /// ours is not ours to answer.
    /// </summary>
    public static bool Allows(AssemblyName requested, AssemblyName ours) =>
        string.Equals(requested.Name, ours.Name, StringComparison.OrdinalIgnoreCase)
        && string.Equals(CultureOf(requested), CultureOf(ours), StringComparison.OrdinalIgnoreCase)
        && requested.Version is not null
        && ours.Version is not null
        && requested.Version <= ours.Version
        && SameToken(requested.GetPublicKeyToken(), ours.GetPublicKeyToken());

    /// <summary>"" for the neutral culture, however the name spelled it ("neutral", empty or absent).</summary>
    private static string CultureOf(AssemblyName name) =>
        name.CultureName is null or "neutral" ? string.Empty : name.CultureName;

    private static bool SameToken(byte[]? requested, byte[]? ours) =>
        requested is { Length: > 0 } && ours is { Length: > 0 } && requested.AsSpan().SequenceEqual(ours);
}
