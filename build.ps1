#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and demonstrates the SdeAlm module.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Clean')]
    [string] $Task = 'Build'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'SdeAlm'

function Invoke-Native {
    # Runs a native command line and stops the build when it fails.
    param([Parameter(Mandatory)] [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "'$Command' failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    ([xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))).Project.PropertyGroup.SdeAlmVersion
}

function Get-NuGetPackageFolder {
    $line = dotnet nuget locals global-packages --list
    if ($LASTEXITCODE -ne 0) { throw 'dotnet nuget locals failed.' }
    ($line -replace '^global-packages:\s*', '').Trim()
}

function Invoke-Clean {
    Remove-Item -Recurse -Force -ErrorAction Ignore $Out
    Get-ChildItem $Root -Recurse -Directory -Include bin, obj | Remove-Item -Recurse -Force
}

function Invoke-Build {
    $publish = Join-Path $Out 'publish'
    Invoke-Native { dotnet publish (Join-Path $Root 'src/SdeAlm/SdeAlm.csproj') -c Release -o $publish --nologo -v quiet }
    Invoke-Native { dotnet build (Join-Path $Root 'tests/SdeAlm.Simulator/SdeAlm.Simulator.csproj') -c Release -o (Join-Path $Out 'simulator') --nologo -v quiet }

    Remove-Item -Recurse -Force -ErrorAction Ignore $ModuleOut
    $dependencies = New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'dependencies')
    Copy-Item (Join-Path $publish 'SdeAlm.dll') $ModuleOut
    Copy-Item (Join-Path $Root 'src/SdeAlm/SdeAlm.Format.ps1xml') $ModuleOut
    # System.Text.Json and its helpers: loaded only where the runtime lacks them (Windows PowerShell).
    Get-ChildItem $publish -Filter *.dll | Where-Object Name -ne 'SdeAlm.dll' | Copy-Item -Destination $dependencies

    $manifest = Get-Content -Raw (Join-Path $Root 'SdeAlm.psd1')
    $manifest = $manifest -replace "ModuleVersion(\s*)= '[^']*'", "ModuleVersion`$1= '$(Get-ModuleVersion)'"
    Set-Content -Path (Join-Path $ModuleOut 'SdeAlm.psd1') -Value $manifest -NoNewline
    Write-Host "Built $ModuleOut (version $(Get-ModuleVersion))"
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $Out 'test-results'
    Remove-Item -Recurse -Force -ErrorAction Ignore $results
    $null = New-Item -ItemType Directory $results

    Write-Host 'Checking formatting (dotnet format --verify-no-changes)'
    Invoke-Native { dotnet format (Join-Path $Root 'SdeAlm.PowerShell.sln') --verify-no-changes }

    $unit = Invoke-UnitTest -ResultFolder $results
    $pester = Invoke-PesterTest -ResultFolder $results

    $passed = $unit.Passed + $pester.Passed
    $failed = $unit.Failed + $pester.Failed
    Write-Host "xunit: $($unit.Passed) passed, $($unit.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-UnitTest {
    param([string] $ResultFolder)
    $project = Join-Path $Root 'tests/SdeAlm.Tests/SdeAlm.Tests.csproj'
    & dotnet test $project -c Release --nologo --logger "trx;LogFileName=xunit.trx" --results-directory $ResultFolder | Out-Host
    $trx = Join-Path $ResultFolder 'xunit.trx'
    if (-not (Test-Path $trx)) { throw 'xunit wrote no results.' }
    $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.notExecuted }
}

function Invoke-PesterTest {
    param([string] $ResultFolder)
    Invoke-Native { dotnet restore (Join-Path $Root 'tests/Tools/TestTools.csproj') --nologo -v quiet }
    $pester = Join-Path (Get-NuGetPackageFolder) 'pester/5.7.1/tools/Pester.psd1'
    $summary = Join-Path $ResultFolder 'pester.json'
    # A fresh process: the tests must see only the built module, not this build session.
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Invoke-PesterRun.ps1') -PesterPath $pester -SummaryPath $summary | Out-Host
    if (-not (Test-Path $summary)) { throw 'Pester wrote no summary.' }
    Get-Content -Raw $summary | ConvertFrom-Json
}

function Invoke-Demo {
    Invoke-Build
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Demo.ps1')
    if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
}

Push-Location $Root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Clean' { Invoke-Clean }
    }
}
finally {
    Pop-Location
}
