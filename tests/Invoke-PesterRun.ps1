# Configures and runs the Pester suite in this (fresh) process against the built module and a
# simulator started here, then writes a {Passed, Failed} summary for build.ps1.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string[]] $Path = (Join-Path $PSScriptRoot '*.Tests.ps1')
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1')

$simulator = Start-SdeSimulator
try {
    # tests/common.ps1 reads these; the token is a throwaway secret of this run.
    $env:SDEALM_TEST_URL = $simulator.Url
    $env:SDEALM_TEST_TOKEN = $simulator.Token

    $configuration = New-PesterConfiguration
    # pwsh -File passes a comma list as one string.
    $configuration.Run.Path = @($Path -split ',')
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $configuration
}
finally {
    Stop-SdeSimulator $simulator
}

[pscustomobject]@{
    Passed = $result.PassedCount
    Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
} | ConvertTo-Json | Set-Content -Path $SummaryPath
