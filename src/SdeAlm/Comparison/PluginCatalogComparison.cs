using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Comparison;

/// <summary>
/// What changes in the ALM plugin forms from a reference catalog to a difference catalog (two servers,
/// or one server before and after an upgrade): plugins and fields added or removed, and each property of
/// a plugin or field that differs, one difference each. Plugins match by id and fields by name, both
/// without regard to case (a field's name is a setting key), so a renamed field is one removed and one
/// added. Unchanged plugins and fields give nothing. The order is the reference catalog's, with what was
/// added placed before the next item the two catalogs share, as a diff shows it.
/// </summary>
internal static class PluginCatalogComparison
{
    /// <summary>The properties of a plugin that are compared, in the order differences are listed.</summary>
    private static readonly (string Name, Func<AlmPlugin, object?> Value, Func<object?, object?, bool> Same)[] s_pluginProperties =
    [
        (nameof(AlmPlugin.Name), plugin => plugin.Name, SameText),
        (nameof(AlmPlugin.ShortName), plugin => plugin.ShortName, SameText),
        (nameof(AlmPlugin.Command), plugin => plugin.Command, SameText),
    ];

    /// <summary>The properties of a field that are compared: what a configuration depends on first, then the form's words.</summary>
    private static readonly (string Name, Func<AlmPluginField, object?> Value, Func<object?, object?, bool> Same)[] s_fieldProperties =
    [
        (nameof(AlmPluginField.Label), field => field.Label, SameText),
        (nameof(AlmPluginField.Section), field => field.Section, SameText),
        (nameof(AlmPluginField.FieldType), field => field.FieldType, (a, b) => string.Equals(a as string, b as string, StringComparison.OrdinalIgnoreCase)),
        (nameof(AlmPluginField.Required), field => field.Required, Equals),
        (nameof(AlmPluginField.Default), field => field.Default, SameValue),
        (nameof(AlmPluginField.Options), field => field.Options, SameOptions),
        (nameof(AlmPluginField.Scope), field => field.Scope, SameScope),
        (nameof(AlmPluginField.ReadOnly), field => field.ReadOnly, Equals),
        (nameof(AlmPluginField.Deprecated), field => field.Deprecated, Equals),
        (nameof(AlmPluginField.MaxLength), field => field.MaxLength, Equals),
        (nameof(AlmPluginField.Placeholder), field => field.Placeholder, SameText),
        (nameof(AlmPluginField.HelpText), field => field.HelpText, SameText),
        (nameof(AlmPluginField.Description), field => field.Description, SameText),
    ];

    public static IEnumerable<AlmPluginCatalogDifference> Compare(IEnumerable<AlmPlugin> reference, IEnumerable<AlmPlugin> difference)
    {
        foreach (var (before, after) in Align(reference, difference, plugin => plugin.Id, StringComparer.OrdinalIgnoreCase))
        {
            var differences = (before, after) switch
            {
                (null, _) => [new AlmPluginCatalogDifference(after!.Id!, null, AlmPluginCatalogChange.Added, null, null, null)],
                (_, null) => [new AlmPluginCatalogDifference(before.Id!, null, AlmPluginCatalogChange.Removed, null, null, null)],
                _ => ComparePlugins(before, after),
            };
            foreach (var change in differences)
            {
                yield return change;
            }
        }
    }

    private static IEnumerable<AlmPluginCatalogDifference> ComparePlugins(AlmPlugin before, AlmPlugin after)
    {
        var id = before.Id!;
        foreach (var (name, value, same) in s_pluginProperties)
        {
            if (!same(value(before), value(after)))
            {
                yield return new AlmPluginCatalogDifference(id, null, AlmPluginCatalogChange.Changed, name, value(before), value(after));
            }
        }

        foreach (var (old, @new) in Align(Fields(before), Fields(after), field => field.Name, SettingKeys.Comparer))
        {
            if (old is null)
            {
                yield return new AlmPluginCatalogDifference(id, @new!.Name, AlmPluginCatalogChange.Added, null, null, null);
                continue;
            }

            if (@new is null)
            {
                yield return new AlmPluginCatalogDifference(id, old.Name, AlmPluginCatalogChange.Removed, null, null, null);
                continue;
            }

            foreach (var (name, value, same) in s_fieldProperties)
            {
                if (!same(value(old), value(@new)))
                {
                    yield return new AlmPluginCatalogDifference(id, @new.Name, AlmPluginCatalogChange.Changed, name, value(old), value(@new));
                }
            }
        }
    }

    private static IEnumerable<AlmPluginField> Fields(AlmPlugin plugin) => plugin.Sections.SelectMany(section => section.Fields);

    /// <summary>
    /// The items of both lists paired by key: those of <paramref name="reference"/> in its order (with their
    /// counterpart, or null when removed), and each item only <paramref name="difference"/> has (paired
    /// with null) just before the next item both have, in the difference's order. Items without a key,
    /// and every item after the first with the same key, are left out: nothing could refer to them.
    /// </summary>
    internal static IEnumerable<(T? Before, T? After)> Align<T>(IEnumerable<T> reference, IEnumerable<T> difference, Func<T, string?> key, StringComparer comparer)
        where T : class
    {
        var before = Distinct(reference, key, comparer);
        var after = Distinct(difference, key, comparer);
        var position = new Dictionary<string, int>(comparer);
        for (var i = 0; i < before.Count; i++)
        {
            position[key(before[i])!] = i;
        }

        var afterByKey = after.ToDictionary(item => key(item)!, comparer);

        // Sort keys: 2i for the reference's i-th item; 2n - 1 for an added item whose next shared item is the n-th.
        var rows = new List<(int Order, int Tiebreak, T? Before, T? After)>();
        for (var i = 0; i < before.Count; i++)
        {
            rows.Add((2 * i, 0, before[i], afterByKey.TryGetValue(key(before[i])!, out var counterpart) ? counterpart : null));
        }

        var nextShared = 2 * before.Count;
        for (var j = after.Count - 1; j >= 0; j--)
        {
            if (position.TryGetValue(key(after[j])!, out var i))
            {
                nextShared = 2 * i;
            }
            else
            {
                rows.Add((nextShared - 1, j, null, after[j]));
            }
        }

        return rows.OrderBy(row => row.Order).ThenBy(row => row.Tiebreak).Select(row => (row.Before, row.After));
    }

    private static List<T> Distinct<T>(IEnumerable<T> items, Func<T, string?> key, StringComparer comparer)
    {
        var seen = new HashSet<string>(comparer);
        return [.. items.Where(item => key(item) is { Length: > 0 } name && seen.Add(name))];
    }

    /// <summary>Texts as a form shows them: no text and empty text are the same.</summary>
    private static bool SameText(object? before, object? after) => string.Equals(before as string ?? string.Empty, after as string ?? string.Empty, StringComparison.Ordinal);

    /// <summary>
    /// Defaults as settings compare them: as text, so 7 and "7" are one value; nothing, empty text and an
    /// empty list all mean no default; lists item by item, objects key by key.
    /// </summary>
    private static bool SameValue(object? before, object? after)
    {
        if (IsEmpty(before) || IsEmpty(after))
        {
            return IsEmpty(before) && IsEmpty(after);
        }

        return (before, after) switch
        {
            (IDictionary a, IDictionary b) => a.Count == b.Count && a.Keys.Cast<object>().All(k => b.Contains(k) && SameValue(a[k], b[k])),
            (IDictionary, _) or (_, IDictionary) => false,
            (IList a, IList b) => a.Count == b.Count && Enumerable.Range(0, a.Count).All(i => SameValue(a[i], b[i])),
            (IList, _) or (_, IList) => false,
            _ => string.Equals(DisplayText.Of(before), DisplayText.Of(after), StringComparison.Ordinal),
        };
    }

    private static bool IsEmpty(object? value) => value is null or "" or ICollection { Count: 0 };

    /// <summary>Options compare in order, each by its value, its label and whether it is disabled.</summary>
    private static bool SameOptions(object? before, object? after) =>
        before is IReadOnlyList<AlmPluginFieldOption> a && after is IReadOnlyList<AlmPluginFieldOption> b
        && a.Count == b.Count
        && a.Zip(b, (x, y) => string.Equals(x.Value, y.Value, StringComparison.Ordinal) && SameText(x.Label, y.Label) && x.Disabled == y.Disabled).All(same => same);

    /// <summary>Scopes compare as sets: "system, project" and "project, system" say the same.</summary>
    private static bool SameScope(object? before, object? after) =>
        before is IEnumerable<string> a && after is IEnumerable<string> b
        && new HashSet<string>(a, StringComparer.OrdinalIgnoreCase).SetEquals(b);
}
