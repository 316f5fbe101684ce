using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using SdeAlm.Errors;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>
/// What the README and about_SdeAlm must say so that they cannot drift from the module: every ErrorId
/// (a public constant of <see cref="SdeErrorIds"/>, which scripts match on) is explained where users
/// look, and both state the same size limit of an answer.
/// </summary>
public class DocumentationTests
{
    public static TheoryData<string> ErrorIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in PublicErrorIds())
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void Error_ids_are_distinct_and_named_sde()
    {
        var ids = PublicErrorIds();
        Assert.Contains("SdeNotConnected", ids);
        Assert.Contains("SdeResponseTooLarge", ids);
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^Sde[A-Z][A-Za-z]+$", id));
    }

    [Theory]
    [MemberData(nameof(ErrorIds))]
    public void The_readme_troubleshooting_table_has_a_row_for(string errorId)
    {
        var table = TroubleshootingTable(File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")));
        Assert.Matches(new Regex($@"^\|[^|\n]*`{errorId}`[^|\n]*\|", RegexOptions.Multiline), table);
    }

    [Theory]
    [MemberData(nameof(ErrorIds))]
    public void About_SdeAlm_explains(string errorId)
    {
        var about = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs/en-US/about_SdeAlm.md"));
        Assert.Matches(new Regex($@"\b{errorId}\b"), about);
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/en-US/about_SdeAlm.md")]
    public void The_size_limit_of_an_answer_is_stated_as(string file)
    {
        var text = Regex.Replace(File.ReadAllText(Path.Combine(RepositoryRoot(), file)), @"\s+", " ");
        Assert.Contains("(64 MiB, or 2,000,000 JSON values)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("64 MB", text, StringComparison.Ordinal);
    }

    private static string[] PublicErrorIds() =>
        typeof(SdeErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToArray();

    /// <summary>The README's lines from the Troubleshooting heading to the next heading.</summary>
    private static string TroubleshootingTable(string readme)
    {
        var section = Regex.Match(readme, @"^#+ Troubleshooting.*?(?=^#|\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(section.Success, "README.md has no Troubleshooting section");
        return section.Value;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SdeAlm.PowerShell.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The repository root (SdeAlm.PowerShell.sln) is not above " + AppContext.BaseDirectory);
    }
}
