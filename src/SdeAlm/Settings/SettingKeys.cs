using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Errors;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>
/// The one rule for the keys of settings, wherever they come from (a script's hashtable, a server's
/// params, a template): each key is text, keys are compared without regard to case, entries keep the
/// order given, and two keys that differ only in case are an error naming both, since which value was
/// meant is unclear. Every settings dictionary of the module is made here.
/// </summary>
internal static class SettingKeys
{
    /// <summary>How setting keys compare: <c>alm_server</c> and <c>ALM_Server</c> are one key.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>An empty settings dictionary: ordered, its keys compared by <see cref="Comparer"/>.</summary>
    public static OrderedDictionary NewDictionary() => new(Comparer);

    /// <summary>
    /// The properties of an object (a PSCustomObject, as ConvertFrom-Json makes without -AsHashtable, and
    /// always on Windows PowerShell) as a settings dictionary, in the object's own order. Values stay as
    /// they are: a nested object is a value the field-type rules judge.
    /// </summary>
    public static OrderedDictionary FromProperties(PSObject value)
    {
        var settings = NewDictionary();
        foreach (var property in value.Properties)
        {
            if (property.IsGettable && property.MemberType is PSMemberTypes.NoteProperty or PSMemberTypes.Property or PSMemberTypes.AliasProperty)
            {
                // PowerShell's property names are unique without regard to case, as setting keys are.
                settings[property.Name] = property.Value;
            }
        }

        return settings;
    }

    /// <summary>
    /// Whether settings are those of a connector or ALM connection as Get- returned them (piped to New-
    /// to copy it, or passed as -Setting $connection.Settings): those are read-only, while a script's own
    /// dictionary never is.
    /// </summary>
    public static bool IsAsRead(IDictionary settings) => settings.IsReadOnly;

    /// <summary>A key as text: what a script wrote, or the invariant text of a number or other key.</summary>
    public static string Text(object key) => SettingValue.AsText(key) ?? string.Empty;

    /// <summary>
    /// The entries of <paramref name="settings"/> in its order, keys as text and values unwrapped from
    /// PSObject. A key that repeats another in different case is left out and reported as an error
    /// problem that names both keys.
    /// </summary>
    public static OrderedDictionary Read(IDictionary settings, ICollection<AlmPluginSettingProblem> problems)
    {
        var read = NewDictionary();
        foreach (DictionaryEntry entry in settings)
        {
            var key = Text(entry.Key);
            if (read.Contains(key))
            {
                problems.Add(new AlmPluginSettingProblem(key, AlmPluginSettingSeverity.Error, SameKey(key, Spelling(read, key))));
                continue;
            }

            read.Add(key, SettingValue.Unwrap(entry.Value));
        }

        return read;
    }

    /// <summary>
    /// <see cref="Read(IDictionary, ICollection{AlmPluginSettingProblem})"/> where a repeated key ends
    /// the command: an InvalidArgument error naming both keys of each pair (<paramref name="what"/> says whose settings).
    /// </summary>
    public static OrderedDictionary Read(IDictionary settings, string what)
    {
        var problems = new List<AlmPluginSettingProblem>();
        var read = Read(settings, problems);
        if (problems.Count > 0)
        {
            throw new SdeApiException(
                $"The settings of {what} name a key twice, so nothing was sent:{Environment.NewLine}"
                + string.Join(Environment.NewLine, problems.Select(problem => $"  {problem.Message}")),
                SdeErrorIds.AlmSettingInvalid,
                ErrorCategory.InvalidArgument,
                what);
        }

        return read;
    }

    /// <summary>The message for a key given twice in different case.</summary>
    public static string SameKey(string key, string first) =>
        $"'{first}' and '{key}' differ only in case, and setting keys are compared without regard to case: give the setting once.";

    private static string Spelling(OrderedDictionary read, string key) =>
        read.Keys.Cast<string>().First(existing => Comparer.Equals(existing, key));
}
