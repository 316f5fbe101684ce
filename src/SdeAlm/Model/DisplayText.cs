using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Security;

namespace SdeAlm.Model;

/// <summary>
/// How a structured value reads where only text fits (Export-Csv, <c>[string]</c>, a table cell): list
/// items joined by ", ", dictionary entries as <c>key=value</c> joined by "; ", plain values in the
/// invariant culture, and a secret always as <see cref="SecretMask"/>. One rule for every object of the module.
/// </summary>
internal static class DisplayText
{
    /// <summary>What a secret shows as, in views and text, whatever its value.</summary>
    public const string SecretMask = "********";

    // A dictionary a script made to contain itself stops here.
    private const int MaximumDepth = 16;

    public static string Of(object? value) => Of(value, 0);

    public static string Join(IEnumerable items) => Join(items, 0);

    public static string Entries(IDictionary entries) => Entries(entries, 0);

    private static string Of(object? value, int depth) =>
        value switch
        {
            null => string.Empty,
            string text => text,
            bool flag => flag ? "true" : "false",
            SecureString => SecretMask,
            _ when depth >= MaximumDepth => "…",
            IDictionary entries => Entries(entries, depth + 1),
            IEnumerable items => Join(items, depth + 1),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString() ?? string.Empty,
        };

    private static string Join(IEnumerable items, int depth) =>
        string.Join(", ", items.Cast<object?>().Select(item => Of(item, depth)));

    private static string Entries(IDictionary entries, int depth) =>
        string.Join("; ", entries.Cast<DictionaryEntry>().Select(entry => $"{Of(entry.Key, depth)}={Of(entry.Value, depth)}"));
}
