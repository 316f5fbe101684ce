using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using SdeAlm.Model;
using SdeAlm.Planning;
using SdeAlm.Settings;

namespace SdeAlm.Configuration;

/// <summary>What to do with a secret reference that does not resolve.</summary>
internal enum UnresolvedSecrets
{
    /// <summary>Compare- and Test-: leave the field out of the comparison, with a warning.</summary>
    LeaveOut,

    /// <summary>Set-: a problem, so that nothing is applied.</summary>
    Refuse,
}

/// <summary>
/// Plans a whole document against a server: each connector and ALM connection is checked and compared
/// by ResourcePlanner, as New- and Set- check and compare them (the one home of the settings rules), and
/// this class adds what only a document has: identities (a connector by name, a connection by project and
/// alias), connectors named by name, secret references, and every problem with where it is.
/// </summary>
internal sealed class ConfigurationPlanner
{
    private static readonly Dictionary<string, string> s_documentNames = new(StringComparer.Ordinal)
    {
        [nameof(AlmConnector.Name)] = "name",
        [nameof(AlmConnector.PluginId)] = "plugin",
        [nameof(AlmConnector.Inaccessible)] = "inaccessible",
        [nameof(AlmConnector.FieldsEditableOnProject)] = "fieldsEditableOnProject",
        [nameof(AlmConnection.ProjectId)] = "project",
        [nameof(AlmConnection.Alias)] = "alias",
        [nameof(AlmConnection.ConnectorId)] = "connector",
        [nameof(AlmConnection.Frequency)] = "frequency",
    };

    private readonly AlmConfiguration _document;
    private readonly ServerState _state;
    private readonly SecretResolver _secrets;
    private readonly UnresolvedSecrets _unresolved;
    private readonly Dictionary<string, ConnectorItem> _documentConnectors = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(int ProjectId, string Alias), ConnectionItem> _documentConnections = new(IdentityComparer.Instance);
    private readonly Dictionary<string, List<AlmConnector>> _serverConnectors;
    private readonly Dictionary<(int ProjectId, string Alias), List<AlmConnection>> _serverConnections;

    private ConfigurationPlanner(AlmConfiguration document, ServerState state, SecretResolver secrets, UnresolvedSecrets unresolved)
    {
        _document = document;
        _state = state;
        _secrets = secrets;
        _unresolved = unresolved;
        _serverConnectors = GroupBy(state.Connectors, connector => connector.Name ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        _serverConnections = GroupBy(state.Connections, connection => (connection.ProjectId, connection.Alias ?? string.Empty), IdentityComparer.Instance);
    }

    /// <summary>How messages name the document: its file's path, or "The -Configuration object".</summary>
    public string Source => _document.Source;

    /// <summary>
    /// The plan of <paramref name="document"/> against <paramref name="state"/>, with every problem of the
    /// document (its shape included); with <paramref name="includeUnmanaged"/> the server's resources
    /// the document does not name follow, as Unmanaged.
    /// </summary>
    public static ConfigurationPlan Plan(AlmConfiguration document, ServerState state, SecretResolver secrets, UnresolvedSecrets unresolved, bool includeUnmanaged = false)
    {
        var planner = new ConfigurationPlanner(document, state, secrets, unresolved);
        var plan = new ConfigurationPlan(planner);
        plan.Problems.AddRange(document.Problems);
        var connectors = document.Connectors.Select(item => planner.PlanConnector(item, plan)).OfType<PlannedResource>().ToList();
        var connections = document.Connections.Select(item => planner.PlanConnection(item, plan, created: null)).OfType<PlannedResource>().ToList();
        plan.Resources.AddRange(InApplyOrder(connectors));
        plan.Resources.AddRange(InApplyOrder(connections));
        if (includeUnmanaged)
        {
            plan.Resources.AddRange(planner.Unmanaged());
        }

        return plan;
    }

    /// <summary>
    /// The plan of reviewed entries (piped from Compare-), made again against the server now: only the
    /// entries that write (Create, Update), each checked as a document. <paramref name="outdated"/> lists
    /// every way the server (or a secret) no longer matches what was reviewed; if it lists any, nothing
    /// may be applied.
    /// </summary>
    public static ConfigurationPlan Recheck(IEnumerable<AlmPlanEntry> reviewed, ServerState state, SecretResolver secrets, out List<string> outdated)
    {
        var writes = reviewed.Select(entry => entry.Source).OfType<PlannedResource>()
            .Where(resource => resource.Item is not null && resource.Entry.Action is AlmPlanAction.Create or AlmPlanAction.Update).ToList();
        var document = new AlmConfiguration("the plan");
        document.Connectors.AddRange(writes.Select(resource => resource.Item).OfType<ConnectorItem>().OrderBy(item => item.Index));
        document.Connections.AddRange(writes.Select(resource => resource.Item).OfType<ConnectionItem>().OrderBy(item => item.Index));
        var plan = Plan(document, state, secrets, UnresolvedSecrets.Refuse);
        outdated = [];
        foreach (var before in writes)
        {
            if (plan.Resources.FirstOrDefault(now => ReferenceEquals(now.Item, before.Item)) is { } now)
            {
                outdated.AddRange(Differences(before, now).Select(difference => $"{before.Location}: {difference}"));
            }
        }

        return plan;
    }

    private static IEnumerable<string> Differences(PlannedResource reviewed, PlannedResource now)
    {
        if (reviewed.Entry.Action != now.Entry.Action)
        {
            yield return $"the plan said {reviewed.Entry.Action}, but the server now needs {now.Entry.Action}.";
            yield break;
        }

        var current = now.Changes.ToDictionary(change => change.Key, StringComparer.OrdinalIgnoreCase);
        foreach (var change in reviewed.Changes)
        {
            if (!current.TryGetValue(change.Key, out var again))
            {
                yield return $"{change.Key}: the server already has the value the plan would set.";
                continue;
            }

            current.Remove(change.Key);
            if (!SettingMerge.SameValue(change.Before, again.Before))
            {
                yield return change.IsSecret
                    ? $"{change.Key}: the server's secret is no longer the one the plan saw."
                    : $"{change.Key}: the plan saw {SettingChange.Show(change.Before)}, the server now has {SettingChange.Show(again.Before)}.";
            }
            else if (!SettingMerge.SameValue(change.After, again.After))
            {
                yield return change.IsSecret
                    ? $"{change.Key}: the secret its reference gives is no longer the one the plan would set."
                    : $"{change.Key}: the plan would set {SettingChange.Show(change.After)}, now {SettingChange.Show(again.After)}.";
            }
        }

        foreach (var change in current.Values)
        {
            yield return change.IsSecret
                ? $"{change.Key}: the server's secret changed since the plan, which did not change it."
                : $"{change.Key}: the plan did not change it, but the server now has {SettingChange.Show(change.Before)}.";
        }
    }

    /// <summary>
    /// An ALM connection planned again at apply time, its connector now known by id (one the run created
    /// is in <paramref name="created"/>, by name). Problems were found when it was first planned.
    /// </summary>
    public PlannedResource? Replan(ConnectionItem item, IReadOnlyDictionary<string, int> created) =>
        PlanConnection(item, new ConfigurationPlan(this), created);

    private static IEnumerable<PlannedResource> InApplyOrder(List<PlannedResource> resources) =>
        resources.Where(resource => resource.Entry.Action == AlmPlanAction.Create)
            .Concat(resources.Where(resource => resource.Entry.Action == AlmPlanAction.Update))
            .Concat(resources.Where(resource => resource.Entry.Action == AlmPlanAction.NoOp));

    private PlannedResource? PlanConnector(ConnectorItem item, ConfigurationPlan plan)
    {
        var where = item.Location;
        if (_documentConnectors.TryGetValue(item.Name, out var first))
        {
            plan.Problems.Add($"{where}: the document names connector '{item.Name}' twice (also {first.Location}).");
            return null;
        }

        _documentConnectors.Add(item.Name, item);
        var matches = Find(_serverConnectors, item.Name);
        if (matches.Count > 1)
        {
            plan.Problems.Add($"{where}: {_state.Server} has {matches.Count} connectors named '{item.Name}' ({Ids(matches.Select(connector => connector.Id))}), and a document names a connector by its name. Rename all but one (Set-SdeAlmConnector -Name).");
            return null;
        }

        var settings = Resolve(item.Settings, where, plan, out var leftOut);
        ResourcePlan resourcePlan;
        if (matches.Count == 0)
        {
            var edit = ResourceEdits.NewConnector(item.Name, item.Plugin, item.Inaccessible ?? false, settings ?? SettingKeys.NewDictionary());
            if (item.HasFieldsEditableOnProject && FieldsEditableOnProject(where, _state.Connectors.Count == 0 || _state.Connectors.Any(connector => connector.HasFieldsEditableOnProject), plan))
            {
                edit.WithFieldsEditableOnProject(item.FieldsEditableOnProject);
            }

            resourcePlan = ResourcePlanner.Create(edit, item.Plugin, _state.Catalog, validate: true);
        }
        else
        {
            var current = matches[0];
            if (!string.Equals(current.PluginId, item.Plugin, StringComparison.OrdinalIgnoreCase))
            {
                plan.Problems.Add($"{where}: plugin: the server's connector {current.Id} '{current.Name}' is for plugin '{current.PluginId}', not '{item.Plugin}', and a connector's plugin does not change. Name the document's connector differently to create a new one.");
                return null;
            }

            var edit = ResourceEdits.ConnectorChange(current, item.Name, item.Inaccessible, settings);
            if (item.HasFieldsEditableOnProject && FieldsEditableOnProject(where, current.HasFieldsEditableOnProject, plan))
            {
                edit.WithFieldsEditableOnProject(item.FieldsEditableOnProject);
            }

            resourcePlan = ResourcePlanner.Update(edit, current, _state.Catalog, validate: true);
        }

        Collect(resourcePlan, where, leftOut, plan);
        return Planned(item, where, resourcePlan, connector: null);
    }

    private PlannedResource? PlanConnection(ConnectionItem item, ConfigurationPlan plan, IReadOnlyDictionary<string, int>? created)
    {
        var where = item.Location;
        if (_documentConnections.TryGetValue((item.ProjectId, item.Alias), out var twin) && twin.Index < item.Index)
        {
            plan.Problems.Add($"{where}: the document names the ALM connection '{item.Alias}' of project {item.ProjectId} twice (also {twin.Location}).");
            return null;
        }

        _documentConnections[(item.ProjectId, item.Alias)] = item;

        if (Connector(item, plan, created) is not { } connector)
        {
            return null;
        }

        var matches = Find(_serverConnections, (item.ProjectId, item.Alias));
        if (matches.Count > 1)
        {
            plan.Problems.Add($"{where}: project {item.ProjectId} on {_state.Server} has {matches.Count} ALM connections with the alias '{item.Alias}' ({Ids(matches.Select(connection => connection.Id))}), and a document names an ALM connection by its project and alias. Rename all but one (Set-SdeAlmConnection -Alias).");
            return null;
        }

        var settings = Resolve(item.Settings, where, plan, out var leftOut);
        ResourcePlan resourcePlan;
        if (matches.Count == 0)
        {
            var edit = ResourceEdits.NewConnection(item.ProjectId, connector.Id, connector.Name, item.Alias, item.Frequency, settings ?? SettingKeys.NewDictionary());
            resourcePlan = ResourcePlanner.Create(edit, connector.PluginId, _state.Catalog, validate: true);
        }
        else
        {
            var current = matches[0];
            if (!string.Equals(current.PluginId, connector.PluginId, StringComparison.OrdinalIgnoreCase))
            {
                plan.Problems.Add($"{where}: connector: the ALM connection {current.Id} is for plugin '{current.PluginId}' and connector '{item.Connector}' for plugin '{connector.PluginId}'; an ALM connection keeps its plugin. Give it another alias to create a new one.");
                return null;
            }

            var edit = ResourceEdits.ConnectionChange(current, item.Alias, item.Frequency, settings, connector.Id);
            resourcePlan = ResourcePlanner.Update(edit, current, _state.Catalog, validate: true);
        }

        Collect(resourcePlan, where, leftOut, plan);
        return Planned(item, where, resourcePlan, (connector.Id, connector.Name));
    }

    /// <summary>
    /// The connector an ALM connection goes through: one of the server (by its unique name), else one of
    /// the document that the run creates first (pending), unless the run already created it.
    /// </summary>
    private (int Id, string Name, string? PluginId)? Connector(ConnectionItem item, ConfigurationPlan plan, IReadOnlyDictionary<string, int>? created)
    {
        var where = item.Location;
        _documentConnectors.TryGetValue(item.Connector, out var inDocument);
        var onServer = Find(_serverConnectors, item.Connector);
        if (onServer.Count > 1)
        {
            plan.Problems.Add($"{where}: connector: {_state.Server} has {onServer.Count} connectors named '{item.Connector}' ({Ids(onServer.Select(connector => connector.Id))}), so the name does not say which. Rename all but one (Set-SdeAlmConnector -Name).");
            return null;
        }

        if (onServer.Count == 1)
        {
            return (onServer[0].Id, onServer[0].Name ?? item.Connector, inDocument?.Plugin ?? onServer[0].PluginId);
        }

        if (inDocument is not null)
        {
            var id = created is not null && created.TryGetValue(inDocument.Name, out var createdId) ? createdId : ResourceEdits.PendingConnector;
            return (id, inDocument.Name, inDocument.Plugin);
        }

        var names = _document.Connectors.Select(connector => connector.Name).Concat(_state.Connectors.Select(connector => connector.Name ?? string.Empty)).ToList();
        var nearest = NameSuggester.Nearest(item.Connector, names);
        if (_state.CatalogOnly)
        {
            // Without a server the connector may well exist there: say what was not checked, not that it is wrong.
            plan.Warnings.Add($"{where}: connector: '{item.Connector}' is not a connector of the document, and {_state.Server} holds no connectors, so the ALM connection's settings are not checked.{(nearest is null ? string.Empty : $" Did you mean '{nearest}'?")} Check it against the server with Test-SdeAlmConfiguration without -CatalogPath.");
            return null;
        }

        plan.Problems.Add($"{where}: connector: '{item.Connector}' is neither a connector of the document nor one of {_state.Server}.{(nearest is null ? string.Empty : $" Did you mean '{nearest}'?")}");
        return null;
    }

    private bool FieldsEditableOnProject(string where, bool serverHasIt, ConfigurationPlan plan)
    {
        if (!serverHasIt)
        {
            plan.Problems.Add($"{where}: fieldsEditableOnProject: the connectors of {_state.Server} do not carry fields_editable_on_project, so this release of SD Elements does not have it. Leave it out of the document for this server.");
        }

        return serverHasIt;
    }

    /// <summary>
    /// The document's settings with each secret reference resolved to its secret. A reference that does
    /// not resolve is a problem, or (Compare-, Test-) the field is left out, with a warning.
    /// </summary>
    private OrderedDictionary? Resolve(OrderedDictionary? settings, string where, ConfigurationPlan plan, out HashSet<string> leftOut)
    {
        leftOut = new HashSet<string>(SettingKeys.Comparer);
        if (settings is null)
        {
            return null;
        }

        if (!settings.Values.OfType<SecretReference>().Any())
        {
            return settings;
        }

        var resolved = new OrderedDictionary(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in settings)
        {
            var key = (string)entry.Key;
            if (entry.Value is not SecretReference reference)
            {
                resolved.Add(key, entry.Value);
                continue;
            }

            if (_state.CatalogOnly)
            {
                // Checked for its form when the document was read; without a server there is nothing to compare it with.
                leftOut.Add(key);
                continue;
            }

            var lookup = _secrets.Resolve(reference);
            if (lookup.Value is { } secret)
            {
                resolved.Add(key, secret);
                continue;
            }

            leftOut.Add(key);
            if (_unresolved == UnresolvedSecrets.Refuse)
            {
                plan.Problems.Add($"{where}: {key}: {reference} {lookup.Failure}; nothing is applied without it.");
            }
            else
            {
                plan.Warnings.Add($"{where}: {key}: {reference} {lookup.Failure}, so the field is left out of the comparison.");
            }
        }

        return resolved;
    }

    /// <summary>The problems and warnings of one resource's plan, each with where it is in the document.</summary>
    private void Collect(ResourcePlan resourcePlan, string where, HashSet<string> leftOut, ConfigurationPlan plan)
    {
        if (resourcePlan.PluginMissing)
        {
            var nearest = NameSuggester.Nearest(resourcePlan.PluginId ?? string.Empty, _state.Catalog.Ids);
            plan.Problems.Add(resourcePlan.Kind == AlmResourceKind.Connector
                ? $"{where}: plugin: {_state.Server} has no ALM plugin '{resourcePlan.PluginId}' in its catalog.{(nearest is null ? string.Empty : $" Did you mean '{nearest}'?")} Get-SdeAlmPlugin lists the ids."
                : $"{where}: connector: its plugin '{resourcePlan.PluginId}' is not in the catalog of {_state.Server}, so the settings cannot be checked.");
        }

        if (resourcePlan.SettingsHidden)
        {
            plan.Problems.Add($"{where}: {_state.Server} did not show its settings (the user needs the \"Edit ALM connections\" permission), so they cannot be merged.");
        }

        if (resourcePlan.Problems.Count > 0)
        {
            // A field left out because its secret did not resolve is named once, as that: not also as "required but missing".
            // The check may have spelt the field the server's way (alm_pass as issue_tracker_pass): either name is the one left out.
            plan.Problems.AddRange(resourcePlan.Errors
                .Where(problem => !leftOut.Contains(problem.Field) && !(IssueTrackerRename.Counterpart(problem.Field) is { } counterpart && leftOut.Contains(counterpart)))
                .Select(problem => $"{where}: {problem.Field}: {problem.Message}"));

            // A document restates what the server has: warn only about what it would change.
            var changed = new HashSet<string>(resourcePlan.Changes.Select(change => change.Key), SettingKeys.Comparer);
            plan.Warnings.AddRange(resourcePlan.Warnings.Where(problem => changed.Contains(problem.Field)).Select(problem => $"{where}: {problem.Field}: {problem.Message}"));
        }

        foreach (DictionaryEntry entry in resourcePlan.Requested)
        {
            // A refused value (such as the ******** of a view) is named by its problem, not also warned about.
            if (resourcePlan.SecretKeys.Contains((string)entry.Key) && SettingValue.Unwrap(entry.Value) is string { Length: > 0 }
                && !resourcePlan.Errors.Any(problem => SettingKeys.Comparer.Equals(problem.Field, (string)entry.Key)))
            {
                plan.Warnings.Add($"{where}: {entry.Key}: the document holds this secret as plain text. Keep secrets out of files: write {{ \"env\": \"NAME\" }} or {{ \"secret\": \"NAME\", \"vault\": \"VAULT\" }} instead.");
            }
        }
    }

    /// <summary>The planned resource and its public entry: changes named as the document names them, secrets shown as "(secret)".</summary>
    /// <param name="item">The document's connector or connection.</param>
    /// <param name="where">Where it is in the document.</param>
    /// <param name="resourcePlan">What ResourcePlanner made of it.</param>
    /// <param name="connector">A connection's connector: its id (<see cref="ResourceEdits.PendingConnector"/> until the run creates it) and name.</param>
    private PlannedResource Planned(object item, string where, ResourcePlan resourcePlan, (int Id, string Name)? connector)
    {
        var creating = resourcePlan.Action == PlanAction.Create;
        SettingChange[] changes = [.. resourcePlan.Changes.Select(change => AsDocumentSays(change, connector))];
        AlmPlanChange[] shown = [.. changes.Select(change => new AlmPlanChange(change.Key, Shown(change, change.Before), Shown(change, change.After), change.IsSecret, creating ? change.DescribeNew() : change.ToString()))];
        var action = resourcePlan.Action switch
        {
            PlanAction.Create => AlmPlanAction.Create,
            PlanAction.Update => AlmPlanAction.Update,
            _ => AlmPlanAction.NoOp,
        };
        var name = item is ConnectorItem connectorItem ? connectorItem.Name : ((ConnectionItem)item).Alias;
        var projectId = (item as ConnectionItem)?.ProjectId;
        var planned = new PlannedResource(item, where, resourcePlan, changes) { WaitsForConnector = connector?.Id == ResourceEdits.PendingConnector };
        planned.Entry = new AlmPlanEntry(action, resourcePlan.Kind, name, projectId, resourcePlan.Id, shown, _state.Server, _state.ServerConnection, planned);
        return planned;
    }

    /// <summary>A change named as the document names it: its property (connector by name rather than id) or setting key.</summary>
    private SettingChange AsDocumentSays(SettingChange change, (int Id, string Name)? connector)
    {
        if (!s_documentNames.TryGetValue(change.Key, out var name))
        {
            return change;
        }

        return change.Key == nameof(AlmConnection.ConnectorId)
            ? new SettingChange(name, ConnectorName(change.Before, connector), ConnectorName(change.After, connector), isSecret: false)
            : new SettingChange(name, change.Before, change.After, change.IsSecret);
    }

    /// <summary>A connector id as the document names it: the connection's own connector by its name (also one not created yet), any other by the server's name for it.</summary>
    private string? ConnectorName(object? id, (int Id, string Name)? connector) =>
        SettingValue.Unwrap(id) switch
        {
            null => null,
            int known when known == connector?.Id => connector.Value.Name,
            int known => _state.Connectors.FirstOrDefault(server => server.Id == known)?.Name ?? known.ToString(CultureInfo.InvariantCulture),
            var other => SettingValue.AsText(other),
        };

    private static object? Shown(SettingChange change, object? value) =>
        SettingMerge.IsUnset(value) ? null : change.IsSecret ? AlmPlanChange.SecretPlaceholder : SettingValue.Unwrap(value);

    /// <summary>The server's connectors and ALM connections that the document does not name, in the order Export- writes them.</summary>
    private IEnumerable<PlannedResource> Unmanaged()
    {
        var connectors = _state.Connectors.Where(connector => !_documentConnectors.ContainsKey(connector.Name ?? string.Empty))
            .OrderBy(connector => connector.Name ?? string.Empty, ConfigurationExporter.NameOrder.Instance).ThenBy(connector => connector.Id);
        foreach (var connector in connectors)
        {
            yield return Unmanaged(AlmResourceKind.Connector, connector.Name, null, connector.Id);
        }

        var connections = _state.Connections.Where(connection => !_documentConnections.ContainsKey((connection.ProjectId, connection.Alias ?? string.Empty)))
            .OrderBy(connection => connection.ProjectId).ThenBy(connection => connection.Alias ?? string.Empty, ConfigurationExporter.NameOrder.Instance).ThenBy(connection => connection.Id);
        foreach (var connection in connections)
        {
            yield return Unmanaged(AlmResourceKind.Connection, connection.Alias, connection.ProjectId, connection.Id);
        }
    }

    private PlannedResource Unmanaged(AlmResourceKind kind, string? name, int? projectId, int id)
    {
        var planned = new PlannedResource(null, string.Empty, null, []);
        planned.Entry = new AlmPlanEntry(AlmPlanAction.Unmanaged, kind, name, projectId, id, [], _state.Server, _state.ServerConnection, planned);
        return planned;
    }

    /// <summary>The server's resources by identity, grouped once per plan: several under one identity are a problem to name.</summary>
    private static Dictionary<TKey, List<T>> GroupBy<TKey, T>(IEnumerable<T> items, Func<T, TKey> key, IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        var groups = new Dictionary<TKey, List<T>>(comparer);
        foreach (var item in items)
        {
            if (!groups.TryGetValue(key(item), out var group))
            {
                groups.Add(key(item), group = []);
            }

            group.Add(item);
        }

        return groups;
    }

    private static List<T> Find<TKey, T>(Dictionary<TKey, List<T>> groups, TKey key)
        where TKey : notnull =>
        groups.TryGetValue(key, out var group) ? group : [];

    /// <summary>An ALM connection's identity: its project, and its alias without regard to case.</summary>
    private sealed class IdentityComparer : IEqualityComparer<(int ProjectId, string Alias)>
    {
        public static readonly IdentityComparer Instance = new();

        public bool Equals((int ProjectId, string Alias) x, (int ProjectId, string Alias) y) =>
            x.ProjectId == y.ProjectId && StringComparer.OrdinalIgnoreCase.Equals(x.Alias, y.Alias);

        public int GetHashCode((int ProjectId, string Alias) obj) =>
            (obj.ProjectId * 397) ^ StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Alias);
    }

    private static string Ids(IEnumerable<int> ids) => "ids " + string.Join(", ", ids.OrderBy(id => id).Select(id => id.ToString(CultureInfo.InvariantCulture)));
}
