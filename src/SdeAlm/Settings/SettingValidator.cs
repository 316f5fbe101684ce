using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>
/// Checks a settings dictionary against a plugin's fields without contacting the server. Keys match
/// field names whatever their case, as PowerShell users expect; the catalog's spelling is what would
/// be sent.
/// </summary>
internal static class SettingValidator
{
    /// <summary>
    /// The one check of a settings set against one plugin at one scope (null: any scope), shared by
    /// Test-SdeAlmPluginSetting and the cmdlets that write settings. Errors: a required field missing
    /// or empty (unless the catalog has a default for it and it is left out), a value the field does not
    /// take, a key that is no field (with the nearest name), a field given twice. Warnings: read-only
    /// and deprecated fields, and a field of the other scope, which would be sent as given.
    /// </summary>
    public static SettingCheck Check(AlmPlugin plugin, IDictionary setting, string? scope)
    {
        scope = FieldScope.Parse(scope);
        var problems = new List<AlmPluginSettingProblem>();
        var given = SettingKeys.Read(setting, problems);
        var fields = new Dictionary<string, AlmPluginField>(SettingKeys.Comparer);
        foreach (var field in plugin.Sections.SelectMany(section => section.Fields).Where(field => !string.IsNullOrEmpty(field.Name)))
        {
            if (fields.ContainsKey(field.Name!))
            {
                continue;
            }

            fields.Add(field.Name!, field);
            CheckField(field, given, scope, problems);
        }

        foreach (var key in given.Keys.Cast<string>().Where(key => !fields.ContainsKey(key)))
        {
            problems.Add(Error(key, NotAField(plugin, key, fields)));
        }

        var spelt = SettingKeys.NewDictionary();
        foreach (DictionaryEntry entry in given)
        {
            var key = (string)entry.Key;
            spelt[fields.TryGetValue(key, out var field) ? field.Name! : key] = entry.Value;
        }

        return new SettingCheck(plugin.Id, problems, spelt);
    }

    private static void CheckField(AlmPluginField field, OrderedDictionary given, string? scope, List<AlmPluginSettingProblem> problems)
    {
        var name = field.Name!;
        var present = given.Contains(name);
        var value = present ? given[name] : null;
        if (!present || SettingValue.IsEmpty(value))
        {
            if (present ? field.Required && SettableField.IsSettable(field, scope) : !SettableField.MayBeOmitted(field, scope))
            {
                problems.Add(Error(name, present
                    ? $"The field is required but its value is empty. {Hint(field)}"
                    : $"The field is required but missing. {Hint(field)}"));
            }

            return;
        }

        if (field.ReadOnly)
        {
            problems.Add(Warning(name, "The field is read-only: SD Elements keeps its own value and ignores this one."));
        }

        if (field.Deprecated)
        {
            problems.Add(Warning(name, $"The field is deprecated and may be removed; avoid setting it.{(string.IsNullOrWhiteSpace(field.HelpText) ? string.Empty : $" Its help text says: {field.HelpText!.Trim()}")}"));
        }

        if (!FieldScope.Matches(field, scope))
        {
            problems.Add(Warning(name, OtherScope(field, scope!)));
        }

        foreach (var message in ValueErrors(field, value))
        {
            problems.Add(Error(name, message));
        }
    }

    private static string OtherScope(AlmPluginField field, string scope)
    {
        var belongs = field.Scope.Length == 0
            ? "The catalog gives the field no scope"
            : $"The field is set {string.Join(" and ", field.Scope.Select(Where))}";
        return $"{belongs}, not {Where(scope)}; it would be sent as given.";
    }

    private static string Where(string scope) =>
        FieldScope.Parse(scope) switch
        {
            FieldScope.System => "in a system ALM connector (system scope)",
            FieldScope.Project => "in a project's ALM connection (project scope)",
            _ => $"at '{scope}' scope",
        };

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

    /// <summary>Why a key is refused: no field has its name; the nearest field name when one is close.</summary>
    private static string NotAField(AlmPlugin plugin, string key, Dictionary<string, AlmPluginField> fields)
    {
        if (fields.Count == 0)
        {
            return $"'{key}' is not a field of plugin '{plugin.Id}', which has no fields.";
        }

        return NameSuggester.Nearest(key, fields.Keys) is { } nearest
            ? $"'{key}' is not a field of plugin '{plugin.Id}'. Did you mean '{nearest}'?"
            : $"'{key}' is not a field of plugin '{plugin.Id}'. Get-SdeAlmPluginField -PluginId {plugin.Id} lists its fields.";
    }

    private static string Hint(AlmPluginField field) =>
        field.Label is { Length: > 0 } label ? $"SD Elements shows it as '{label}'." : string.Empty;

    private static string Show(object? value) =>
        SettingValue.IsList(value) ? "A list" : $"'{SettingValue.AsText(value)}'";

    private static AlmPluginSettingProblem Error(string field, string message) =>
        new(field, AlmPluginSettingSeverity.Error, message.TrimEnd());

    private static AlmPluginSettingProblem Warning(string field, string message) =>
        new(field, AlmPluginSettingSeverity.Warning, message.TrimEnd());
}
