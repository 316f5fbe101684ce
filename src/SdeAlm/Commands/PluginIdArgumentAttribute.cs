using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>
/// What a plugin id parameter takes: text, a plugin (its Id), or an object that names its plugin in a
/// PluginId property (a connector, an ALM connection, a field, a CSV row). Anything else is refused
/// rather than turned into text with ToString, which made a piped connector look up the plugin
/// '1 Jira Cloud' and a piped job 'ALM job 4'.
/// </summary>
/// <remarks>
/// PowerShell binds a piped object by value before it tries property names, and tries by value twice:
/// without conversion, then converting with ToString. A refusal here ends the binding of that object,
/// so the properties are read here, in the first try, instead of being left to ByPropertyName.
/// </remarks>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PluginIdArgumentAttribute : ArgumentTransformationAttribute
{
    /// <summary>
    /// Leaves a plugin object as it is, for a cmdlet whose -InputObject takes plugins without reading
    /// them again: the plugin then fails to bind here and binds to -InputObject.
    /// </summary>
    public bool KeepPlugins { get; set; }

    /// <summary>
    /// Takes the Id of an object without a PluginId when that Id is text, as in a CSV file of plugin ids.
    /// The Id of a job, a connector or an ALM connection is a number, never a plugin id.
    /// </summary>
    public bool TextId { get; set; }

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        ArgumentDescription.Base(inputData) switch
        {
            null => null,
            string text => text,
            AlmPlugin when KeepPlugins => inputData,
            IList list => list.Cast<object?>().Select(PluginIdOf).ToArray(),
            _ => PluginIdOf(inputData),
        };

    private string? PluginIdOf(object? value)
    {
        switch (ArgumentDescription.Base(value))
        {
            case null:
                return null;
            case string text:
                return text;
            case AlmPlugin plugin:
                return plugin.Id ?? throw Refused("a plugin without an id");
            case var scalar when ArgumentDescription.IsScalar(scalar):
                throw Refused(ArgumentDescription.Of(value));
        }

        var properties = PSObject.AsPSObject(value).Properties;
        if (properties["PluginId"] is { } property)
        {
            return ArgumentDescription.Base(property.Value) switch
            {
                string { Length: > 0 } pluginId => pluginId,
                null or string => throw Refused($"{ArgumentDescription.Kind(value)} whose PluginId is empty"),
                var other => throw Refused($"{ArgumentDescription.Kind(value)} whose PluginId is {ArgumentDescription.Kind(other)}, not text"),
            };
        }

        if (TextId && properties["Id"] is { } id)
        {
            return ArgumentDescription.Base(id.Value) is string { Length: > 0 } text
                ? text
                : throw Refused($"{ArgumentDescription.Kind(value)}, without a PluginId property and with an Id that is {ArgumentDescription.Kind(id.Value)}, not text");
        }

        throw Refused($"{ArgumentDescription.Of(value)}, without a PluginId property");
    }

    private ArgumentTransformationMetadataException Refused(string what) =>
        new($"A plugin id is text, a plugin from Get-SdeAlmPlugin, or an object with a PluginId property such as a connector, an ALM connection or a field{(TextId ? " (or, without one, an Id that is text)" : string.Empty)}. This is {what}.");
}
