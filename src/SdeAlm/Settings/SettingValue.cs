using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Security;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>
/// How a value from a PowerShell settings dictionary reads: unwrapped from PSObject, as the text the
/// server would compare it with, split into checkbox choices, or empty.
/// </summary>
internal static class SettingValue
{
    /// <summary>The object behind a PowerShell wrapper; scripts often hand us PSObjects.</summary>
    public static object? Unwrap(object? value) =>
        value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;

    /// <summary>
    /// The value as the text the server stores, so that 7 and '7' compare equal: invariant culture,
    /// Booleans as <c>true</c>/<c>false</c> like the JSON the catalog is read from.
    /// </summary>
    public static string? AsText(object? value) =>
        Unwrap(value) switch
        {
            null => null,
            string text => text,
            bool flag => flag ? "true" : "false",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };

    /// <summary>A list rather than one value: arrays and other collections, but not text or dictionaries.</summary>
    public static bool IsList(object? value) => Unwrap(value) is IEnumerable and not string and not IDictionary;

    /// <summary>Null, blank text, an empty SecureString, an empty list, or a checkbox text with no choice in it.</summary>
    public static bool IsEmpty(object? value) =>
        Unwrap(value) switch
        {
            null => true,
            DBNull => true,
            string text => string.IsNullOrWhiteSpace(text),
            SecureString secret => secret.Length == 0,
            IDictionary => false,
            IEnumerable => CheckboxChoices(value).Count == 0,
            _ => false,
        };

    /// <summary>
    /// The choices of a checkbox value, given as a list, as comma-separated text, or both
    /// (@('a,b', 'c')): trimmed, blanks dropped, in the order given.
    /// </summary>
    public static IReadOnlyList<string> CheckboxChoices(object? value)
    {
        var choices = new List<string>();
        Add(Unwrap(value), choices, depth: 0);
        return choices;

        static void Add(object? item, List<string> choices, int depth)
        {
            if (item is null)
            {
                return;
            }

            if (depth < 8 && IsList(item))
            {
                foreach (var element in (IEnumerable)Unwrap(item)!)
                {
                    Add(Unwrap(element), choices, depth + 1);
                }

                return;
            }

            foreach (var part in (AsText(item) ?? string.Empty).Split(','))
            {
                var choice = part.Trim();
                if (choice.Length > 0)
                {
                    choices.Add(choice);
                }
            }
        }
    }

    /// <summary>The length the server's max_length counts: characters (code points), not UTF-16 units.</summary>
    public static int? TextLength(object? value)
    {
        var unwrapped = Unwrap(value);
        if (unwrapped is SecureString secret)
        {
            return secret.Length;
        }

        if (unwrapped is null || IsList(unwrapped) || unwrapped is IDictionary)
        {
            return null;
        }

        var text = AsText(unwrapped) ?? string.Empty;
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            length++;
        }

        return length;
    }

    /// <summary>A Boolean, or the text true/false in any case.</summary>
    public static bool TryGetBoolean(object? value, out bool result)
    {
        switch (Unwrap(value))
        {
            case bool flag:
                result = flag;
                return true;
            case string text when bool.TryParse(text.Trim(), out var parsed):
                result = parsed;
                return true;
            default:
                result = false;
                return false;
        }
    }

    /// <summary>A whole number of any numeric type, or text that reads as one.</summary>
    public static bool IsWholeNumber(object? value) =>
        Unwrap(value) switch
        {
            byte or sbyte or short or ushort or int or uint or long or ulong => true,
            System.Numerics.BigInteger => true,
            float number => IsWhole(number),
            double number => IsWhole(number),
            decimal number => decimal.Truncate(number) == number,
            string text => long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            _ => false,
        };

    /// <summary>
    /// Turns a setting into what the API takes for its field of <paramref name="plugin"/>
    /// (<see cref="ForApi"/>); keys that are no field go as given.
    /// </summary>
    public static Func<string, object?, object?> WireConverter(AlmPlugin? plugin)
    {
        var fields = new Dictionary<string, AlmPluginField>(SettingKeys.Comparer);
        foreach (var field in plugin?.Sections.SelectMany(section => section.Fields) ?? [])
        {
            if (!string.IsNullOrEmpty(field.Name) && !fields.ContainsKey(field.Name!))
            {
                fields.Add(field.Name!, field);
            }
        }

        return (key, value) => ForApi(fields.TryGetValue(key, out var field) ? field : null, value);
    }

    /// <summary>
    /// The value as the API takes it for the field (null when the key is no field): a JSON Boolean
    /// for boolean fields, the comma-separated choices for checkboxes. Anything else goes as given,
    /// a SecureString included: the body writer reveals it, and nothing else does.
    /// </summary>
    public static object? ForApi(AlmPluginField? field, object? value)
    {
        var unwrapped = Unwrap(value);
        if (unwrapped is SecureString)
        {
            return unwrapped;
        }

        if (field is not null && FieldTypes.Is(field, FieldTypes.Boolean) && TryGetBoolean(unwrapped, out var flag))
        {
            return flag;
        }

        if (field is not null && FieldTypes.Is(field, FieldTypes.Checkbox) && unwrapped is not null)
        {
            return string.Join(",", CheckboxChoices(unwrapped));
        }

        return unwrapped;
    }

    private static bool IsWhole(double number) => !double.IsNaN(number) && !double.IsInfinity(number) && Math.Floor(number) == number;
}
