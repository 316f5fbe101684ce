using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Management.Automation;
using System.Security;
using SdeAlm.Errors;
using SdeAlm.Filtering;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Configuration;

/// <summary>What Export-SdeAlmConfiguration writes, and what it tells the user about it.</summary>
internal sealed class ExportResult
{
    public ExportResult(AlmConfiguration document, IReadOnlyList<string> references, IReadOnlyList<string> warnings, IReadOnlyList<string> unmatchedNames)
    {
        Document = document;
        References = references;
        Warnings = warnings;
        UnmatchedNames = unmatchedNames;
    }

    public AlmConfiguration Document { get; }

    /// <summary>Each secret reference the document holds, with where: <c>env:SDE_JIRA_CLOUD_ALM_PASS (connectors[0] 'Jira Cloud': alm_pass)</c>.</summary>
    public IReadOnlyList<string> References { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The literal -ConnectorName values that named no connector.</summary>
    public IReadOnlyList<string> UnmatchedNames { get; }
}

/// <summary>
/// Turns a server's connectors and ALM connections into a document that applying changes nothing:
/// connectors by name, connections by project then alias, settings in the catalog's field order and
/// only catalog fields (current servers add keys of their own, such as last_successful_run), every
/// masked field as a secret reference and never its value.
/// </summary>
internal static class ConfigurationExporter
{
    public static ExportResult Export(ServerState state, string[]? connectorNames, string? vault)
    {
        var filter = WildcardFilter.Create(connectorNames);
        var connectors = state.Connectors.Where(connector => filter?.IsMatch(connector.Name) ?? true).OrderBy(connector => connector.Name ?? string.Empty, NameOrder.Instance).ThenBy(connector => connector.Id).ToList();
        var unmatched = (connectorNames ?? []).Where(name => !WildcardPattern.ContainsWildcardCharacters(name) && !connectors.Any(connector => WildcardFilter.Pattern(name).IsMatch(connector.Name ?? string.Empty))).ToList();
        var exported = new HashSet<int>(connectors.Select(connector => connector.Id));
        var connections = state.Connections.Where(connection => filter is null || exported.Contains(connection.ConnectorId))
            .OrderBy(connection => connection.ProjectId).ThenBy(connection => connection.Alias ?? string.Empty, NameOrder.Instance).ThenBy(connection => connection.Id).ToList();
        RefuseSharedNames(state, connectors, connections);

        var names = new SecretNames();
        var references = new List<string>();
        var warnings = new List<string>();
        var document = new AlmConfiguration(state.Server);
        foreach (var connector in connectors)
        {
            var item = new ConnectorItem(document.Connectors.Count, connector.Name ?? string.Empty, connector.PluginId ?? string.Empty)
            {
                Inaccessible = connector.Inaccessible,
                HasFieldsEditableOnProject = connector.HasFieldsEditableOnProject,
                FieldsEditableOnProject = connector.FieldsEditableOnProject,
            };
            item.Settings = Settings(state, connector.PluginId, connector.Settings, item.Location, field => Reference(names.ForConnector(item.Name, field), vault), references, warnings);
            document.Connectors.Add(item);
        }

        var connectorNamesById = state.Connectors.GroupBy(connector => connector.Id).ToDictionary(group => group.Key, group => group.First().Name ?? string.Empty);
        foreach (var connection in connections)
        {
            if (!connectorNamesById.TryGetValue(connection.ConnectorId, out var connectorName))
            {
                warnings.Add($"ALM connection {connection.Id} '{connection.Alias}' of project {connection.ProjectId} goes through connector {connection.ConnectorId}, which {state.Server} did not list; it is left out.");
                continue;
            }

            var item = new ConnectionItem(document.Connections.Count, connection.ProjectId, connection.Alias ?? string.Empty, connectorName) { Frequency = connection.Frequency };
            if (connection.SettingsVisible)
            {
                item.Settings = Settings(state, connection.PluginId, connection.Settings, item.Location, field => Reference(names.ForConnection(item.ProjectId, item.Alias, field), vault), references, warnings);
            }
            else
            {
                warnings.Add($"{item.Location}: {state.Server} did not show its settings (the user needs the \"Edit ALM connections\" permission), so the document leaves them out.");
            }

            document.Connections.Add(item);
        }

        return new ExportResult(document, references, warnings, unmatched);
    }

    /// <summary>
    /// The catalog fields of the plugin that the settings hold, in the catalog's order, secrets as
    /// references; every key as it is when the catalog does not list the plugin.
    /// </summary>
    [SuppressMessage("Performance", "CA1859", Justification = "Any dictionary of settings will do; the resources' own settings type is not this method's concern.")]
    private static OrderedDictionary Settings(ServerState state, string? pluginId, IDictionary settings, string where, Func<string, SecretReference> reference, List<string> references, List<string> warnings)
    {
        var exported = new OrderedDictionary(StringComparer.Ordinal);
        var plugin = state.Catalog.Find(pluginId);
        IEnumerable<string> keys;
        if (plugin is null)
        {
            warnings.Add($"{where}: {state.Server} has no ALM plugin '{pluginId}' in its catalog, so its settings are written as the server holds them; the document will not pass the check until the plugin is back.");
            keys = settings.Keys.Cast<object>().Select(SettingKeys.Text);
        }
        else
        {
            keys = plugin.Sections.SelectMany(section => section.Fields).Select(field => field.Name ?? string.Empty)
                .Where(name => name.Length > 0 && settings.Contains(name)).Distinct(SettingKeys.Comparer);
        }

        foreach (var key in keys)
        {
            var value = SettingValue.Unwrap(settings[key]);
            if (value is SecureString { Length: > 0 })
            {
                var to = reference(key);
                references.Add($"{to} ({where}: {key})");
                exported[key] = to;
            }
            else
            {
                exported[key] = value is SecureString ? string.Empty : value;
            }
        }

        return exported;
    }

    private static SecretReference Reference(string name, string? vault) =>
        vault is null ? SecretReference.Environment(name) : SecretReference.Secret(name, vault);

    /// <summary>A document names connectors by name and ALM connections by project and alias: names the server gives twice cannot be exported.</summary>
    private static void RefuseSharedNames(ServerState state, List<AlmConnector> connectors, List<AlmConnection> connections)
    {
        var shared = new List<string>();
        foreach (var name in connectors.Select(connector => connector.Name ?? string.Empty).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var same = state.Connectors.Where(connector => string.Equals(connector.Name, name, StringComparison.OrdinalIgnoreCase)).OrderBy(connector => connector.Id).ToList();
            if (same.Count > 1)
            {
                shared.Add($"connectors {Listed(same.Select(connector => $"{connector.Id} '{connector.Name}'"))} share a name");
            }
        }

        foreach (var group in connections.GroupBy(connection => (connection.ProjectId, Alias: (connection.Alias ?? string.Empty).ToUpperInvariant())).Where(group => group.Count() > 1))
        {
            shared.Add($"ALM connections {Listed(group.OrderBy(connection => connection.Id).Select(connection => $"{connection.Id} '{connection.Alias}'"))} of project {group.Key.ProjectId} share an alias");
        }

        if (shared.Count > 0)
        {
            throw new SdeApiException(
                $"Cannot export the configuration of {state.Server}: a document names a connector by its name and an ALM connection by its project and alias, and {string.Join("; ", shared)}. Rename all but one (Set-SdeAlmConnector -Name, Set-SdeAlmConnection -Alias), or leave the connectors out with -ConnectorName. Nothing was written.",
                SdeErrorIds.AlmNameNotUnique,
                ErrorCategory.InvalidData,
                state.Server);
        }
    }

    /// <summary>"a and b", "a, b and c".</summary>
    private static string Listed(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count < 2 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[list.Count - 1];
    }

    /// <summary>The order of names in a document: ignoring case first, so that the order does not depend on how names are capitalised, then exactly.</summary>
    internal sealed class NameOrder : IComparer<string>
    {
        public static readonly NameOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var ignoringCase = string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
            return ignoringCase != 0 ? ignoringCase : string.CompareOrdinal(x, y);
        }
    }
}
