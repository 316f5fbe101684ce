using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Language;

namespace SdeAlm.Tests;

/// <summary>
/// Finds what Windows PowerShell 5.1 cannot run in a script that PowerShell 7 parses: its newer syntax and
/// the PowerShell 7 / .NET Core-only members the project's scripts are known to reach for.
/// </summary>
internal static class WindowsPowerShellSyntax
{
    private static readonly string[] s_webCmdlets = ["Invoke-RestMethod", "Invoke-WebRequest", "irm", "iwr"];

    public static IReadOnlyList<string> Problems(string script)
    {
        var ast = Parser.ParseInput(script, out _, out var errors);
        var problems = errors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message}").ToList();
        foreach (var node in ast.FindAll(_ => true, searchNestedScriptBlocks: true))
        {
            if (Describe(node) is { } problem)
            {
                problems.Add($"line {node.Extent.StartLineNumber}: {problem}");
            }
        }

        return problems;
    }

    private static string? Describe(Ast node) => node switch
    {
        TernaryExpressionAst => "the ?: operator is PowerShell 7 only",
        PipelineChainAst => "&& and || between pipelines are PowerShell 7 only",
        BinaryExpressionAst { Operator: TokenKind.QuestionQuestion } => "?? is PowerShell 7 only",
        AssignmentStatementAst { Operator: TokenKind.QuestionQuestionEquals } => "??= is PowerShell 7 only",
        MemberExpressionAst { NullConditional: true } => "?. is PowerShell 7 only",
        IndexExpressionAst { NullConditional: true } => "?[] is PowerShell 7 only",
        ScriptBlockAst { CleanBlock: not null } => "the clean block is PowerShell 7 only",
        MemberExpressionAst { Member: StringConstantExpressionAst { Value: "ArgumentList" } } =>
            "ProcessStartInfo.ArgumentList is .NET Core only: build an argument string",
        CommandAst command when command.CommandElements.OfType<CommandParameterAst>().Any(p => p.ParameterName.Equals("Parallel", StringComparison.OrdinalIgnoreCase)) =>
            "-Parallel is PowerShell 7 only",
        CommandAst command when s_webCmdlets.Contains(command.GetCommandName(), StringComparer.OrdinalIgnoreCase)
            && command.CommandElements.OfType<CommandParameterAst>().Any(p => p.ParameterName.Equals("SkipCertificateCheck", StringComparison.OrdinalIgnoreCase)) =>
            "-SkipCertificateCheck of the web cmdlets is PowerShell 7 only",
        _ => null,
    };
}
