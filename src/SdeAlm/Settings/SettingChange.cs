using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Security;

namespace SdeAlm.Settings;

/// <summary>One difference between a resource as it is and as a write would leave it: a setting, or a property such as Name.</summary>
internal sealed class SettingChange
{
    public SettingChange(string key, object? before, object? after, bool isSecret)
    {
        Key = key;
        Before = before;
        After = after;
        IsSecret = isSecret || SettingValue.Unwrap(before) is SecureString || SettingValue.Unwrap(after) is SecureString;
    }

    public string Key { get; }

    public object? Before { get; }

    public object? After { get; }

    /// <summary>A secret's values are never shown, only that it changed.</summary>
    public bool IsSecret { get; }

    /// <summary>
    /// The change as -WhatIf shows it: <c>alm_server: 'old' -> 'new'</c>, or for a secret only
    /// <c>alm_pass: (secret) changed</c>.
    /// </summary>
    public override string ToString()
    {
        var before = SettingMerge.IsUnset(Before);
        var after = SettingMerge.IsUnset(After);
        if (IsSecret)
        {
            return $"{Key}: (secret) {(before ? "set" : after ? "cleared" : "changed")}";
        }

        return $"{Key}: {(before ? "(not set)" : Show(Before))} -> {(after ? "(cleared)" : Show(After))}";
    }

    /// <summary>The value a new resource would get, as -WhatIf shows it: <c>alm_server = 'x'</c>, a secret as <c>alm_pass = (secret)</c>.</summary>
    public string DescribeNew() => IsSecret ? $"{Key} = (secret)" : $"{Key} = {Show(After)}";

    /// <summary>How a value reads in -WhatIf text: text in single quotes, lists comma-joined, numbers and Booleans bare.</summary>
    internal static string Show(object? value) =>
        SettingValue.Unwrap(value) switch
        {
            null => "(not set)",
            string text => Quote(text),
            bool flag => flag ? "$true" : "$false",
            SecureString => "(secret)",
            IDictionary map => "@{ " + string.Join("; ", map.Cast<DictionaryEntry>().Select(entry => $"{entry.Key} = {Show(entry.Value)}")) + " }",
            IEnumerable list => Quote(string.Join(",", list.Cast<object?>().Select(item => SettingValue.AsText(item)))),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            var other => Quote(other.ToString() ?? string.Empty),
        };

    private static string Quote(string text) => "'" + text.Replace("'", "''") + "'";
}
