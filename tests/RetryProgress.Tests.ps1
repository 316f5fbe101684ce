BeforeAll {
    . $PSScriptRoot/common.ps1
    Import-Module $PSScriptRoot/Simulator.psm1

    function Invoke-InShell {
        # Runs Get-SdeAlmPlugin -Id trac in a runspace of its own, whose streams (progress among them) the test reads.
        param([string] $Scenario)
        $shell = [powershell]::Create()
        $null = $shell.AddScript({
                param($Manifest, $Url, $Token)
                Import-Module $Manifest
                $c = Connect-Sde -Server $Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -AllowUnencryptedAuthentication -SkipValidation -RetryIntervalSec 0
                Get-SdeAlmPlugin -Id trac -Connection $c
            }).AddArgument($ModuleManifest).AddArgument((Get-ScenarioUrl $Scenario)).AddArgument($SimulatorToken)
        $shell
    }
}

Describe 'Waiting to retry' {
    It 'shows a Retry-After wait as a progress bar that counts down, without -Verbose, and completes it' {
        $scenario = New-Scenario 'throttle=1', 'retryafter=2'
        $shell = Invoke-InShell $scenario
        try {
            $plugins = $shell.Invoke()
            $plugins.Id | Should -Be 'trac'
            $shell.Streams.Verbose.Count | Should -Be 0
            $counting = @($shell.Streams.Progress | Where-Object RecordType -EQ 'Processing')
            $counting.Count | Should -BeGreaterOrEqual 1
            $counting[0].Activity | Should -Be 'Waiting 2 s before retry 1 of 3'
            $counting[0].StatusDescription | Should -Be "GET $(Get-ScenarioUrl $scenario)api/v2/plugins/alm/trac/ answered 429 Too Many Requests; the server asked to wait"
            $counting[0].SecondsRemaining | Should -Be 2
            # A record a second: 2, 1 (a loaded machine may oversleep and skip one).
            @($counting.SecondsRemaining) | Should -Be @($counting.SecondsRemaining | Sort-Object -Descending)
            $shell.Streams.Progress[-1].RecordType | Should -Be 'Completed'
            (Get-SimulatorRequest $scenario).count | Should -Be 2
        }
        finally {
            $shell.Dispose()
        }
    }

    It 'shows no progress bar when the wait is under a second' {
        $scenario = New-Scenario 'throttle=1', 'retryafter=0'
        $shell = Invoke-InShell $scenario
        try {
            $shell.Invoke().Id | Should -Be 'trac'
            $shell.Streams.Progress.Count | Should -Be 0
            (Get-SimulatorRequest $scenario).count | Should -Be 2
        }
        finally {
            $shell.Dispose()
        }
    }

    It 'ends the wait at once when the pipeline is stopped' {
        $shell = Invoke-InShell (New-Scenario 'throttle=99', 'retryafter=30')
        try {
            $async = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while ($shell.Streams.Progress.Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $shell.Streams.Progress.Count | Should -BeGreaterThan 0
            $shell.Stop()
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $async.IsCompleted | Should -BeTrue
        }
        finally {
            $shell.Dispose()
        }
    }
}
