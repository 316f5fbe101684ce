using System;
using System.Collections.Generic;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>
/// Turns -Id / -PluginId values into plugins: exact ids are fetched one by one (an unknown id is a
/// non-terminating error), wildcards and "no id" read the list once.
/// </summary>
internal static class PluginResolver
{
    public static IEnumerable<AlmPlugin> Resolve(
        AlmPluginCatalog catalog,
        string[]? ids,
        RequestContext context,
        Action<ErrorRecord> writeError)
    {
        if (ids is not { Length: > 0 })
        {
            foreach (var plugin in catalog.GetAll(context))
            {
                yield return plugin;
            }

            yield break;
        }

        var emitted = new HashSet<string?>(StringComparer.OrdinalIgnoreCase);
        List<AlmPlugin>? list = null;
        foreach (var id in ids)
        {
            if (WildcardPattern.ContainsWildcardCharacters(id))
            {
                var pattern = WildcardPattern.Get(id, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                list ??= [.. catalog.GetAll(context)];
                foreach (var plugin in list)
                {
                    if (pattern.IsMatch(plugin.Id ?? string.Empty) && emitted.Add(plugin.Id))
                    {
                        yield return plugin;
                    }
                }

                continue;
            }

            var found = GetOne(catalog, id, context, writeError);
            if (found is not null && emitted.Add(found.Id))
            {
                yield return found;
            }
        }
    }

    /// <summary>One plugin by its exact id (no wildcards); an unknown id is written as a non-terminating error and gives null.</summary>
    public static AlmPlugin? GetOne(AlmPluginCatalog catalog, string id, RequestContext context, Action<ErrorRecord> writeError)
    {
        try
        {
            return catalog.Get(id, context);
        }
        catch (SdeApiException ex) when (ex.ErrorId == SdeErrorIds.PluginNotFound)
        {
            writeError(ex.ToErrorRecord());
            return null;
        }
    }
}
