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
    /// Test-SdeAlmPluginSetting and the cmdlets that write settings. Keys and option values of the other
    /// generation of SD Elements' names are first translated to this catalog's, and a copy of settings
    /// as read leaves out the server's own keys (both noted for -Verbose). Errors: a required field
    /// missing or empty (unless the catalog has a default for it and it is left out), a value of a shape
    /// or text the field does not take, a key that is no field (with the nearest name when one is close),
    /// a field given twice, a secret's stand-in. Warnings: read-only and deprecated fields, and a field of
    /// the other scope, which would be sent as given.
    /// </summary>
    public static SettingCheck Check(AlmPlugin plugin, IDictionary setting, string? scope) => Check(plugin, setting, scope, wholeSet: true);

    /// <summary>
    /// <see cref="Check(AlmPlugin, IDictionary, string?)"/> of the settings a change gives: each given
    /// key and value is judged, but required fields are not looked for, since the change keeps what the
    /// server has (<see cref="MissingRequired"/> judges the merged whole).
    /// </summary>
    public static SettingCheck CheckChange(AlmPlugin plugin, IDictionary setting, string? scope) => Check(plugin, setting, scope, wholeSet: false);

    /// <summary>
    /// The required fields that settings as they would be after a change (the server's merged with the
    /// given) lack or leave empty. The server's own values are not judged otherwise: a write never fails
    /// over what it did not touch.
    /// </summary>
    public static IReadOnlyList<AlmPluginSettingProblem> MissingRequired(AlmPlugin plugin, OrderedDictionary merged, string? scope)
    {
        scope = FieldScope.Parse(scope);
        var problems = new List<AlmPluginSettingProblem>();
        foreach (var field in FieldsOf(plugin).Values)
        {
            RequiredProblem(field, merged, scope, problems);
        }

        return problems;
    }

    /// <summary>
    /// What can be checked of settings for a plugin the catalog does not list: only the rules that need
    /// no field, which also hold unchecked (a key given twice, a secret's stand-in; the keys of
    /// <paramref name="secretKeys"/> are taken to hold secrets).
    /// </summary>
    public static SettingCheck CheckWithoutPlugin(IDictionary setting, ICollection<string> secretKeys)
    {
        var problems = new List<AlmPluginSettingProblem>();
        var read = SettingKeys.Read(setting, problems);
        foreach (DictionaryEntry entry in read)
        {
            var key = (string)entry.Key;
            if (StandIn(key, entry.Value, secretKeys.Contains(key)) is { } standIn)
            {
                problems.Add(standIn);
            }
        }

        return new SettingCheck(null, problems, problems, read, []);
    }

    /// <summary>An error when the value is what a secret became on its way out of PowerShell (see <see cref="SecretStandIn"/>).</summary>
    private static AlmPluginSettingProblem? StandIn(string key, object? value, bool secretField) =>
        SecretStandIn.Describe(value, secretField) is { } message ? Error(key, message) : null;

    private static SettingCheck Check(AlmPlugin plugin, IDictionary setting, string? scope, bool wholeSet)
    {
        scope = FieldScope.Parse(scope);
        var problems = new List<AlmPluginSettingProblem>();
        var read = SettingKeys.Read(setting, problems);
        var alwaysRefused = new List<AlmPluginSettingProblem>(problems);
        var fields = FieldsOf(plugin);
        var notes = new List<string>();
        var given = Translate(read, fields, problems, alwaysRefused, notes);
        if (SettingKeys.IsAsRead(setting))
        {
            LeaveOutServerKeys(plugin, given, fields, notes);
        }

        foreach (var field in fields.Values)
        {
            if (wholeSet)
            {
                RequiredProblem(field, given, scope, problems);
            }

            if (given.Contains(field.Name!) && !SettingValue.IsEmpty(given[field.Name!]))
            {
                JudgeValue(field.Name!, field, given[field.Name!], scope, problems, alwaysRefused);
            }
        }

        foreach (var key in given.Keys.Cast<string>().Where(key => !fields.ContainsKey(key)))
        {
            problems.Add(Error(key, NotAField(plugin, key, fields)));
            JudgeValue(key, null, given[key], scope, problems, alwaysRefused);
        }

        var spelt = SettingKeys.NewDictionary();
        foreach (DictionaryEntry entry in given)
        {
            var key = (string)entry.Key;
            spelt[fields.TryGetValue(key, out var field) ? field.Name! : key] = entry.Value;
        }

        return new SettingCheck(plugin.Id, problems, alwaysRefused, spelt, notes);
    }

    /// <summary>
    /// A value given, under a field or under a key that is none: a secret's stand-in is an error that
    /// stops a write even unchecked, and is judged no further; any other value of a field is judged by it.
    /// </summary>
    private static void JudgeValue(
        string key,
        AlmPluginField? field,
        object? value,
        string? scope,
        List<AlmPluginSettingProblem> problems,
        List<AlmPluginSettingProblem> alwaysRefused)
    {
        if (StandIn(key, value, field is not null && FieldTypes.Is(field, FieldTypes.MaskedString)) is { } standIn)
        {
            problems.Add(standIn);
            alwaysRefused.Add(standIn);
            return;
        }

        if (field is not null)
        {
            GivenProblems(field, value, scope, problems);
        }
    }

    /// <summary>
    /// The given settings with each key that the catalog lacks, but whose counterpart in the other
    /// generation of SD Elements' names it has, under that field's name, and each option value likewise
    /// (see <see cref="IssueTrackerRename"/>); every translation is noted for -Verbose. A field given
    /// under both names is an error that stops a write even unchecked, since which value was meant is unclear.
    /// </summary>
    private static OrderedDictionary Translate(
        OrderedDictionary given,
        IReadOnlyDictionary<string, AlmPluginField> fields,
        List<AlmPluginSettingProblem> problems,
        List<AlmPluginSettingProblem> alwaysRefused,
        List<string> notes)
    {
        var translated = SettingKeys.NewDictionary();
        var givenAs = new Dictionary<string, string>(SettingKeys.Comparer);
        foreach (DictionaryEntry entry in given)
        {
            var key = (string)entry.Key;
            var renamed = !fields.ContainsKey(key) && IssueTrackerRename.Counterpart(key) is { } other && fields.TryGetValue(other, out var counterpart)
                ? counterpart.Name!
                : null;
            var name = renamed ?? key;
            if (givenAs.TryGetValue(name, out var first))
            {
                var twice = Error(name, $"'{first}' and '{key}' name one field on this server ({IssueTrackerRename.Reason(name)}, and SdeAlm translates alm_* and issue_tracker_* to them): give the setting once.");
                problems.Add(twice);
                alwaysRefused.Add(twice);
                continue;
            }

            givenAs.Add(name, key);
            if (renamed is not null)
            {
                notes.Add($"{key} -> {renamed}: {IssueTrackerRename.Reason(renamed)}");
            }

            translated.Add(name, fields.TryGetValue(name, out var field) ? TranslateValue(field, entry.Value, notes) : entry.Value);
        }

        return translated;
    }

    /// <summary>
    /// Settings as a server returned them (a copy) may hold keys that are no field of the plugin: the
    /// server's own record of the resource, such as the last_successful_run of current releases. They
    /// are not settings, so a copy leaves them out rather than claim them for the new resource (or fail
    /// over them); -Verbose names each. A script's own dictionary keeps them, to be refused as unknown.
    /// </summary>
    private static void LeaveOutServerKeys(AlmPlugin plugin, OrderedDictionary given, IReadOnlyDictionary<string, AlmPluginField> fields, List<string> notes)
    {
        foreach (var key in given.Keys.Cast<string>().Where(key => !fields.ContainsKey(key)).ToList())
        {
            given.Remove(key);
            notes.Add($"{key}: left out, not a field of plugin '{plugin.Id}' on this server: the settings are those of a connector or ALM connection as read, where such a key is the server's own record, not a setting.");
        }
    }

    /// <summary>
    /// An option value of the other generation (<c>alm</c>, <c>issue_tracker</c>) as the field's own
    /// option, when the field lacks it and has its counterpart; a checkbox's choices one by one (then
    /// given back as comma-separated text). Anything else as given.
    /// </summary>
    private static object? TranslateValue(AlmPluginField field, object? value, List<string> notes)
    {
        var checkbox = FieldTypes.Is(field, FieldTypes.Checkbox);
        var shape = ValueShapes.Of(value);
        var one = (FieldTypes.Is(field, FieldTypes.Radio) || FieldTypes.Is(field, FieldTypes.Select)) && ValueShapes.IsScalar(shape);
        var many = checkbox && (ValueShapes.IsScalar(shape) || (shape == ValueShape.List && ValueShapes.FirstNonScalarItem(value) is null));
        if (SettingValue.IsEmpty(value) || (!one && !many))
        {
            return value;
        }

        var choices = one ? [SettingValue.AsText(value) ?? string.Empty] : SettingValue.CheckboxChoices(value);
        var options = choices.Select(choice => CounterpartOption(field, choice)).ToList();
        if (options.All(option => option is null))
        {
            return value;
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (options[i] is { } option)
            {
                notes.Add($"{field.Name}: '{choices[i]}' -> '{option}': {IssueTrackerRename.Reason(option)}");
            }
        }

        var values = choices.Select((choice, i) => options[i] ?? choice).ToList();
        return one ? values[0] : string.Join(",", values);
    }

    /// <summary>The field's option that is the counterpart of <paramref name="choice"/>, when the field lacks the choice itself.</summary>
    private static string? CounterpartOption(AlmPluginField field, string choice)
    {
        if (field.Options.Any(option => string.Equals(option.Value, choice, StringComparison.Ordinal)) || IssueTrackerRename.ValueCounterpart(choice) is not { } other)
        {
            return null;
        }

        return field.Options.FirstOrDefault(option => string.Equals(option.Value, other, StringComparison.OrdinalIgnoreCase))?.Value;
    }

    /// <summary>The named fields of a plugin by name, the first of each name, in catalog order; worked out once per plugin.</summary>
    private static IReadOnlyDictionary<string, AlmPluginField> FieldsOf(AlmPlugin plugin) => PluginFields.Of(plugin).ByName;

    /// <summary>A required field that is missing, or given empty, where it must be set.</summary>
    private static void RequiredProblem(AlmPluginField field, OrderedDictionary given, string? scope, List<AlmPluginSettingProblem> problems)
    {
        var name = field.Name!;
        var present = given.Contains(name);
        if (present && !SettingValue.IsEmpty(given[name]))
        {
            return;
        }

        if (present ? field.Required && SettableField.IsSettable(field, scope) : !SettableField.MayBeOmitted(field, scope))
        {
            problems.Add(Error(name, present
                ? $"The field is required but its value is empty. {Hint(field)}"
                : $"The field is required but missing. {Hint(field)}"));
        }
    }

    /// <summary>What is wrong with, or worth knowing about, a value given to a field.</summary>
    private static void GivenProblems(AlmPluginField field, object? value, string? scope, List<AlmPluginSettingProblem> problems)
    {
        var name = field.Name!;
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

        if (ShapeError(field, value) is { } shapeError)
        {
            yield return shapeError;
            yield break;
        }

        if (FieldTypes.Is(field, FieldTypes.Radio) || FieldTypes.Is(field, FieldTypes.Select))
        {
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

    /// <summary>
    /// Why a value's shape does not fit the field's type, never showing the value; null when it fits.
    /// Every known type takes one value that reads as text (text, a number, a Boolean: servers send
    /// numbers for select fields and Booleans for text ones); a masked_string also a SecureString but not
    /// a Boolean, a checkbox also a list of such values. A dictionary, a date or another object fits none.
    /// </summary>
    private static string? ShapeError(AlmPluginField field, object? value)
    {
        var shape = ValueShapes.Of(value);
        var masked = FieldTypes.Is(field, FieldTypes.MaskedString);
        var checkbox = FieldTypes.Is(field, FieldTypes.Checkbox);
        var options = checkbox || FieldTypes.Is(field, FieldTypes.Radio) || FieldTypes.Is(field, FieldTypes.Select);
        var badItem = checkbox && shape == ValueShape.List ? ValueShapes.FirstNonScalarItem(value) : null;
        var fits = masked
            ? shape is ValueShape.Text or ValueShape.Number or ValueShape.Secret
            : ValueShapes.IsScalar(shape) || (checkbox && shape == ValueShape.List && badItem is null);
        if (fits)
        {
            return null;
        }

        if (options && !checkbox && shape == ValueShape.List)
        {
            return $"A {field.FieldType} field takes one value, not a list. {Choices(field)}";
        }

        var what = badItem is null ? ValueShapes.Describe(value) : $"a list that holds {ValueShapes.Describe(badItem)}";
        return $"{Article(field.FieldType)} {field.FieldType} field takes {Takes(field)}, not {what}.{(options ? " " + Choices(field) : string.Empty)}";
    }

    private static string Article(string? word) => word is { Length: > 0 } && "aeiouAEIOU".IndexOf(word[0]) >= 0 ? "An" : "A";

    /// <summary>What a field of a known type takes, as shape errors say it.</summary>
    private static string Takes(AlmPluginField field) =>
        FieldTypes.Is(field, FieldTypes.MaskedString) ? "text or a SecureString"
        : FieldTypes.Is(field, FieldTypes.Checkbox) ? "option values, as a list or as comma-separated text"
        : FieldTypes.Is(field, FieldTypes.Radio) || FieldTypes.Is(field, FieldTypes.Select) ? "one of its option values"
        : FieldTypes.Is(field, FieldTypes.Boolean) ? "$true or $false"
        : FieldTypes.Is(field, FieldTypes.Integer) ? "a whole number"
        : "text";

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
    private static string NotAField(AlmPlugin plugin, string key, IReadOnlyDictionary<string, AlmPluginField> fields)
    {
        if (fields.Count == 0)
        {
            return $"'{key}' is not a field of plugin '{plugin.Id}', which has no fields.";
        }

        // Did-you-mean after translation: alm_sever on a server of issue-tracker names suggests issue_tracker_server.
        IReadOnlyCollection<string> spellings = IssueTrackerRename.Counterpart(key) is { } other ? [key, other] : [key];
        return NameSuggester.Nearest(spellings, fields.Keys) is { } nearest
            ? $"'{key}' is not a field of plugin '{plugin.Id}'. Did you mean '{nearest}'?"
            : $"'{key}' is not a field of plugin '{plugin.Id}'. Get-SdeAlmPluginField -PluginId {plugin.Id} lists its fields.";
    }

    private static string Hint(AlmPluginField field) =>
        field.Label is { Length: > 0 } label ? $"SD Elements shows it as '{label}'." : string.Empty;

    private static string Show(object? value) => $"'{SettingValue.AsText(value)}'";

    private static AlmPluginSettingProblem Error(string field, string message) =>
        new(field, AlmPluginSettingSeverity.Error, message.TrimEnd());

    private static AlmPluginSettingProblem Warning(string field, string message) =>
        new(field, AlmPluginSettingSeverity.Warning, message.TrimEnd());
}
