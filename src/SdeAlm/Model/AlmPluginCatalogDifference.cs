namespace SdeAlm.Model;

/// <summary>
/// One difference between two ALM plugin catalogs, as Compare-SdeAlmPluginCatalog reports it: a plugin
/// or field added or removed, or one property of a plugin or field that changed.
/// </summary>
public sealed class AlmPluginCatalogDifference
{
    internal AlmPluginCatalogDifference(string pluginId, string? field, AlmPluginCatalogChange change, string? property, object? before, object? after)
    {
        PluginId = pluginId;
        Field = field;
        Change = change;
        Property = property;
        Before = before;
        After = after;
    }

    public string PluginId { get; }

    /// <summary>The field's name; null for the whole plugin (added, removed, or its Name, ShortName or Command changed).</summary>
    public string? Field { get; }

    public AlmPluginCatalogChange Change { get; }

    /// <summary>For Changed, the property of the field or plugin that differs (FieldType, Required, Default, …); null for Added and Removed.</summary>
    public string? Property { get; }

    /// <summary>For Changed, the property's value in the reference catalog; null for Added and Removed.</summary>
    public object? Before { get; }

    /// <summary>For Changed, the property's value in the difference catalog; null for Added and Removed.</summary>
    public object? After { get; }

    public override string ToString()
    {
        var what = Field is null ? PluginId : PluginId + "/" + Field;
        return Change == AlmPluginCatalogChange.Changed
            ? $"{what} {Property}: {DisplayText.Of(Before)} -> {DisplayText.Of(After)}"
            : $"{what} {Change}";
    }
}
