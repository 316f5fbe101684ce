using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>Checks a settings dictionary against a plugin's fields without contacting the server.</summary>
internal static class SettingValidator
{
    public static AlmPluginSettingTestResult Validate(AlmPlugin plugin, IDictionary setting, string? scope)
    {
        var problems = new List<AlmPluginSettingProblem>();
        var (values, keys) = ReadKeys(setting);
        var fields = plugin.Sections.SelectMany(section => section.Fields).Where(field => !string.IsNullOrEmpty(field.Name)).ToList();
        var checkedNames = new HashSet<string>(StringComparer.Ordinal);

        foreach (var field in fields)
        {
            var name = field.Name!;
            if (!checkedNames.Add(name))
            {
                continue;
            }

            var present = values.TryGetValue(name, out var value);
            if (!present || SettingValue.IsEmpty(value))
            {
                if (field.Required && !field.ReadOnly && !field.Deprecated && FieldTypes.InScope(field, scope))
                {
                    problems.Add(Error(name, present
                        ? $"The field is required but its value is empty. {Hint(field)}"
                        : $"The field is required but missing. {Hint(field)}"));
                }

                continue;
            }

            if (field.ReadOnly)
            {
                problems.Add(new AlmPluginSettingProblem(name, AlmPluginSettingSeverity.Warning, "The field is read-only: SD Elements keeps its own value and ignores this one."));
            }

            if (field.Deprecated)
            {
                problems.Add(new AlmPluginSettingProblem(name, AlmPluginSettingSeverity.Warning, $"The field is deprecated and may be removed; avoid setting it.{(string.IsNullOrWhiteSpace(field.HelpText) ? string.Empty : $" Its help text says: {field.HelpText!.Trim()}")}"));
            }

            foreach (var message in ValueErrors(field, value))
            {
                problems.Add(Error(name, message));
            }
        }

        foreach (var key in keys.Where(key => !checkedNames.Contains(key)))
        {
            var nearest = NameSuggester.Nearest(key, checkedNames);
            problems.Add(Error(key, nearest is null
                ? $"'{key}' is not a field of plugin '{plugin.Id}', which has no fields."
                : $"'{key}' is not a field of plugin '{plugin.Id}'. Did you mean '{nearest}'?"));
        }

        return new AlmPluginSettingTestResult(plugin.Id, [.. problems]);
    }

    /// <summary>The errors in one non-empty value, by field type; an unknown type accepts anything.</summary>
    internal static IEnumerable<string> ValueErrors(AlmPluginField field, object? value)
    {
        if (!FieldTypes.IsKnown(field.FieldType))
        {
            yield break;
        }

        if (FieldTypes.Is(field, FieldTypes.Radio) || FieldTypes.Is(field, FieldTypes.Select))
        {
            if (SettingValue.IsList(value))
            {
                yield return $"A {field.FieldType} field takes one value, not a list. {Choices(field)}";
                yield break;
            }

            if (OptionError(field, SettingValue.AsText(value) ?? string.Empty) is { } error)
            {
                yield return error;
            }

            yield break;
        }

        if (FieldTypes.Is(field, FieldTypes.Checkbox))
        {
            foreach (var choice in SettingValue.CheckboxChoices(value))
            {
                if (OptionError(field, choice) is { } error)
                {
                    yield return error;
                }
            }

            yield break;
        }

        if (FieldTypes.Is(field, FieldTypes.Boolean) && !SettingValue.TryGetBoolean(value, out _))
        {
            yield return $"{Show(value)} is not a Boolean: use $true or $false, or the text 'true' or 'false'.";
            yield break;
        }

        if (FieldTypes.Is(field, FieldTypes.Integer) && !SettingValue.IsWholeNumber(value))
        {
            yield return $"{Show(value)} is not a whole number.";
            yield break;
        }

        if (field.MaxLength is { } maximum && SettingValue.TextLength(value) is { } length && length > maximum)
        {
            yield return $"The value is {length} characters long; the field takes at most {maximum}.";
        }
    }

    /// <summary>Null when the text is an enabled option of the field; otherwise why not.</summary>
    private static string? OptionError(AlmPluginField field, string text)
    {
        var option = field.Options.FirstOrDefault(option => string.Equals(option.Value, text, StringComparison.Ordinal));
        if (option is null)
        {
            return $"'{text}' is not one of the field's values. {Choices(field)}";
        }

        return option.Disabled ? $"'{text}' is a disabled option of this field. {Choices(field)}" : null;
    }

    private static string Choices(AlmPluginField field)
    {
        var enabled = field.Options.Where(option => !option.Disabled).Select(option => option.Value).ToList();
        return enabled.Count == 0
            ? "The field has no option that can be chosen now."
            : $"Choose {(FieldTypes.Is(field, FieldTypes.Checkbox) ? "from" : "one of")}: {string.Join(", ", enabled)}.";
    }

    private static string Hint(AlmPluginField field) =>
        field.Label is { Length: > 0 } label ? $"SD Elements shows it as '{label}'." : string.Empty;

    private static string Show(object? value) =>
        SettingValue.IsList(value) ? "A list" : $"'{SettingValue.AsText(value)}'";

    private static AlmPluginSettingProblem Error(string field, string message) =>
        new(field, AlmPluginSettingSeverity.Error, message.TrimEnd());

    /// <summary>The dictionary's entries by key text, and the keys in its own order; keys compare exactly, as the server's do.</summary>
    private static (Dictionary<string, object?> Values, List<string> Keys) ReadKeys(IDictionary setting)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (DictionaryEntry entry in setting)
        {
            var key = SettingValue.AsText(entry.Key) ?? string.Empty;
            if (!values.ContainsKey(key))
            {
                keys.Add(key);
            }

            values[key] = entry.Value;
        }

        return (values, keys);
    }
}
