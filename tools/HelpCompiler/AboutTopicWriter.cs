using System;
using System.Linq;
using System.Text;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace SdeAlm.HelpCompiler;

/// <summary>
/// Renders an about topic written in PlatyPS's about template ("# about_X", "## about_X",
/// "# SHORT DESCRIPTION", ...) as the plain text Get-Help about_X prints: headings in capitals,
/// text indented and wrapped at 80 columns, code indented further and left as written.
/// </summary>
internal static class AboutTopicWriter
{
    private const int Width = 80;
    private const string Indent = "    ";

    public static string Write(string file, string markdown)
    {
        var document = MarkdownOutline.ParseDocument(markdown);
        var blocks = document.Where(block => block is not (YamlFrontMatterBlock or BlankLineBlock)).ToList();
        if (blocks is not [HeadingBlock { Level: 1 }, HeadingBlock { Level: 2 } name, ..]
            || !MarkdownText.Inline(name.Inline).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
        {
            throw new HelpFormatException(file, 0, "an about topic starts with '# <title>' and then '## about_<Name>'");
        }

        var text = new StringBuilder();
        text.AppendLine("TOPIC");
        text.Append(Indent).AppendLine(MarkdownText.Inline(name.Inline)).AppendLine();
        foreach (var block in blocks.Skip(2))
        {
            switch (block)
            {
                case HeadingBlock { Level: 1 } heading:
                    text.AppendLine(MarkdownText.Inline(heading.Inline).ToUpperInvariant());
                    break;
                case HeadingBlock { Level: 2 } heading:
                    text.AppendLine(MarkdownText.Inline(heading.Inline));
                    break;
                case HeadingBlock heading:
                    text.Append(Indent).AppendLine(MarkdownText.Inline(heading.Inline).ToUpperInvariant());
                    break;
                case CodeBlock code:
                    foreach (var line in MarkdownText.Code(code).Split('\n'))
                    {
                        text.AppendLine((Indent + Indent + line.TrimEnd('\r')).TrimEnd());
                    }

                    text.AppendLine();
                    break;
                case ListBlock list:
                    foreach (var item in MarkdownText.Paragraphs(list, file))
                    {
                        // "- text" or "1. text": continuation lines line up under the text.
                        var marker = item[..(item.IndexOf(' ', StringComparison.Ordinal) + 1)];
                        Wrap(text, item[marker.Length..], Indent + marker, Indent + new string(' ', marker.Length));
                    }

                    text.AppendLine();
                    break;
                default:
                    foreach (var paragraph in MarkdownText.Paragraphs(block, file))
                    {
                        Wrap(text, paragraph, Indent, Indent);
                        text.AppendLine();
                    }

                    break;
            }
        }

        return text.ToString().TrimEnd() + Environment.NewLine;
    }

    /// <summary>Appends words so that no line passes <see cref="Width"/> columns; hard line breaks are kept.</summary>
    private static void Wrap(StringBuilder text, string paragraph, string firstIndent, string indent)
    {
        var prefix = firstIndent;
        foreach (var hardLine in paragraph.Split('\n'))
        {
            var line = new StringBuilder(prefix);
            var empty = true;
            foreach (var word in hardLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!empty && line.Length + 1 + word.Length > Width)
                {
                    text.AppendLine(line.ToString());
                    line.Clear().Append(indent);
                    empty = true;
                }

                line.Append(empty ? string.Empty : " ").Append(word);
                empty = false;
            }

            text.AppendLine(line.ToString().TrimEnd());
            prefix = indent;
        }
    }

    /// <summary>
    /// The about topic's lookup name: about_X.md gives about_X (compiled to about_X.help.txt), as PlatyPS
    /// names it. A source named about_X.help.md is refused: PlatyPS would write about_X.help.help.txt,
    /// which Get-Help never finds.
    /// </summary>
    public static string TopicName(string file)
    {
        var name = System.IO.Path.GetFileName(file);
        if (name.EndsWith(".help.md", StringComparison.OrdinalIgnoreCase))
        {
            throw new HelpFormatException(file, 0, $"name an about topic's source about_<Name>.md, not {name}: PlatyPS would compile it to {name[..^".md".Length]}.help.txt, which Get-Help never finds");
        }

        return name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? name[..^".md".Length] : name;
    }

    public static bool IsAboutTopic(string path) =>
        System.IO.Path.GetFileName(path).StartsWith("about_", StringComparison.OrdinalIgnoreCase);
}
