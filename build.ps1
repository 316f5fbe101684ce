#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and demonstrates the SdeAlm module.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Docs', 'Package', 'Test', 'Demo', 'Bench', 'Clean')]
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

function Get-ReleaseNote {
    # This version's section of CHANGELOG.md ("## [x.y.z] - date" up to the next "## [" or the link
    # definitions at the end), for the manifest.
    $version = [regex]::Escape((Get-ModuleVersion))
    $changelog = Get-Content -Raw (Join-Path $Root 'CHANGELOG.md')
    if ($changelog -notmatch "(?ms)^## \[$version\][^\n]*\n(.*?)(?=^## \[|^\[[^\]]+\]: |\z)") { throw "CHANGELOG.md has no section for $(Get-ModuleVersion)." }
    $Matches[1].Trim()
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
    # The JSON Schema of configuration documents (Export-SdeAlmConfiguration), for editors and CI.
    Copy-Item (Join-Path $Root 'src/SdeAlm/SdeAlm.Configuration.schema.json') $ModuleOut
    Copy-Item (Join-Path $Root 'LICENSE'), (Join-Path $Root 'CHANGELOG.md') $ModuleOut
    # System.Text.Json and its helpers: loaded only where the runtime lacks them (Windows PowerShell).
    Get-ChildItem $publish -Filter *.dll | Where-Object Name -ne 'SdeAlm.dll' | Copy-Item -Destination $dependencies

    $manifest = Get-Content -Raw (Join-Path $Root 'SdeAlm.psd1')
    $manifest = $manifest -replace "ModuleVersion(\s*)= '[^']*'", "ModuleVersion`$1= '$(Get-ModuleVersion)'"
    $notes = (Get-ReleaseNote) -replace "'", "''"
    $manifest = $manifest -replace "ReleaseNotes(\s*)= '[^']*'", { "ReleaseNotes$($_.Groups[1].Value)= '$notes'" }
    Set-Content -Path (Join-Path $ModuleOut 'SdeAlm.psd1') -Value $manifest -NoNewline
    Write-Host "Built $ModuleOut (version $(Get-ModuleVersion))"
    Invoke-Docs
}

function Invoke-Docs {
    # Compiles docs/<culture>/*.md (PlatyPS schema) into the module's <culture>/ MAML and about_*.help.txt.
    $compiler = Join-Path $Out 'tools/HelpCompiler'
    Invoke-Native { dotnet build (Join-Path $Root 'tools/HelpCompiler/HelpCompiler.csproj') -c Release -o $compiler --nologo -v quiet }
    foreach ($culture in Get-ChildItem (Join-Path $Root 'docs') -Directory) {
        $target = Join-Path $ModuleOut $culture.Name
        Remove-Item -Recurse -Force -ErrorAction Ignore $target
        Invoke-Native { dotnet (Join-Path $compiler 'HelpCompiler.dll') $culture.FullName $target }
    }
}

function Invoke-Package {
    # Publishes the built module with PSResourceGet into the folder repository out/repository and leaves
    # the package as out/SdeAlm.<version>.nupkg. Publishing runs in a child pwsh whose home and XDG folders
    # are out/package-home, so that the repository registration and NuGet's settings stay out of the
    # user's profile (on Windows, where those folders do not follow HOME, the registration is removed).
    Invoke-Build
    $repository = Join-Path $Out 'repository'
    $homeFolder = Join-Path $Out 'package-home'
    Remove-Item -Recurse -Force -ErrorAction Ignore $repository, $homeFolder
    $null = New-Item -ItemType Directory $repository
    $environment = @{
        HOME            = $homeFolder
        XDG_DATA_HOME   = Join-Path $homeFolder '.local/share'
        XDG_CONFIG_HOME = Join-Path $homeFolder '.config'
        XDG_CACHE_HOME  = Join-Path $homeFolder '.cache'
    }
    # .NET reports a missing folder as '', which would make PSResourceGet write next to the working directory.
    $environment.Values | ForEach-Object { $null = New-Item -ItemType Directory -Force $_ }
    $script = "`$ErrorActionPreference = 'Stop'
        Register-PSResourceRepository -Name SdeAlmBuild -Uri '$repository' -Trusted
        try { Publish-PSResource -Path '$ModuleOut' -Repository SdeAlmBuild } finally { Unregister-PSResourceRepository -Name SdeAlmBuild }"
    $saved = @{}
    foreach ($name in $environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $environment[$name])
    }
    Push-Location $homeFolder
    try {
        Invoke-Native { dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script }
    }
    finally {
        Pop-Location
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }

    $package = Join-Path $Out "SdeAlm.$(Get-ModuleVersion).nupkg"
    Copy-Item (Join-Path $repository "SdeAlm.$(Get-ModuleVersion).nupkg") $package -Force
    Write-Host "Packaged $package"
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $Out 'test-results'
    Remove-Item -Recurse -Force -ErrorAction Ignore $results
    $null = New-Item -ItemType Directory $results

    Write-Host 'Checking formatting (dotnet format --verify-no-changes)'
    Invoke-Native { dotnet format (Join-Path $Root 'SdeAlm.PowerShell.sln') --verify-no-changes }

    Invoke-ReferenceCheck
    $unit = Invoke-UnitTest -ResultFolder $results
    $pester = Invoke-PesterTest -ResultFolder $results

    $passed = $unit.Passed + $pester.Passed
    $failed = $unit.Failed + $pester.Failed
    Write-Host "xunit: $($unit.Passed) passed, $($unit.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-ReferenceCheck {
    # Windows PowerShell 5.1 cannot run here: prove from the built DLLs' metadata that every assembly they
    # reference is found there (.NET Framework 4.7.2, its System.Management.Automation, or a shipped copy
    # through the module's resolver), and print the redirects that resolver serves.
    $tool = Join-Path $Out 'tools/ReferenceCheck'
    Invoke-Native { dotnet build (Join-Path $Root 'tools/ReferenceCheck/ReferenceCheck.csproj') -c Release -o $tool --nologo -v quiet }
    Invoke-Native { dotnet (Join-Path $tool 'SdeAlm.ReferenceCheck.dll') $ModuleOut }
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

function Invoke-Bench {
    # Not a test: timings are printed and written to out/bench.json, never asserted. A fresh process so
    # that nothing this build session loaded or allocated weighs on the numbers.
    Invoke-Build
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Bench/Invoke-Benchmark.ps1') -ModuleFolder $ModuleOut -OutputFolder $Out
    if ($LASTEXITCODE -ne 0) { throw "The benchmark failed with exit code $LASTEXITCODE." }
}

Push-Location $Root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Docs' { Invoke-Docs }
        'Package' { Invoke-Package }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Clean' { Invoke-Clean }
    }
}
finally {
    Pop-Location
}
