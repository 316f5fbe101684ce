using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace SdeAlm.HelpCompiler;

/// <summary>
/// HelpCompiler &lt;markdown folder&gt; &lt;output folder&gt;: compiles every PlatyPS-schema cmdlet file in
/// the folder into the MAML file its front matter names ("external help file"), and every about_X.md
/// (PlatyPS's name for an about topic's source) into about_X.help.txt. Exit code 1 and a file:line
/// message when a file breaks the schema.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 2 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("Usage: HelpCompiler <markdown folder> <output folder>");
            return 2;
        }

        try
        {
            Compile(args[0], args[1]);
            return 0;
        }
        catch (HelpFormatException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    private static void Compile(string source, string output)
    {
        Directory.CreateDirectory(output);
        var helpFiles = new Dictionary<string, List<CommandHelp>>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in Directory.GetFiles(source, "*.md").Order(StringComparer.Ordinal))
        {
            var file = Path.GetRelativePath(Environment.CurrentDirectory, path);
            var markdown = File.ReadAllText(path);
            if (AboutTopicWriter.IsAboutTopic(path))
            {
                var target = Path.Combine(output, AboutTopicWriter.TopicName(file) + ".help.txt");
                // With a byte order mark: Windows PowerShell reads BOM-less text files as ANSI.
                File.WriteAllText(target, AboutTopicWriter.Write(file, markdown), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
                Console.WriteLine($"  {file} -> {target}");
                continue;
            }

            var outline = MarkdownOutline.Parse(file, markdown);
            if (!CommandHelpReader.IsCommandHelp(outline))
            {
                Console.WriteLine($"  {file}: no 'external help file' in its front matter; skipped");
                continue;
            }

            var help = CommandHelpReader.Read(outline);
            if (!helpFiles.TryGetValue(help.HelpFile, out var commands))
            {
                helpFiles[help.HelpFile] = commands = [];
            }

            if (commands.Any(command => string.Equals(command.Name, help.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new HelpFormatException(file, 0, $"{help.Name} is documented twice");
            }

            commands.Add(help);
        }

        foreach (var (helpFile, commands) in helpFiles)
        {
            var target = Path.Combine(output, helpFile);
            using (var writer = XmlWriter.Create(target, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(true) }))
            {
                MamlWriter.Write(commands).Save(writer);
            }

            Console.WriteLine($"  {string.Join(", ", commands.Select(command => command.Name))} -> {target}");
        }
    }
}
