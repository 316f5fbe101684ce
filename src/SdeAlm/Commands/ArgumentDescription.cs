using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace SdeAlm.Commands;

/// <summary>
/// How the argument attributes name a value they refuse: by its type, and for a number or Boolean by its
/// value; a custom object (a CSV row) by its property names. Never by ToString, which may show the
/// values of a row (secrets among them) or an object's whole contents.
/// </summary>
internal static class ArgumentDescription
{
    private const int PropertiesShown = 6;

    /// <summary>The object a PSObject wraps, or the value itself.</summary>
    public static object? Base(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    /// <summary>True for a number or a Boolean: a value with nothing to bind but itself.</summary>
    public static bool IsScalar(object? value) => Base(value) is { } item && (item.GetType().IsPrimitive || item is decimal);

    /// <summary>The value, named as "the Int32 3", "an AlmJob" or "an object with the properties Id, Name".</summary>
    public static string Of(object? value)
    {
        if (Base(value) is PSCustomObject)
        {
            var names = PSObject.AsPSObject(value).Properties.Select(property => property.Name).ToList();
            return names.Count == 0
                ? "an object without properties"
                : $"an object with the properties {string.Join(", ", names.Take(PropertiesShown))}{(names.Count > PropertiesShown ? ", ..." : string.Empty)}";
        }

        return Kind(value);
    }

    /// <summary>The value named by its type alone ("an AlmJob", "an object"), or a number or Boolean by its value.</summary>
    public static string Kind(object? value)
    {
        switch (Base(value))
        {
            case null:
                return "nothing ($null)";
            case PSCustomObject:
                return "an object";
            case var scalar when IsScalar(scalar):
                return $"the {scalar.GetType().Name} {Convert.ToString(scalar, CultureInfo.InvariantCulture)}";
            case var other:
                var name = other.GetType().Name;
                return ("AEIOU".IndexOf(char.ToUpperInvariant(name[0])) >= 0 ? "an " : "a ") + name;
        }
    }
}
