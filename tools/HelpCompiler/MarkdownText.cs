using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SdeAlm.HelpCompiler;

/// <summary>Turns markdown into the plain text a console shows: no markup characters, links as text.</summary>
internal static class MarkdownText
{
    /// <summary>The text of an inline run; soft line breaks become spaces.</summary>
    public static string Inline(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(inline, text);
        return text.ToString().Trim();
    }

    /// <summary>A block as paragraphs: one for a paragraph, one per list item, one (verbatim) per code block.</summary>
    public static IEnumerable<string> Paragraphs(Block block, string file)
    {
        switch (block)
        {
            case ParagraphBlock paragraph:
                yield return Inline(paragraph.Inline);
                break;
            case ListBlock list:
                var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var marker = list.IsOrdered ? $"{number++}. " : "- ";
                    var body = item.SelectMany(child => Paragraphs(child, file));
                    yield return marker + string.Join(Environment.NewLine, body);
                }

                break;
            case CodeBlock code:
                yield return Code(code);
                break;
            case QuoteBlock quote:
                foreach (var paragraph in quote.SelectMany(child => Paragraphs(child, file)))
                {
                    yield return paragraph;
                }

                break;
            case ThematicBreakBlock or HtmlBlock or LinkReferenceDefinitionGroup or BlankLineBlock:
                break;
            default:
                throw new HelpFormatException(file, block.Line, $"a {block.GetType().Name} is not supported here");
        }
    }

    /// <summary>The lines of a fenced or indented code block, exactly as written.</summary>
    public static string Code(CodeBlock code) =>
        string.Join(Environment.NewLine, code.Lines.Lines.Take(code.Lines.Count).Select(line => line.ToString())).TrimEnd();

    /// <summary>Every link in a block, with its text and target.</summary>
    public static IEnumerable<LinkInline> Links(Block block) =>
        block is LeafBlock { Inline: { } inline } ? inline.Descendants<LinkInline>() : [];

    private static void Append(Inline? inline, StringBuilder text)
    {
        switch (inline)
        {
            case null:
                break;
            case LiteralInline literal:
                text.Append(literal.Content);
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case LineBreakInline lineBreak:
                text.Append(lineBreak.IsHard ? Environment.NewLine : " ");
                break;
            case LinkInline link:
                var start = text.Length;
                AppendChildren(link, text);
                var label = text.ToString(start, text.Length - start);
                if (IsWebAddress(link.Url) && !string.Equals(label, link.Url, StringComparison.Ordinal))
                {
                    text.Append(" (").Append(link.Url).Append(')');
                }

                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded);
                break;
            case HtmlInline html:
                text.Append(html.Tag);
                break;
            case ContainerInline container:
                AppendChildren(container, text);
                break;
            default:
                text.Append(inline);
                break;
        }
    }

    private static void AppendChildren(ContainerInline container, StringBuilder text)
    {
        foreach (var child in container)
        {
            Append(child, text);
        }
    }

    public static bool IsWebAddress(string? url) =>
        url is not null
        && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
}
