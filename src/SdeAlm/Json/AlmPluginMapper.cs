using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using SdeAlm.Model;

namespace SdeAlm.Json;

/// <summary>
/// Builds the public plugin objects from what the API sent: drops the null entries a server may put in
/// lists, tells every section and field which plugin and section it belongs to (so a field makes sense
/// alone in a pipeline), and turns structured defaults into values with a readable text form.
/// </summary>
internal static class AlmPluginMapper
{
    public static AlmPlugin ToPlugin(AlmPluginWire plugin)
    {
        var sections = WithoutNulls(plugin.Sections);
        var mapped = new AlmPluginSection[sections.Count];
        for (var i = 0; i < sections.Count; i++)
        {
            mapped[i] = ToSection(plugin.Id, sections[i]);
        }

        return new AlmPlugin(plugin.Id, plugin.Name, plugin.ShortName, plugin.Command, mapped);
    }

    private static AlmPluginSection ToSection(string? pluginId, AlmPluginSectionWire section)
    {
        var fields = WithoutNulls(section.Fields);
        var mapped = new AlmPluginField[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            mapped[i] = ToField(pluginId, section.Label, fields[i]);
        }

        return new AlmPluginSection(pluginId, section.Label, section.Optional, mapped);
    }

    private static AlmPluginField ToField(string? pluginId, string? section, AlmPluginFieldWire field)
    {
        var options = WithoutNulls(field.Options);
        var mapped = new AlmPluginFieldOption[options.Count];
        for (var i = 0; i < options.Count; i++)
        {
            mapped[i] = new AlmPluginFieldOption(options[i].Label, options[i].Value, options[i].Disabled);
        }

        return new AlmPluginField(
            pluginId,
            section,
            field.Name,
            field.Label,
            field.Description,
            field.FieldType,
            ToValue(field.Default),
            field.ReadOnly,
            field.MaxLength,
            field.Required,
            field.Deprecated,
            field.Placeholder,
            ToScope(field.Scope),
            field.HelpText,
            mapped);
    }

    /// <summary>A list of the field's own around the scope array, which may be one of the converter's shared arrays.</summary>
    private static ReadOnlyJoinedList<string> ToScope(string?[]? scope) => ReadOnlyJoinedList<string>.Of(WithoutNulls(scope));

    /// <summary>A default as read (scalar, object[] or OrderedDictionary) with its lists and objects made model values.</summary>
    private static object? ToValue(object? value)
    {
        switch (value)
        {
            case object?[] items:
                var list = new object?[items.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    list[i] = ToValue(items[i]);
                }

                return new StructuredList(list);
            case OrderedDictionary properties:
                var structured = new StructuredObject();
                foreach (System.Collections.DictionaryEntry property in properties)
                {
                    structured[property.Key] = ToValue(property.Value);
                }

                return structured;
            default:
                return value;
        }
    }

    /// <summary>
    /// The items without nulls: the wire list itself when it holds none, as it nearly always does (the
    /// wire object is dropped after mapping, so nothing else can change it).
    /// </summary>
    private static IList<T> WithoutNulls<T>(IList<T?>? items)
        where T : class
    {
        if (items is null)
        {
            return Array.Empty<T>();
        }

        if (!items.Contains(null))
        {
            return items!;
        }

        var kept = new List<T>(items.Count);
        foreach (var item in items)
        {
            if (item is not null)
            {
                kept.Add(item);
            }
        }

        return kept;
    }
}
