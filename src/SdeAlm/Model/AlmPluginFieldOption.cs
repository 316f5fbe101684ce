namespace SdeAlm.Model;

/// <summary>One choice of a radio, select or checkbox field.</summary>
public sealed class AlmPluginFieldOption
{
    internal AlmPluginFieldOption(string? label, string? value, bool disabled)
    {
        Label = label;
        Value = value;
        Disabled = disabled;
    }

    public string? Label { get; }

    /// <summary>The value stored in settings; numbers and booleans sent by the server arrive as their JSON text.</summary>
    public string? Value { get; }

    public bool Disabled { get; }

    public override string ToString() => Value ?? string.Empty;
}
