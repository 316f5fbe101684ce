using System.Collections.Generic;
using System.Collections.Specialized;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>What checking a settings set against one plugin at one scope found, and the keys as the catalog spells them.</summary>
internal sealed class SettingCheck
{
    internal SettingCheck(
        string? pluginId,
        IReadOnlyList<AlmPluginSettingProblem> problems,
        IReadOnlyList<AlmPluginSettingProblem> alwaysRefused,
        OrderedDictionary setting,
        IReadOnlyList<string> notes)
    {
        PluginId = pluginId;
        Problems = problems;
        AlwaysRefused = alwaysRefused;
        Setting = setting;
        Notes = notes;
    }

    public string? PluginId { get; }

    /// <summary>Errors and warnings, in the order of the plugin's fields, then the keys that are no field.</summary>
    public IReadOnlyList<AlmPluginSettingProblem> Problems { get; }

    /// <summary>
    /// The errors among <see cref="Problems"/> that stop a write even when the settings are not checked
    /// (-SkipValidation): what would otherwise be sent wrong without a word, such as a key given twice.
    /// </summary>
    public IReadOnlyList<AlmPluginSettingProblem> AlwaysRefused { get; }

    /// <summary>
    /// The settings given, in their order and with their values, each key spelt as the catalog spells
    /// the field (keys that are no field as given), names and option values of the other generation
    /// translated: what would be sent to the server.
    /// </summary>
    public OrderedDictionary Setting { get; }

    /// <summary>
    /// What -Verbose tells about the settings: each translation (<c>alm_server -> issue_tracker_server:
    /// this server uses the issue-tracker names</c>) and each key left out of a copy.
    /// </summary>
    public IReadOnlyList<string> Notes { get; }

    public AlmPluginSettingTestResult ToTestResult() => new(PluginId, [.. Problems]);
}
