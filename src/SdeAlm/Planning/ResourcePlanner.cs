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
        var problems = new List<AlmPluginSettingProblem>();
        var read = SettingKeys.Read(edit.Settings ?? SettingKeys.NewDictionary(), problems);
        var settings = read;
        if (plugin is not null)
        {
            var check = SettingValidator.Check(plugin, read, plan.Scope);
            settings = check.Setting;
            problems.AddRange(validate ? check.Problems : []);
        }

        plan.PluginMissing = validate && plugin is null;
        plan.NamedKeys = KeysOf(settings);
        plan.Requested = settings;
        plan.PropertiesToSend = edit.Properties;
        plan.SettingsToSend = settings;
        plan.Problems = problems;
        plan.Changes =
        [
            .. edit.Properties.Select(property => new SettingChange(property.Label, null, property.Shown, isSecret: false)),
            .. settings.Cast<DictionaryEntry>().Select(entry => new SettingChange((string)entry.Key, null, entry.Value, secretKeys.Contains((string)entry.Key))),
        ];
        return plan;
    }

    /// <summary>
    /// An existing resource (a connector or ALM connection as read): the properties that differ are sent;
    /// given settings are merged into the current ones and, when that changes anything, sent whole.
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
            var requested = Spell(edit.Settings, plugin, plan.Scope, problems);
            var merged = SettingMerge.Merge(currentSettings, requested);
            Check(plan, Judged(merged, currentSettings, requested, plugin), problems, validate);
            plan.NamedKeys = KeysOf(requested);
            plan.Requested = requested;
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
    /// The settings read by the key rule (a key repeated in another case is an error, whatever the
    /// validation) and spelt as the catalog spells its fields; keys that are no field stay as given.
    /// </summary>
    private static OrderedDictionary Spell(IDictionary? settings, AlmPlugin? plugin, string scope, List<AlmPluginSettingProblem> problems)
    {
        var read = SettingKeys.Read(settings ?? SettingKeys.NewDictionary(), problems);
        return plugin is null ? read : SettingValidator.Check(plugin, read, scope).Setting;
    }

    /// <summary>Checks settings against the plugin's fields when asked to; no plugin to check against is a problem of its own.</summary>
    private static void Check(ResourcePlan plan, IDictionary settings, List<AlmPluginSettingProblem> problems, bool validate)
    {
        if (!validate)
        {
            return;
        }

        if (plan.Plugin is null)
        {
            plan.PluginMissing = true;
            return;
        }

        problems.AddRange(SettingValidator.Check(plan.Plugin, settings, plan.Scope).Problems);
    }

    /// <summary>
    /// The merged settings as they are checked: without the keys that the server holds, the write does not
    /// name and the plugin has no field for (current releases keep <c>last_successful_run</c> in a
    /// connection's params). Those are the server's own: they are sent back as the server has them, and a
    /// write that leaves them alone is not refused for them.
    /// </summary>
    private static OrderedDictionary Judged(OrderedDictionary merged, IDictionary current, OrderedDictionary requested, AlmPlugin? plugin)
    {
        if (plugin is null)
        {
            return merged;
        }

        var fields = PluginFields.Of(plugin).ByName;
        bool IsJudged(string key) => fields.ContainsKey(key) || requested.Contains(key) || !current.Contains(key);
        if (merged.Keys.Cast<string>().All(IsJudged))
        {
            return merged;
        }

        var judged = SettingKeys.NewDictionary();
        foreach (DictionaryEntry entry in merged)
        {
            if (IsJudged((string)entry.Key))
            {
                judged.Add(entry.Key, entry.Value);
            }
        }

        return judged;
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
