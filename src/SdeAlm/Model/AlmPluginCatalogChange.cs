namespace SdeAlm.Model;

/// <summary>What happened to a plugin, a field or one of its properties from one catalog to the other.</summary>
public enum AlmPluginCatalogChange
{
    /// <summary>Only the difference catalog has the plugin or field.</summary>
    Added,

    /// <summary>Only the reference catalog has the plugin or field.</summary>
    Removed,

    /// <summary>Both have it, and one property (named by Property) differs.</summary>
    Changed,
}
