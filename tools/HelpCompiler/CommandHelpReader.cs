using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Markdig.Syntax;

namespace SdeAlm.HelpCompiler;

/// <summary>
/// Reads a cmdlet help file written in the PlatyPS markdown schema 2.0.0 into a <see cref="CommandHelp"/>.
/// As in PlatyPS, the SYNTAX code blocks are not read: the syntax is rebuilt from the parameters' yaml.
/// </summary>
internal static class CommandHelpReader
{
    /// <summary>The parameter set name PowerShell uses for a cmdlet that declares none.</summary>
    public const string AllParameterSets = "__AllParameterSets";

    private static readonly string[] s_knownSections =
        ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    private static readonly string[] s_commonParameterHeadings =
        ["CommonParameters", "<CommonParameters>", "WorkflowCommonParameters", "<WorkflowCommonParameters>"];

    public static bool IsCommandHelp(MarkdownOutline outline) => outline.FrontMatter.ContainsKey("external help file");

    public static CommandHelp Read(MarkdownOutline outline)
    {
        var file = outline.File;
        foreach (var section in outline.Sections)
        {
            if (!s_knownSections.Contains(section.Title, StringComparer.OrdinalIgnoreCase))
            {
                throw new HelpFormatException(file, section.Line, $"unknown section '## {section.Title}'");
            }
        }

        var sets = ParameterSets(outline);
        var parameters = Parameters(outline, sets);
        return new CommandHelp(
            outline.Title,
            outline.FrontMatter["external help file"],
            outline.FrontMatter.TryGetValue("online version", out var online) && online.Length > 0 ? online : null,
            Text(outline, Required(outline, "SYNOPSIS").Intro.Blocks),
            Text(outline, Required(outline, "DESCRIPTION").Intro.Blocks),
            sets,
            Examples(outline),
            parameters,
            Types(outline, "INPUTS"),
            Types(outline, "OUTPUTS"),
            outline.Section("NOTES") is { } notes ? Text(outline, notes.Parts.SelectMany(part => part.Blocks)) : [],
            Links(outline));
    }

    private static OutlineSection Required(MarkdownOutline outline, string title)
    {
        var section = outline.Section(title) ?? throw new HelpFormatException(outline.File, 0, $"the '## {title}' section is missing");
        if (section.Parts.All(part => part.Blocks.Count == 0))
        {
            throw new HelpFormatException(outline.File, section.Line, $"the '## {title}' section is empty");
        }

        return section;
    }

    private static List<string> Text(MarkdownOutline outline, IEnumerable<Block> blocks) =>
        blocks.SelectMany(block => MarkdownText.Paragraphs(block, outline.File)).Where(text => text.Length > 0).ToList();

    /// <summary>The set names from the ### headings under SYNTAX ("ById (Default)"), or the one unnamed set.</summary>
    private static List<string> ParameterSets(MarkdownOutline outline)
    {
        var names = Required(outline, "SYNTAX").Subsections
            .Select(part => part.Title!.Replace("(Default)", string.Empty, StringComparison.OrdinalIgnoreCase).Trim())
            .ToList();
        return names.Count > 0 ? names : [AllParameterSets];
    }

    private static List<ExampleHelp> Examples(MarkdownOutline outline)
    {
        var examples = new List<ExampleHelp>();
        foreach (var part in Required(outline, "EXAMPLES").Subsections)
        {
            var code = part.Blocks.OfType<FencedCodeBlock>().Select(MarkdownText.Code).ToList();
            if (code.Count == 0)
            {
                throw new HelpFormatException(outline.File, part.Line, $"example '{part.Title}' has no code block");
            }

            var remarks = Text(outline, part.Blocks.Where(block => block is not FencedCodeBlock));
            examples.Add(new ExampleHelp(part.Title!, code, remarks));
        }

        return examples;
    }

    private static List<ParameterHelp> Parameters(MarkdownOutline outline, List<string> sets)
    {
        var parameters = new List<ParameterHelp>();
        foreach (var part in Required(outline, "PARAMETERS").Subsections)
        {
            if (s_commonParameterHeadings.Contains(part.Title, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!part.Title!.StartsWith('-'))
            {
                throw new HelpFormatException(outline.File, part.Line, $"parameter heading '### {part.Title}' does not start with '-'");
            }

            var yaml = part.Blocks.OfType<FencedCodeBlock>().Where(block => string.Equals(block.Info, "yaml", StringComparison.OrdinalIgnoreCase)).ToList();
            if (yaml.Count == 0)
            {
                throw new HelpFormatException(outline.File, part.Line, $"parameter '{part.Title}' has no ```yaml block");
            }

            var metadata = yaml.Select(block => Metadata(outline.File, block, sets)).ToList();
            var description = Text(outline, part.Blocks.Where(block => !yaml.Contains(block)));
            parameters.Add(new ParameterHelp(part.Title[1..], description, metadata));
        }

        return parameters;
    }

    private static ParameterMetadata Metadata(string file, FencedCodeBlock block, List<string> sets)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in MarkdownText.Code(block).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new HelpFormatException(file, block.Line, $"yaml line '{line}' is not 'key: value'");
            }

            values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        string Value(string key) =>
            values.TryGetValue(key, out var value) ? value : throw new HelpFormatException(file, block.Line, $"the yaml block has no '{key}:'");

        var parameterSets = List(Value("Parameter Sets"));
        if (parameterSets is ["(All)"])
        {
            parameterSets = [];
        }

        foreach (var set in parameterSets.Where(set => !sets.Contains(set, StringComparer.OrdinalIgnoreCase)))
        {
            throw new HelpFormatException(file, block.Line, $"parameter set '{set}' is not one of the SYNTAX sets ({string.Join(", ", sets)})");
        }

        var position = Value("Position");
        return new ParameterMetadata(
            Value("Type"),
            parameterSets,
            List(values.GetValueOrDefault("Aliases", string.Empty)),
            List(values.GetValueOrDefault("Accepted values", string.Empty)),
            Boolean(file, block, Value("Required")),
            int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index.ToString(CultureInfo.InvariantCulture) : "named",
            values.TryGetValue("Default value", out var defaultValue) && defaultValue.Length > 0 ? defaultValue : "None",
            Value("Accept pipeline input"),
            Boolean(file, block, Value("Accept wildcard characters")));
    }

    private static List<string> List(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static bool Boolean(string file, FencedCodeBlock block, string text) =>
        bool.TryParse(text, out var value) ? value : throw new HelpFormatException(file, block.Line, $"'{text}' is neither True nor False");

    private static List<TypeHelp> Types(MarkdownOutline outline, string title) =>
        outline.Section(title) is { } section
            ? section.Subsections.Select(part => new TypeHelp(part.Title!, Text(outline, part.Blocks))).ToList()
            : [];

    private static List<LinkHelp> Links(MarkdownOutline outline) =>
        outline.Section("RELATED LINKS") is { } section
            ? section.Parts.SelectMany(part => part.Blocks)
                .SelectMany(MarkdownText.Links)
                .Select(link => new LinkHelp(
                    MarkdownText.Inline(link),
                    MarkdownText.IsWebAddress(link.Url) ? link.Url! : string.Empty))
                .ToList()
            : [];
}
