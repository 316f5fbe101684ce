# Every example of every help page in docs/en-US runs against the simulator, in a fresh pwsh at a
# fixed width, and where the page shows its output, prints that output (with dates, durations and
# ports normalised, and the simulator named as the server the examples show). An example that cannot
# run here (it reads a prompt or a secret store, or names a real server) carries the comment
# <!-- parse-only: why --> under its heading: it is only parsed. The comment is invisible in Get-Help.
#
# To update the Output blocks of pages after a view changed, set SDEALM_UPDATE_EXAMPLES to a page
# name or wildcard and run this file; the blocks are rewritten with what the examples print, then
# review them with git diff:
#   SDEALM_UPDATE_EXAMPLES=Get-SdeAlmPluginField dotnet pwsh -NoProfile -File tests/Invoke-PesterRun.ps1 \
#     -PesterPath ~/.nuget/packages/pester/5.7.1/tools/Pester.psd1 -SummaryPath /tmp/examples.json -Path tests/Examples.Tests.ps1

BeforeDiscovery {
    function Read-HelpExample {
        # The examples of a page: under '## EXAMPLES' / '### title' (cmdlet help) or '# EXAMPLES' /
        # '## title' (about topic), the first powershell fence is the code and an Output fence after
        # it the output.
        param([string] $Path)
        $lines = @(Get-Content -LiteralPath $Path)
        $about = (Split-Path -Leaf $Path) -like 'about_*'
        $sectionPattern = if ($about) { '^# ' } else { '^## ' }
        $titlePattern = if ($about) { '^## (.+)$' } else { '^### (.+)$' }
        $inExamples = $false
        $example = $null
        $fence = $null
        for ($index = 0; $index -lt $lines.Count; $index++) {
            $line = $lines[$index]
            if ($null -ne $fence) {
                if ($line -match '^```\s*$') {
                    $text = $fence.Lines -join "`n"
                    if ($fence.Info -eq 'powershell' -and $null -eq $example.Code) { $example.Code = $text }
                    elseif ($fence.Info -eq 'Output' -and $null -ne $example.Code -and $null -eq $example.Expected) { $example.Expected = $text }
                    $fence = $null
                }
                else { $fence.Lines.Add($line) }
                continue
            }
            if ($line -match $sectionPattern) {
                $inExamples = $line -match "$sectionPattern`EXAMPLES\s*$"
                continue
            }
            if (-not $inExamples) { continue }
            if ($line -match $titlePattern) {
                $example = [ordered]@{ Page = [IO.Path]::GetFileNameWithoutExtension($Path); Path = $Path; Title = $Matches[1].Trim(); Code = $null; Expected = $null; ParseOnly = $null }
                $example
                continue
            }
            if ($null -eq $example) { continue }
            if ($line -match '^<!--\s*parse-only:\s*(.+?)\s*-->') { $example.ParseOnly = $Matches[1] }
            elseif ($line -match '^```(\S*)') { $fence = @{ Info = $Matches[1]; Lines = [System.Collections.Generic.List[string]]::new() } }
        }
    }

    $pages = foreach ($file in Get-ChildItem (Join-Path $PSScriptRoot '../docs/en-US') -Filter *.md | Sort-Object Name) {
        $examples = @(Read-HelpExample $file.FullName)
        @{ Page = $file.BaseName; Path = $file.FullName; Examples = $examples }
    }
}

BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Width = 120
    # The server the examples show stands for the simulator.
    $script:ExampleServer = 'https://sde.example.com/'

    function ConvertTo-ComparableOutput {
        # What must match between a page and a run: the text, with what changes from run to run
        # replaced (dates and times, durations, ports) and runs of blanks made one, since a replaced
        # value may be wider than the original and move the columns after it.
        param([AllowNull()] [string] $Text)
        $lines = foreach ($line in ($Text -replace "`r", '') -split "`n") {
            $line = $line -replace '\b\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}( [AP]M)?( [+-]\d{2}:\d{2})?', '<date>'
            $line = $line -replace '\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?', '<date>'
            $line = $line -replace '\b\d+(\.\d+)? ?(ms|s)\b', '<n> $2'
            $line = $line -replace '(?<=//[\w.-]+|//\[[\d:]+\]):\d+', ':<port>'
            ($line -replace ' {2,}', ' ').TrimEnd()
        }
        ($lines -join "`n").Trim("`n")
    }

    function Get-PrintedOutput {
        # An example's output as a reader sees it: the simulator's address in messages shown as the
        # example server, no trailing blanks, and one blank line where Out-String leaves several.
        param([string] $Output)
        $text = ($Output -replace "`r", '').Replace($script:SimulatorUrl, $script:ExampleServer)
        $text = @($text -split "`n" | ForEach-Object TrimEnd) -join "`n"
        ($text -replace "`n{3,}", "`n`n").Trim("`n")
    }

    function Update-ExampleOutput {
        # Rewrites the Output fence of one example (by its title) in a page.
        param([string] $Path, [string] $Title, [string] $Output)
        $lines = [System.Collections.Generic.List[string]]@(Get-Content -LiteralPath $Path)
        $start = $lines.FindIndex({ param($l) $l -match "^#{2,3} $([regex]::Escape($Title))\s*$" })
        $open = $lines.FindIndex($start, { param($l) $l -eq '```Output' })
        $close = $lines.FindIndex($open + 1, { param($l) $l -eq '```' })
        $lines.RemoveRange($open + 1, $close - $open - 1)
        $lines.InsertRange($open + 1, [string[]]@($Output -split "`n"))
        Set-Content -LiteralPath $Path -Value $lines
    }
}

Describe 'Examples of <Page>' -ForEach $pages {
    BeforeAll {
        $script:Results = @{}
        $runnable = @($Examples | Where-Object { -not $_.ParseOnly } | ForEach-Object { [pscustomobject]@{ Title = $_.Title; Code = $_.Code } })
        if ($runnable.Count) {
            $input = Join-Path $TestDrive "$Page-examples.json"
            $output = Join-Path $TestDrive "$Page-results.json"
            ConvertTo-Json -InputObject $runnable -Depth 3 | Set-Content -Path $input
            $log = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Scripts/Invoke-HelpExample.ps1') `
                -ModuleManifest $ModuleManifest -Server $SimulatorUrl -Token $SimulatorToken -ExamplePath $input -ResultPath $output `
                -WorkingFolder (Join-Path $TestDrive $Page) -DisplayServer $ExampleServer -Width $Width 2>&1
            if (-not (Test-Path $output)) { throw "The examples of $Page did not run: $($log -join "`n")" }
            foreach ($result in @(Get-Content -Raw $output | ConvertFrom-Json)) { $Results[$result.Title] = $result }
        }
    }

    It 'has examples' {
        $Examples.Count | Should -BeGreaterThan 0
    }

    It '<Title>' -ForEach $Examples {
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$null, [ref]$errors)
        $errors | Should -BeNullOrEmpty -Because 'the code must be valid PowerShell'
        if ($ParseOnly) { return }

        $result = $Results[$Title]
        $result | Should -Not -BeNullOrEmpty
        $result.Failure | Should -BeNullOrEmpty -Because 'the example must run to its end'
        $printed = Get-PrintedOutput $result.Output
        if ($null -eq $Expected) {
            @($result.Errors) | Should -BeNullOrEmpty -Because 'an example without shown output must not fail'
            return
        }

        if ($env:SDEALM_UPDATE_EXAMPLES -and $Page -like $env:SDEALM_UPDATE_EXAMPLES) {
            Update-ExampleOutput -Path $Path -Title $Title -Output $printed
            Write-Host "Updated the output of '$Title' in $Page"
            $Expected = $printed
        }
        ConvertTo-ComparableOutput $printed | Should -BeExactly (ConvertTo-ComparableOutput $Expected) -Because "at $Width columns the example prints:`n$printed`n"
    }
}
