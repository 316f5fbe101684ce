using System.Linq;

namespace SdeAlm.Model;

/// <summary>What Test-SdeAlmPluginSetting returns for one settings set: valid unless a problem is an error.</summary>
public sealed class AlmPluginSettingTestResult
{
    internal AlmPluginSettingTestResult(string? pluginId, AlmPluginSettingProblem[] problems)
    {
        PluginId = pluginId;
        Problems = problems;
    }

    /// <summary>The plugin whose schema the settings were checked against.</summary>
    public string? PluginId { get; }

    /// <summary>True when no problem is an error; warnings alone leave the settings valid.</summary>
    public bool IsValid => Problems.All(problem => problem.Severity != AlmPluginSettingSeverity.Error);

    /// <summary>Errors and warnings, in the order of the plugin's fields, then unknown keys.</summary>
    public AlmPluginSettingProblem[] Problems { get; }

    public override string ToString() => $"{PluginId}: {(IsValid ? "valid" : "invalid")}";
}
