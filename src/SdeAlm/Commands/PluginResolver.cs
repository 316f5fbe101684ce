using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Errors;
using SdeAlm.Filtering;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Commands;

/// <summary>
/// Turns -Id / -PluginId values into plugins, from the command's catalog (a server's or a file's). An
/// exact id is fetched by itself; when the catalog does not have it as typed, the catalog list decides,
/// ignoring case (the server may compare ids exactly, PowerShell users do not). Wildcards read the list,
/// once per resolver. An id that is in no spelling in the catalog is a non-terminating error that
/// suggests the nearest id.
/// </summary>
internal sealed class PluginResolver
{
    private readonly PluginCatalogSource _catalog;
    private readonly RequestContext _context;
    private readonly Action<ErrorRecord> _writeError;
    private IReadOnlyList<AlmPlugin>? _list;

    public PluginResolver(PluginCatalogSource catalog, RequestContext context, Action<ErrorRecord> writeError)
    {
        _catalog = catalog;
        _context = context;
        _writeError = writeError;
    }

    /// <summary>The plugins the ids name, each once, in the order named; every plugin when no id is given.</summary>
    public IEnumerable<AlmPlugin> Resolve(string[]? ids)
    {
        if (ids is not { Length: > 0 })
        {
            foreach (var plugin in _catalog.GetAll(_context))
            {
                yield return plugin;
            }

            yield break;
        }

        var emitted = new HashSet<string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in ids)
        {
            if (WildcardPattern.ContainsWildcardCharacters(id))
            {
                var pattern = WildcardFilter.Pattern(id);
                foreach (var plugin in List())
                {
                    if (pattern.IsMatch(plugin.Id ?? string.Empty) && emitted.Add(plugin.Id))
                    {
                        yield return plugin;
                    }
                }

                continue;
            }

            var found = GetOne(id);
            if (found is not null && emitted.Add(found.Id))
            {
                yield return found;
            }
        }
    }

    /// <summary>One plugin by its id in any case (no wildcards); an unknown id is written as a non-terminating error and gives null.</summary>
    public AlmPlugin? GetOne(string id)
    {
        try
        {
            return _catalog.Get(id, _context);
        }
        catch (SdeApiException ex) when (ex.ErrorId == SdeErrorIds.PluginNotFound)
        {
            var plugins = List();
            var sameIgnoringCase = plugins.FirstOrDefault(plugin => string.Equals(plugin.Id, id, StringComparison.OrdinalIgnoreCase));
            if (sameIgnoringCase is not null)
            {
                return sameIgnoringCase;
            }

            _writeError(NotFound(id, plugins).ToErrorRecord());
            return null;
        }
    }

    private SdeApiException NotFound(string id, IReadOnlyList<AlmPlugin> plugins)
    {
        var nearest = NameSuggester.Nearest(id, plugins.Select(plugin => plugin.Id).OfType<string>());
        var suggestion = nearest is null ? string.Empty : $" Did you mean '{nearest}'?";
        return new SdeApiException(
            $"There is no ALM plugin with id '{id}' {_catalog.Location}.{suggestion} Run {_catalog.ListCommand} to list the ids.",
            SdeErrorIds.PluginNotFound,
            ErrorCategory.ObjectNotFound,
            id,
            404);
    }

    private IReadOnlyList<AlmPlugin> List() => _list ??= [.. _catalog.GetAll(_context)];
}
