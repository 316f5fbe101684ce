using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Security;

namespace SdeAlm.Settings;

/// <summary>
/// How Set- turns the current settings and the requested changes into what it sends: the merge (keys not
/// named keep their values, a key set to null is cleared) and the key-by-key comparison (secrets
/// included) that decides whether anything needs sending at all.
/// </summary>
internal static class SettingMerge
{
    /// <summary>
    /// The current settings with <paramref name="changes"/> applied, in the current order with new keys
    /// at the end. Both were read by <see cref="SettingKeys"/>, so keys match ignoring case; an existing key
    /// keeps the server's spelling. A null value stays in the result as null: sent, it clears the key
    /// whether the server replaces params whole or merges them.
    /// </summary>
    public static OrderedDictionary Merge(IDictionary current, IDictionary changes)
    {
        var merged = SettingKeys.NewDictionary();
        foreach (DictionaryEntry entry in current)
        {
            merged.Add(entry.Key, entry.Value);
        }

        foreach (DictionaryEntry entry in changes)
        {
            // OrderedDictionary would take the new spelling on assignment: keep the server's.
            merged[Spelling(merged, (string)entry.Key)] = entry.Value;
        }

        return merged;
    }

    /// <summary>The keys whose values differ between <paramref name="before"/> and <paramref name="after"/>, in the order of <paramref name="after"/>.</summary>
    public static IReadOnlyList<SettingChange> Compare(IDictionary before, IDictionary after, ICollection<string> secretKeys)
    {
        var changes = new List<SettingChange>();
        var seen = new HashSet<string>(SettingKeys.Comparer);
        foreach (DictionaryEntry entry in after)
        {
            var key = (string)entry.Key;
            seen.Add(key);
            var old = before[key];
            if (!SameValue(old, entry.Value))
            {
                changes.Add(new SettingChange(key, old, entry.Value, secretKeys.Contains(key)));
            }
        }

        foreach (DictionaryEntry entry in before)
        {
            var key = (string)entry.Key;
            if (seen.Add(key) && !IsUnset(entry.Value))
            {
                changes.Add(new SettingChange(key, entry.Value, null, secretKeys.Contains(key)));
            }
        }

        return changes;
    }

    /// <summary>
    /// Whether two values mean the same to the server: compared as the text it stores (7 and '7',
    /// $true and 'true'), checkbox lists by their choices, secrets by their text, null and absent alike.
    /// </summary>
    public static bool SameValue(object? a, object? b)
    {
        a = SettingValue.Unwrap(a);
        b = SettingValue.Unwrap(b);
        if (IsUnset(a) || IsUnset(b))
        {
            return IsUnset(a) && IsUnset(b);
        }

        if (a is SecureString || b is SecureString)
        {
            return string.Equals(TextOf(a), TextOf(b), StringComparison.Ordinal);
        }

        if (a is IDictionary || b is IDictionary)
        {
            return a is IDictionary first && b is IDictionary second && SameDictionary(first, second);
        }

        if (SettingValue.IsList(a) || SettingValue.IsList(b))
        {
            return SettingValue.CheckboxChoices(a).SequenceEqual(SettingValue.CheckboxChoices(b), StringComparer.Ordinal);
        }

        return string.Equals(SettingValue.AsText(a), SettingValue.AsText(b), StringComparison.Ordinal);
    }

    /// <summary>Null or DBNull: a key set to nothing, the same as a key not there.</summary>
    public static bool IsUnset(object? value) => SettingValue.Unwrap(value) is null or DBNull;

    private static bool SameDictionary(IDictionary a, IDictionary b)
    {
        var right = new Dictionary<string, object?>(SettingKeys.Comparer);
        foreach (DictionaryEntry entry in b)
        {
            right[SettingKeys.Text(entry.Key)] = entry.Value;
        }

        var count = 0;
        foreach (DictionaryEntry entry in a)
        {
            count++;
            if (!right.TryGetValue(SettingKeys.Text(entry.Key), out var other) || !SameValue(entry.Value, other))
            {
                return false;
            }
        }

        return count == right.Count;
    }

    private static string? TextOf(object? value) =>
        value is SecureString secret ? SecretText.Reveal(secret) : SettingValue.AsText(value);

    private static string Spelling(OrderedDictionary settings, string key)
    {
        foreach (string existing in settings.Keys)
        {
            if (SettingKeys.Comparer.Equals(existing, key))
            {
                return existing;
            }
        }

        return key;
    }
}
