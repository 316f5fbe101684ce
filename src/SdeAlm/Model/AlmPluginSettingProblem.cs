namespace SdeAlm.Model;

/// <summary>One thing Test-SdeAlmPluginSetting found wrong, or worth knowing, about a setting.</summary>
public sealed class AlmPluginSettingProblem
{
    internal AlmPluginSettingProblem(string field, AlmPluginSettingSeverity severity, string message)
    {
        Field = field;
        Severity = severity;
        Message = message;
    }

    /// <summary>The field (or, for an unknown key, the key) the problem concerns.</summary>
    public string Field { get; }

    public AlmPluginSettingSeverity Severity { get; }

    public string Message { get; }

    public override string ToString() => $"{Severity} {Field}: {Message}";
}
