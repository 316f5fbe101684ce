using System.Collections.Generic;

namespace SdeAlm.HelpCompiler;

/// <summary>One cmdlet's help as a PlatyPS markdown file describes it.</summary>
internal sealed record CommandHelp(
    string Name,
    string HelpFile,
    string? OnlineVersion,
    IReadOnlyList<string> Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<ParameterHelp> Parameters,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<LinkHelp> Links);

/// <summary>An example: its code blocks (command, then output) and the text that explains them.</summary>
internal sealed record ExampleHelp(string Title, IReadOnlyList<string> Code, IReadOnlyList<string> Remarks);

/// <summary>A parameter: its description and one metadata block per group of parameter sets.</summary>
internal sealed record ParameterHelp(string Name, IReadOnlyList<string> Description, IReadOnlyList<ParameterMetadata> Metadata);

/// <summary>The yaml block under a parameter. An empty <see cref="Sets"/> means every parameter set.</summary>
internal sealed record ParameterMetadata(
    string Type,
    IReadOnlyList<string> Sets,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues,
    bool Required,
    string Position,
    string DefaultValue,
    string PipelineInput,
    bool Globbing)
{
    public bool IsSwitch => Type is "SwitchParameter" or "System.Management.Automation.SwitchParameter";

    public bool AppliesTo(string set) => Sets.Count == 0 || Contains(Sets, set);

    private static bool Contains(IReadOnlyList<string> sets, string set)
    {
        foreach (var item in sets)
        {
            if (string.Equals(item, set, System.StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>An INPUTS or OUTPUTS entry.</summary>
internal sealed record TypeHelp(string Name, IReadOnlyList<string> Description);

/// <summary>A RELATED LINKS entry; <see cref="Uri"/> is empty for links to sibling markdown files.</summary>
internal sealed record LinkHelp(string Text, string Uri);
