using System.Globalization;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>Builds the settings a plugin starts from: every settable field with its default, in form order.</summary>
internal static class SettingTemplate
{
    /// <summary>
    /// One key per field in catalog order (like PowerShell's [ordered]@{}), valued by the field's
    /// default in its natural type. Read-only and deprecated fields are left out, and with a scope only
    /// that scope's fields are kept.
    /// </summary>
    public static AlmPluginSetting Build(AlmPlugin plugin, string? scope)
    {
        var template = new AlmPluginSetting(plugin.Id, FieldScope.Parse(scope));
        foreach (var field in SettableField.Of(plugin, scope))
        {
            if (!template.Contains(field.Name!))
            {
                template.Add(field.Name!, NaturalDefault(field));
            }
        }

        return template;
    }

    /// <summary>
    /// The default as a script would write it: a Boolean for boolean fields (even when the server sends
    /// "true"), a number for integer fields, the comma-separated text for checkboxes, otherwise as sent.
    /// </summary>
    public static object? NaturalDefault(AlmPluginField field)
    {
        var value = field.Default;
        if (value is null)
        {
            return null;
        }

        if (FieldTypes.Is(field, FieldTypes.Boolean))
        {
            return value switch
            {
                _ when SettingValue.TryGetBoolean(value, out var flag) => flag,
                long number when number is 0 or 1 => number == 1,
                _ => value,
            };
        }

        if (FieldTypes.Is(field, FieldTypes.Integer) && value is string text)
        {
            return long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? whole
                : double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ? real
                : value;
        }

        if (FieldTypes.Is(field, FieldTypes.Checkbox) && SettingValue.IsList(value))
        {
            return string.Join(",", SettingValue.CheckboxChoices(value));
        }

        return value;
    }
}
