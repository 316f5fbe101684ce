using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace SdeAlm.HelpCompiler;

/// <summary>Writes commands' help as the MAML XML that Get-Help reads (the layout New-ExternalHelp produces).</summary>
internal static class MamlWriter
{
    private static readonly XNamespace s_msh = "http://msh";
    private static readonly XNamespace s_maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace s_command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace s_dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace s_msHelp = "http://msdn.microsoft.com/mshelp";

    public static XDocument Write(IEnumerable<CommandHelp> commands) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(s_msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(Command)));

    private static XElement Command(CommandHelp help)
    {
        var dash = help.Name.IndexOf('-', StringComparison.Ordinal);
        return new XElement(
            s_command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", s_maml),
            new XAttribute(XNamespace.Xmlns + "command", s_command),
            new XAttribute(XNamespace.Xmlns + "dev", s_dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", s_msHelp),
            new XElement(
                s_command + "details",
                new XElement(s_command + "name", help.Name),
                new XElement(s_command + "verb", dash > 0 ? help.Name[..dash] : help.Name),
                new XElement(s_command + "noun", dash > 0 ? help.Name[(dash + 1)..] : string.Empty),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(s_command + "syntax", help.ParameterSets.Select(set => SyntaxItem(help, set))),
            new XElement(s_command + "parameters", help.Parameters.Select(parameter => Parameter(parameter, parameter.Metadata[0], inSyntax: false))),
            new XElement(s_command + "inputTypes", help.Inputs.Select(type => TypeEntry("inputType", type))),
            new XElement(s_command + "returnValues", help.Outputs.Select(type => TypeEntry("returnValue", type))),
            new XElement(s_maml + "alertSet", new XElement(s_maml + "alert", Paragraphs(help.Notes))),
            new XElement(s_command + "examples", help.Examples.Select(Example)),
            new XElement(s_command + "relatedLinks", Links(help)));
    }

    /// <summary>One syntax line: the parameters of a set, positional ones first (by position), then the rest as documented.</summary>
    private static XElement SyntaxItem(CommandHelp help, string set)
    {
        var members = help.Parameters
            .Select(parameter => (Parameter: parameter, Metadata: parameter.Metadata.FirstOrDefault(metadata => metadata.AppliesTo(set))))
            .Where(member => member.Metadata is not null)
            .Select((member, order) => (member.Parameter, Metadata: member.Metadata!, Order: order))
            .OrderBy(member => int.TryParse(member.Metadata.Position, NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : int.MaxValue)
            .ThenBy(member => member.Metadata.Required ? 0 : 1)
            .ThenBy(member => member.Order);
        return new XElement(
            s_command + "syntaxItem",
            new XElement(s_maml + "name", help.Name),
            members.Select(member => Parameter(member.Parameter, member.Metadata, inSyntax: true)));
    }

    private static XElement Parameter(ParameterHelp parameter, ParameterMetadata metadata, bool inSyntax)
    {
        var element = new XElement(
            s_command + "parameter",
            new XAttribute("required", Lower(metadata.Required)),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", Lower(metadata.Globbing)),
            new XAttribute("pipelineInput", metadata.PipelineInput),
            new XAttribute("position", metadata.Position),
            new XAttribute("aliases", metadata.Aliases.Count == 0 ? "none" : string.Join(", ", metadata.Aliases)),
            new XElement(s_maml + "name", parameter.Name),
            Description(parameter.Description));

        if (metadata.AcceptedValues.Count > 0)
        {
            element.Add(new XElement(
                s_command + "parameterValueGroup",
                metadata.AcceptedValues.Select(value => new XElement(
                    s_command + "parameterValue",
                    new XAttribute("required", "false"),
                    new XAttribute(s_command + "variableLength", "false"),
                    value))));
        }

        // A switch takes no value: the syntax shows just its name, the parameter list shows [<SwitchParameter>].
        if (!(inSyntax && (metadata.IsSwitch || metadata.AcceptedValues.Count > 0)))
        {
            element.Add(new XElement(
                s_command + "parameterValue",
                new XAttribute("required", Lower(!metadata.IsSwitch)),
                new XAttribute("variableLength", "false"),
                metadata.Type));
        }

        element.Add(
            new XElement(s_dev + "type", new XElement(s_maml + "name", metadata.Type), new XElement(s_maml + "uri")),
            new XElement(s_dev + "defaultValue", metadata.DefaultValue));
        return element;
    }

    private static XElement TypeEntry(string kind, TypeHelp type) =>
        new(
            s_command + kind,
            new XElement(s_dev + "type", new XElement(s_maml + "name", type.Name)),
            Description(type.Description));

    private static XElement Example(ExampleHelp example) =>
        new(
            s_command + "example",
            new XElement(s_maml + "title", $"---------- {example.Title} ----------"),
            new XElement(s_dev + "code", string.Join(Environment.NewLine + Environment.NewLine, example.Code)),
            // The empty paragraph puts a blank line between this example and the next one's title.
            new XElement(s_dev + "remarks", Paragraphs(example.Remarks), new XElement(s_maml + "para")));

    private static IEnumerable<XElement> Links(CommandHelp help)
    {
        if (help.OnlineVersion is { } online)
        {
            yield return Link("Online Version:", online);
        }

        foreach (var link in help.Links)
        {
            yield return Link(link.Text, link.Uri);
        }
    }

    private static XElement Link(string text, string uri) =>
        new(s_maml + "navigationLink", new XElement(s_maml + "linkText", text), new XElement(s_maml + "uri", uri));

    private static XElement Description(IReadOnlyList<string> paragraphs) => new(s_maml + "description", Paragraphs(paragraphs));

    private static IEnumerable<XElement> Paragraphs(IReadOnlyList<string> paragraphs) =>
        paragraphs.Count == 0
            ? [new XElement(s_maml + "para")]
            : paragraphs.Select(text => new XElement(s_maml + "para", text));

    private static string Lower(bool value) => value ? "true" : "false";
}
