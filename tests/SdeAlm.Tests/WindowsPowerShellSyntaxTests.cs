using System.IO;
using Xunit;

namespace SdeAlm.Tests;

public class WindowsPowerShellSyntaxTests
{
    [Fact]
    public void The_smoke_suite_is_written_for_Windows_PowerShell_too() =>
        Assert.Empty(WindowsPowerShellSyntax.Problems(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tests", "Smoke.Tests.ps1"))));

    [Theory]
    [InlineData("$a = $b ? 1 : 2", "?:")]
    [InlineData("Get-Item x && Get-Item y", "&&")]
    [InlineData("$a = $b ?? 1", "??")]
    [InlineData("$a ??= 1", "??=")]
    [InlineData("${a}?.Length", "?.")]
    [InlineData("${a}?[0]", "?[]")]
    [InlineData("function f { clean { } }", "clean")]
    [InlineData("$info.ArgumentList.Add('x')", "ArgumentList")]
    [InlineData("1..3 | ForEach-Object -Parallel { $_ }", "-Parallel")]
    [InlineData("Invoke-RestMethod https://example.test -SkipCertificateCheck", "-SkipCertificateCheck")]
    [InlineData("$a = @(", "")]
    public void What_Windows_PowerShell_cannot_run_is_found(string script, string named)
    {
        var problem = Assert.Single(WindowsPowerShellSyntax.Problems(script));
        Assert.Contains(named, problem, System.StringComparison.Ordinal);
    }

    [Fact]
    public void What_it_can_run_passes() =>
        Assert.Empty(WindowsPowerShellSyntax.Problems(
            "using namespace System.Text\n$a = if ($b) { 1 } else { 2 }; Connect-Sde -SkipCertificateCheck; $s = [StringBuilder]::new(); $x.Arguments = 'a b'"));
}
