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
    public static AlmPlugin ToPlugin(AlmPluginJson plugin)
    {
        var sections = new List<AlmPluginSection>();
        foreach (var section in WithoutNulls(plugin.Sections))
        {
            sections.Add(ToSection(plugin.Id, section));
        }

        return new AlmPlugin(plugin.Id, plugin.Name, plugin.ShortName, plugin.Command, sections);
    }

    private static AlmPluginSection ToSection(string? pluginId, AlmPluginSectionJson section)
    {
        var fields = new List<AlmPluginField>();
        foreach (var field in WithoutNulls(section.Fields))
        {
            fields.Add(ToField(pluginId, section.Label, field));
        }

        return new AlmPluginSection(pluginId, section.Label, section.Optional, fields);
    }

    private static AlmPluginField ToField(string? pluginId, string? section, AlmPluginFieldJson field)
    {
        var options = new List<AlmPluginFieldOption>();
        foreach (var option in WithoutNulls(field.Options))
        {
            options.Add(new AlmPluginFieldOption(option.Label, option.Value, option.Disabled));
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
            WithoutNulls(field.Scope),
            field.HelpText,
            options);
    }

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

    private static List<T> WithoutNulls<T>(T?[]? items)
        where T : class
    {
        var kept = new List<T>(items?.Length ?? 0);
        foreach (var item in items ?? [])
        {
            if (item is not null)
            {
                kept.Add(item);
            }
        }

        return kept;
    }
}
