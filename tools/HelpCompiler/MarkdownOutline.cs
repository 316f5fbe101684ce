using System;
using System.Collections.Generic;
using System.Linq;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace SdeAlm.HelpCompiler;

/// <summary>
/// A markdown file cut along its headings: the yaml front matter, the title (#), the sections (##) and
/// their parts (###). Blocks before a section's first ### form a part without a title.
/// </summary>
internal sealed class MarkdownOutline
{
    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    private MarkdownOutline(string file, MarkdownDocument document)
    {
        File = file;
        Document = document;
    }

    public string File { get; }

    public MarkdownDocument Document { get; }

    public Dictionary<string, string> FrontMatter { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string Title { get; private set; } = string.Empty;

    public List<OutlineSection> Sections { get; } = [];

    public static MarkdownDocument ParseDocument(string markdown) => Markdown.Parse(markdown, s_pipeline);

    public static MarkdownOutline Parse(string file, string markdown)
    {
        var outline = new MarkdownOutline(file, ParseDocument(markdown));
        OutlineSection? section = null;
        foreach (var block in outline.Document)
        {
            switch (block)
            {
                case YamlFrontMatterBlock yaml:
                    outline.ReadFrontMatter(yaml);
                    break;
                case HeadingBlock { Level: 1 } heading when outline.Title.Length == 0:
                    outline.Title = MarkdownText.Inline(heading.Inline);
                    break;
                case HeadingBlock { Level: 2 } heading:
                    section = new OutlineSection(MarkdownText.Inline(heading.Inline), heading.Line);
                    section.Parts.Add(new OutlinePart(null, heading.Line));
                    outline.Sections.Add(section);
                    break;
                case HeadingBlock { Level: 3 } heading when section is not null:
                    section.Parts.Add(new OutlinePart(MarkdownText.Inline(heading.Inline), heading.Line));
                    break;
                case HeadingBlock heading:
                    throw new HelpFormatException(file, heading.Line, $"unexpected level-{heading.Level} heading '{MarkdownText.Inline(heading.Inline)}'");
                default:
                    if (section is null)
                    {
                        if (block is not (BlankLineBlock or HtmlBlock))
                        {
                            throw new HelpFormatException(file, block.Line, "text before the first ## section");
                        }

                        break;
                    }

                    section.Parts[^1].Blocks.Add(block);
                    break;
            }
        }

        if (outline.Title.Length == 0)
        {
            throw new HelpFormatException(file, 0, "the file has no # title");
        }

        return outline;
    }

    /// <summary>The section with this title (case-insensitive), or null.</summary>
    public OutlineSection? Section(string title) =>
        Sections.FirstOrDefault(section => string.Equals(section.Title, title, StringComparison.OrdinalIgnoreCase));

    private void ReadFrontMatter(YamlFrontMatterBlock yaml)
    {
        foreach (var raw in yaml.Lines.Lines.Take(yaml.Lines.Count).Select(line => line.ToString()))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line == "---")
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new HelpFormatException(File, yaml.Line, $"front matter line '{line}' is not 'key: value'");
            }

            FrontMatter[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
    }
}

/// <summary>A ## section: its untitled first part, then one part per ### heading.</summary>
internal sealed class OutlineSection(string title, int line)
{
    public string Title { get; } = title;

    public int Line { get; } = line;

    public List<OutlinePart> Parts { get; } = [];

    public OutlinePart Intro => Parts[0];

    public IEnumerable<OutlinePart> Subsections => Parts.Skip(1);
}

/// <summary>The blocks under one heading.</summary>
internal sealed class OutlinePart(string? title, int line)
{
    public string? Title { get; } = title;

    public int Line { get; } = line;

    public List<Block> Blocks { get; } = [];
}
