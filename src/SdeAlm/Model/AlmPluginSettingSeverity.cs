namespace SdeAlm.Model;

/// <summary>How serious a problem with a setting is: errors make a settings set invalid, warnings do not.</summary>
public enum AlmPluginSettingSeverity
{
    Error,
    Warning,
}
