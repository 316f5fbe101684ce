using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace SdeAlm.Tests;

/// <summary>
/// The GitHub Actions workflow cannot run here: these tests read it and check that it builds once and runs
/// the suites where README and the manifest say they run, with scripts that parse.
/// </summary>
public class WorkflowTests
{
    private static readonly YamlMappingNode s_workflow = Load();

    private static YamlMappingNode Jobs => Map(s_workflow, "jobs");

    [Fact]
    public void Runs_on_pushes_to_main_and_on_pull_requests()
    {
        var on = Map(s_workflow, "on");
        Assert.Equal(["main"], Strings(Map(on, "push")["branches"]));
        Assert.True(on.Children.ContainsKey("pull_request"));
    }

    [Fact]
    public void Builds_once_with_the_projects_test_command_and_hands_the_build_on()
    {
        var build = Map(Jobs, "build");
        Assert.Equal("ubuntu-latest", Text(build["runs-on"]));
        var steps = Steps(build);
        Assert.Contains(steps, s => Get(s, "run") == "bash .ci/run");
        var upload = Assert.Single(steps, s => Get(s, "uses") == "actions/upload-artifact@v4");
        Assert.Equal("built", Get(Map(upload, "with"), "name"));
        Assert.Equal(["out/SdeAlm", "out/simulator"], Get(Map(upload, "with"), "path")!.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));

        // Every other job takes that build and builds nothing itself.
        foreach (var (name, job) in Jobs.Children.Where(j => Text(j.Key) != "build").Select(j => (Text(j.Key), (YamlMappingNode)j.Value)))
        {
            Assert.Equal("build", Text(job["needs"]));
            var download = Assert.Single(Steps(job), s => Get(s, "uses") == "actions/download-artifact@v4");
            Assert.Equal("built", Get(Map(download, "with"), "name"));
            Assert.Equal("out", Get(Map(download, "with"), "path"));
            Assert.DoesNotContain(Steps(job), s => Regex.IsMatch(Get(s, "run") ?? "", @"build\.ps1|dotnet (build|publish)|\.ci/run"));
        }
    }

    [Fact]
    public void Runs_the_smoke_suite_under_Windows_PowerShell_on_Windows()
    {
        var job = Map(Jobs, "windows-powershell");
        Assert.Equal("windows-latest", Text(job["runs-on"]));
        var smoke = Assert.Single(Steps(job), s => Get(s, "shell") == "powershell");
        Assert.Contains("tests/Smoke.Tests.ps1", Get(smoke, "run"), System.StringComparison.Ordinal);
        Assert.Contains("Import-Module $env:PESTER_PATH", Get(smoke, "run"), System.StringComparison.Ordinal);
        Assert.Empty(WindowsPowerShellSyntax.Problems(Get(smoke, "run")!));
    }

    [Fact]
    public void Runs_the_whole_Pester_suite_under_PowerShell_7_on_Windows_Linux_and_macOS()
    {
        var job = Map(Jobs, "pester");
        Assert.Equal(["windows-latest", "ubuntu-latest", "macos-latest"], Strings(Map(Map(job, "strategy"), "matrix")["os"]));
        Assert.Equal("${{ matrix.os }}", Text(job["runs-on"]));
        var suite = Assert.Single(Steps(job), s => (Get(s, "run") ?? "").Contains("tests/Invoke-PesterRun.ps1", System.StringComparison.Ordinal));
        Assert.Equal("pwsh", Get(suite, "shell"));
    }

    [Fact]
    public void Takes_Pester_from_NuGet_and_dotnet_from_setup_dotnet_in_every_test_job()
    {
        foreach (var job in Jobs.Children.Where(j => Text(j.Key) != "build").Select(j => (YamlMappingNode)j.Value))
        {
            var steps = Steps(job);
            Assert.Contains(steps, s => (Get(s, "run") ?? "").Contains("dotnet restore tests/Tools/TestTools.csproj", System.StringComparison.Ordinal));
            Assert.Contains(steps, s => Get(s, "uses") == "actions/setup-dotnet@v4");
        }
    }

    [Fact]
    public void Every_PowerShell_step_parses_and_every_file_it_names_exists()
    {
        var steps = Jobs.Children.Values.Cast<YamlMappingNode>().SelectMany(Steps).Where(s => Get(s, "run") is not null).ToList();
        Assert.NotEmpty(steps);
        foreach (var step in steps)
        {
            var run = Get(step, "run")!;
            if (Get(step, "shell") is "pwsh" or "powershell")
            {
                System.Management.Automation.Language.Parser.ParseInput(run, out _, out var errors);
                Assert.Empty(errors);
            }

            foreach (Match path in Regex.Matches(run, @"(?:tests|\.ci)/[\w./-]+"))
            {
                Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, path.Value)), $"{path.Value} named by the workflow does not exist");
            }
        }
    }

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", "ci.yml"))));
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => Assert.IsType<YamlMappingNode>(node[key]);

    private static List<YamlMappingNode> Steps(YamlMappingNode job) =>
        Assert.IsType<YamlSequenceNode>(job["steps"]).Children.Cast<YamlMappingNode>().ToList();

    private static string? Get(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? Text(value) : null;

    private static string Text(YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value ?? "";

    private static string[] Strings(YamlNode node) =>
        Assert.IsType<YamlSequenceNode>(node).Children.Select(Text).ToArray();
}
