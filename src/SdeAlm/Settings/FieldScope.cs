using System;
using System.Linq;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>
/// Where a plugin field is set: in a system ALM connector or in a project's ALM connection. The
/// catalog lists a field's scopes in <see cref="AlmPluginField.Scope"/>; this is the one place that
/// reads them.
/// </summary>
internal static class FieldScope
{
    public const string System = "system";
    public const string Project = "project";

    /// <summary>The scope as the catalog spells it, whatever the case given; null for anything else.</summary>
    public static string? Parse(string? text) =>
        string.Equals(text, System, StringComparison.OrdinalIgnoreCase) ? System
        : string.Equals(text, Project, StringComparison.OrdinalIgnoreCase) ? Project
        : null;

    /// <summary>True when no scope is asked for, or the field can be set at that scope.</summary>
    public static bool Matches(AlmPluginField field, string? scope) =>
        scope is null || field.Scope.Contains(scope, StringComparer.OrdinalIgnoreCase);
}
