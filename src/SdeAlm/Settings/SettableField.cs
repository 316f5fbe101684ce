using System.Collections.Generic;
using System.Linq;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>Which fields a settings set is made of, and which of them it must give.</summary>
internal static class SettableField
{
    /// <summary>Named, writable, current and, with a scope, settable at that scope.</summary>
    public static bool IsSettable(AlmPluginField field, string? scope) =>
        !string.IsNullOrEmpty(field.Name) && !field.ReadOnly && !field.Deprecated && FieldScope.Matches(field, scope);

    /// <summary>The settable fields of a plugin, in catalog order.</summary>
    public static IEnumerable<AlmPluginField> Of(AlmPlugin plugin, string? scope) =>
        plugin.Sections.SelectMany(section => section.Fields).Where(field => IsSettable(field, scope));

    /// <summary>
    /// A required settable field may be left out only when the catalog gives it a default: we take it
    /// that the server then applies the default.
    /// </summary>
    public static bool MayBeOmitted(AlmPluginField field, string? scope) =>
        !field.Required || !IsSettable(field, scope) || !SettingValue.IsEmpty(field.Default);
}
