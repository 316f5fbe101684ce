using System;
using System.Collections;
using System.Management.Automation;
using System.Numerics;
using System.Security;

namespace SdeAlm.Settings;

/// <summary>What kind of value a setting holds, whatever its .NET type: what the field-type rules judge.</summary>
internal enum ValueShape
{
    /// <summary>Text, a character, or a value written as text (a Guid, a Uri, a version, an enum).</summary>
    Text,

    Number,

    Boolean,

    /// <summary>A SecureString.</summary>
    Secret,

    /// <summary>An array or other collection (not text, not a dictionary).</summary>
    List,

    Dictionary,

    /// <summary>A DateTime or DateTimeOffset.</summary>
    Date,

    /// <summary>Anything else: a PSCustomObject (as ConvertFrom-Json makes), a file, a process…</summary>
    Object,
}

/// <summary>Tells the shape of a setting's value, and names it in messages without ever showing the value.</summary>
internal static class ValueShapes
{
    /// <summary>The shape of a value (null: text, since an empty value is judged before its shape).</summary>
    public static ValueShape Of(object? value) =>
        SettingValue.Unwrap(value) switch
        {
            null or DBNull or string or char or Guid or Uri or Version or Enum => ValueShape.Text,
            bool => ValueShape.Boolean,
            byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal or BigInteger => ValueShape.Number,
            SecureString => ValueShape.Secret,
            DateTime or DateTimeOffset => ValueShape.Date,
            IDictionary => ValueShape.Dictionary,
            PSObject => ValueShape.Object,
            IEnumerable => ValueShape.List,
            _ => ValueShape.Object,
        };

    /// <summary>Text, a number or a Boolean: one value that reads as text.</summary>
    public static bool IsScalar(ValueShape shape) => shape is ValueShape.Text or ValueShape.Number or ValueShape.Boolean;

    /// <summary>How a message names the value: "a dictionary", "a date", "a PSCustomObject", never the value itself.</summary>
    public static string Describe(object? value) =>
        Of(value) switch
        {
            ValueShape.Text => "text",
            ValueShape.Number => "a number",
            ValueShape.Boolean => "a Boolean",
            ValueShape.Secret => "a SecureString",
            ValueShape.List => "a list",
            ValueShape.Dictionary => "a dictionary",
            ValueShape.Date => "a date",
            _ => SettingValue.Unwrap(value) is PSObject { BaseObject: PSCustomObject } ? "an object with properties (PSCustomObject)" : $"an object of type {SettingValue.Unwrap(value)!.GetType().FullName}",
        };

    /// <summary>
    /// The first item of a list (at any depth of nested lists) that is not one value that reads as
    /// text, such as a dictionary in a checkbox list; null when there is none.
    /// </summary>
    public static object? FirstNonScalarItem(object? list, int depth = 0)
    {
        foreach (var item in (IEnumerable)SettingValue.Unwrap(list)!)
        {
            var shape = Of(item);
            if (shape == ValueShape.List && depth < 8)
            {
                if (FirstNonScalarItem(item, depth + 1) is { } nested)
                {
                    return nested;
                }
            }
            else if (SettingValue.Unwrap(item) is not null and not DBNull && !IsScalar(shape))
            {
                return item;
            }
        }

        return null;
    }
}
