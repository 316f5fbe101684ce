using System;
using System.Linq;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>The field types this version understands; any other type accepts any value.</summary>
internal static class FieldTypes
{
    public const string String = "string";
    public const string MaskedString = "masked_string";
    public const string Text = "text";
    public const string TextArea = "textarea";
    public const string Radio = "radio";
    public const string Select = "select";
    public const string Checkbox = "checkbox";
    public const string Boolean = "boolean";
    public const string Integer = "integer";

    private static readonly string[] s_known = [String, MaskedString, Text, TextArea, Radio, Select, Checkbox, Boolean, Integer];

    public static bool IsKnown(string? fieldType) => s_known.Contains(fieldType, StringComparer.OrdinalIgnoreCase);

    public static bool Is(AlmPluginField field, string fieldType) =>
        string.Equals(field.FieldType, fieldType, StringComparison.OrdinalIgnoreCase);
}
