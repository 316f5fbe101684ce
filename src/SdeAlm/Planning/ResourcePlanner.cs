using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Planning;

/// <summary>
/// Works out what a write would do, the same way for every writer (New- and Set- of connectors and
/// ALM connections, and anything that applies many of them): settings read by the key rule and spelt
/// the catalog's way, checked against the plugin's fields of the resource's scope, merged into what the
/// server has (keys not named keep their values, null clears), and compared with it field by field, so
/// that a write that changes nothing sends nothing.
/// </summary>
internal static class ResourcePlanner
{
    /// <summary>A new resource: every property and setting given is a change; the settings are checked as they are.</summary>
    public static ResourcePlan Create(ResourceEdit edit, string? pluginId, PluginCatalogIndex catalog, bool validate)
    {
        var plugin = catalog.Find(pluginId);
        var secretKeys = catalog.SecretKeys(pluginId);
        var plan = new ResourcePlan(edit, PlanAction.Create, null, plugin?.Id ?? pluginId, plugin, secretKeys);
        var check = plugin is null
            ? SettingValidator.CheckWithoutPlugin(edit.Settings ?? SettingKeys.NewDictionary(), secretKeys)
            : SettingValidator.Check(plugin, edit.Settings ?? SettingKeys.NewDictionary(), plan.Scope);
        var settings = check.Setting;
        plan.NamedKeys = KeysOf(settings);
        plan.Requested = settings;
        plan.PropertiesToSend = edit.Properties;
        plan.SettingsToSend = settings;
        plan.Problems = [.. ProblemsToJudge(plan, check, validate)];
        plan.Changes =
        [
            .. edit.Properties.Select(property => new SettingChange(property.Label, null, property.Shown, isSecret: false)),
            .. settings.Cast<DictionaryEntry>().Select(entry => new SettingChange((string)entry.Key, null, entry.Value, secretKeys.Contains((string)entry.Key))),
        ];
        return plan;
    }

    /// <summary>
    /// An existing resource (a connector or ALM connection as read): the properties that differ are sent;
    /// given settings are merged into the current ones and, when that changes anything, sent whole. The
    /// given keys and values are judged, and the merged whole for its required fields: what the server
    /// has and the change does not touch is never refused.
    /// </summary>
    public static ResourcePlan Update(ResourceEdit edit, object current, PluginCatalogIndex catalog, bool validate)
    {
        var (id, pluginId, currentSettings, visible) = Read(current);
        var plugin = catalog.Find(pluginId);
        var secretKeys = catalog.SecretKeys(pluginId);
        var plan = new ResourcePlan(edit, PlanAction.Update, id, pluginId, plugin, secretKeys) { Current = current };
        var changes = new List<SettingChange>();
        var send = new List<PropertyEdit>();
        foreach (var property in edit.Properties)
        {
            var before = CurrentValue(current, property.Label);
            if (!SettingMerge.SameValue(before, property.Shown))
            {
                changes.Add(new SettingChange(property.Label, before, property.Shown, isSecret: false));
                send.Add(property);
            }
        }

        var problems = new List<AlmPluginSettingProblem>();
        if (edit.Settings is not null)
        {
            plan.SettingsHidden = !visible;
            var given = plugin is null
                ? SettingValidator.CheckWithoutPlugin(edit.Settings, secretKeys)
                : SettingValidator.CheckChange(plugin, edit.Settings, plan.Scope);
            var merged = SettingMerge.Merge(currentSettings, given.Setting);
            problems.AddRange(ProblemsToJudge(plan, given, validate));
            if (validate && plugin is not null)
            {
                problems.AddRange(SettingValidator.MissingRequired(plugin, merged, plan.Scope));
            }

            plan.NamedKeys = KeysOf(given.Setting);
            plan.Requested = given.Setting;
            var settingChanges = SettingMerge.Compare(currentSettings, merged, secretKeys);
            changes.AddRange(settingChanges);
            plan.SettingsToSend = settingChanges.Count > 0 ? merged : null;
        }

        plan.PropertiesToSend = send;
        plan.Changes = changes;
        plan.Problems = problems;
        plan.Action = changes.Count == 0 ? PlanAction.NoOp : PlanAction.Update;
        return plan;
    }

    /// <summary>The scope of a resource's settings: system for a connector, project for an ALM connection.</summary>
    public static string ScopeOf(AlmResourceKind kind) => kind == AlmResourceKind.Connector ? FieldScope.System : FieldScope.Project;

    /// <summary>
    /// The problems of a check that count: all of them when the settings are to be checked (no plugin to
    /// check against is then a problem of its own), else those that stop a write even unchecked.
    /// </summary>
    private static IReadOnlyList<AlmPluginSettingProblem> ProblemsToJudge(ResourcePlan plan, SettingCheck check, bool validate)
    {
        plan.PluginMissing |= validate && plan.Plugin is null;
        plan.AlwaysRefused = check.AlwaysRefused;
        plan.Notes = check.Notes;
        return validate ? check.Problems : check.AlwaysRefused;
    }

    private static HashSet<string> KeysOf(OrderedDictionary settings) => new(settings.Keys.Cast<string>(), SettingKeys.Comparer);

    /// <summary>A property of the resource as read, by the label an edit gives it (the object's own property name).</summary>
    private static object? CurrentValue(object current, string label) =>
        (current, label) switch
        {
            (AlmConnector connector, nameof(AlmConnector.Name)) => connector.Name,
            (AlmConnector connector, nameof(AlmConnector.Inaccessible)) => connector.Inaccessible,
            (AlmConnector connector, nameof(AlmConnector.PluginId)) => connector.PluginId,
            (AlmConnector connector, nameof(AlmConnector.FieldsEditableOnProject)) => connector.FieldsEditableOnProject,
            (AlmConnection connection, nameof(AlmConnection.Alias)) => connection.Alias,
            (AlmConnection connection, nameof(AlmConnection.Frequency)) => connection.Frequency,
            (AlmConnection connection, nameof(AlmConnection.ConnectorId)) => connection.ConnectorId,
            _ => throw new ArgumentException($"A {current.GetType().Name} has no property '{label}' that a write sets.", nameof(label)),
        };

    private static (int Id, string? PluginId, IDictionary Settings, bool Visible) Read(object current) =>
        current switch
        {
            AlmConnector connector => (connector.Id, connector.PluginId, connector.Settings, connector.SettingsVisible),
            AlmConnection connection => (connection.Id, connection.PluginId, connection.Settings, connection.SettingsVisible),
            _ => throw new ArgumentException($"A {current.GetType().Name} is not a connector or an ALM connection.", nameof(current)),
        };
}
