using System;
using System.Collections.Generic;
using System.Linq;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>
/// The server's plugin catalog, indexed for the connector cmdlets: a plugin by id, and which setting
/// keys hold secrets (the fields the catalog marks masked_string).
/// </summary>
internal sealed class PluginCatalogIndex
{
    private readonly Dictionary<string, AlmPlugin> _plugins = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _secretsByPlugin = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _anySecret = new(StringComparer.OrdinalIgnoreCase);

    public PluginCatalogIndex(IEnumerable<AlmPlugin> plugins)
    {
        foreach (var plugin in plugins)
        {
            if (string.IsNullOrEmpty(plugin.Id) || _plugins.ContainsKey(plugin.Id!))
            {
                continue;
            }

            _plugins.Add(plugin.Id!, plugin);
            var secrets = new HashSet<string>(
                plugin.Sections.SelectMany(section => section.Fields)
                    .Where(field => !string.IsNullOrEmpty(field.Name) && FieldTypes.Is(field, FieldTypes.MaskedString))
                    .Select(field => field.Name!),
                StringComparer.OrdinalIgnoreCase);
            _secretsByPlugin.Add(plugin.Id!, secrets);
            _anySecret.UnionWith(secrets);
        }
    }

    /// <summary>The plugin ids, in catalog order.</summary>
    public IEnumerable<string> Ids => _plugins.Keys;

    public AlmPlugin? Find(string? pluginId) =>
        pluginId is not null && _plugins.TryGetValue(pluginId, out var plugin) ? plugin : null;

    /// <summary>
    /// The secret keys of a plugin. For a plugin the catalog does not list (removed from the server, or
    /// hidden from this user), every key that is secret in any plugin, so that a secret is never shown by mistake.
    /// </summary>
    public ISet<string> SecretKeys(string? pluginId) =>
        pluginId is not null && _secretsByPlugin.TryGetValue(pluginId, out var secrets) ? secrets : _anySecret;
}
