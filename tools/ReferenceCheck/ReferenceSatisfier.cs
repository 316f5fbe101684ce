using System;
using System.Collections.Generic;
using System.Reflection;

namespace SdeAlm.ReferenceCheck;

/// <summary>Where Windows PowerShell 5.1 finds an assembly that one of the module's DLLs refers to.</summary>
internal enum Provider
{
    None,
    NetFramework,
    WindowsPowerShell,
    ShippedExactly,
    ShippedThroughRedirect,
}

/// <summary>The provider of one reference, and the identity it is served with.</summary>
internal sealed record Satisfaction(Provider Provider, AssemblyName? ServedBy);

/// <summary>
/// Decides, as .NET Framework would bind, which provider satisfies a reference: the framework unifies a request
/// for one of its assemblies at that version or lower to its own; Windows PowerShell provides
/// System.Management.Automation; anything else is left to the module's resolver, which serves a shipped copy
/// when the request names it exactly or when <see cref="BindingRedirectRule"/> allows it (the strictest case,
/// when .NET Framework does not say who asks).
/// </summary>
internal sealed class ReferenceSatisfier(
    IReadOnlyDictionary<string, AssemblyName> netFramework,
    IReadOnlyDictionary<string, AssemblyName> windowsPowerShell,
    IReadOnlyDictionary<string, AssemblyName> shipped)
{
    public Satisfaction Satisfy(AssemblyName reference)
    {
        var name = reference.Name ?? string.Empty;
        // Unification of framework assemblies follows the same shape as a binding redirect: same name,
        // culture and publisher, a version no higher than the runtime's.
        if (netFramework.TryGetValue(name, out var framework) && BindingRedirectRule.Allows(reference, framework))
        {
            return new Satisfaction(Provider.NetFramework, framework);
        }

        if (windowsPowerShell.TryGetValue(name, out var powerShell) && BindingRedirectRule.Allows(reference, powerShell))
        {
            return new Satisfaction(Provider.WindowsPowerShell, powerShell);
        }

        if (shipped.TryGetValue(name, out var ours))
        {
            if (string.Equals(reference.FullName, ours.FullName, StringComparison.OrdinalIgnoreCase))
            {
                return new Satisfaction(Provider.ShippedExactly, ours);
            }

            if (BindingRedirectRule.Allows(reference, ours))
            {
                return new Satisfaction(Provider.ShippedThroughRedirect, ours);
            }
        }

        return new Satisfaction(Provider.None, null);
    }
}
