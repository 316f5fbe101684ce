BeforeAll {
    . $PSScriptRoot/common.ps1

    function Get-Journal {
        param([string] $Scenario)
        Invoke-RestMethod -Uri "$($SimulatorUrl)_sim/requests?prefix=$([uri]::EscapeDataString($Scenario))&detail=1"
    }

    function Get-Post {
        # The POSTs the simulator saw under a scenario, in order: path and status.
        param([string] $Scenario)
        @((Get-Journal $Scenario).requests | Where-Object method -EQ 'POST')
    }

    function New-JiraSetting {
        param([string] $Server = 'jira.example.com', [string] $User = 'sde-bot@example.com', [string] $Password = 'unsaved-S3cret-value')
        @{ alm_server = $Server; alm_user = $User; alm_pass = (ConvertTo-SecureString $Password -AsPlainText -Force) }
    }
}

Describe 'Test-SdeAlmConnector' {
    AfterEach {
        Disconnect-Sde
    }

    It 'tests a saved connector by id: SD Elements connects with its settings' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $result = Test-SdeAlmConnector 1
        $result | Should -BeOfType ([SdeAlm.Model.AlmConnectionTestResult])
        $result.Success | Should -BeTrue
        $result.Message | Should -Be ''
        $result.Target | Should -Be 'connector 1'
        $result.Server | Should -Be (Get-ScenarioUrl $scenario)
        $posts = Get-Post $scenario
        $posts.path | Should -Be 'api/v2/connectors/testalm/'
        $posts.status | Should -Be 200
    }

    It 'tests every piped connector, each on its own' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $results = Get-SdeAlmConnector | Test-SdeAlmConnector
        @($results.Target) | Should -Be @('connector 1', 'connector 2', 'connector 3')
        @($results.Success) | Should -Be @($true, $true, $true)
        @(Get-Post $scenario).Count | Should -Be 3
    }

    It 'reports a failed test as a result, not an error: <Case>' -ForEach @(
        @{ Case = 'unreachable (400 detail)'; Server = 'unreachable.example.com'; Message = 'Unable to connect to the ALM server unreachable.example.com: connection timed out.'; Status = 400 }
        @{ Case = 'bad field (400 field errors)'; Server = 'badfield.example.com'; Message = 'params.alm_server: Enter a valid host name.'; Status = 400 }
        @{ Case = 'rejected login (200, success false)'; Server = 'badlogin.example.com'; Message = 'The ALM server rejected the credentials of user "sde-bot@example.com".'; Status = 200 }
    ) {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $result = Test-SdeAlmConnector -PluginId jira -Setting (New-JiraSetting $Server) -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        $result.Success | Should -BeFalse
        $result.Message | Should -Be $Message
        $result.Target | Should -Be 'plugin jira (unsaved)'
        (Get-Post $scenario).status | Should -Be $Status
    }

    It 'checks unsaved settings like New-SdeAlmConnector before sending them' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $err = Get-ErrorRecord { Test-SdeAlmConnector -PluginId jira -Setting @{ alm_sever = 'jira.example.com' } }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeAlmSettingInvalid,*'
        $err.Exception.Message | Should -Match 'alm_server'
        Get-Post $scenario | Should -BeNullOrEmpty
    }

    It 'lets the server judge unsaved settings with -SkipValidation, its refusal a failed test' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $result = Test-SdeAlmConnector -PluginId jira -Setting @{ alm_user = 'x' } -SkipValidation
        $result.Success | Should -BeFalse
        $result.Message | Should -Match 'params.alm_server: This field is required.'
    }

    It 'is retried like a read when the server said it did not act (503)' {
        $scenario = New-Scenario 'writethrottle=503', 'retryafter=0'
        $null = Connect-TestSde $scenario -Parameters @{ RetryIntervalSec = 0 }
        (Test-SdeAlmConnector 3).Success | Should -BeTrue
        @((Get-Post $scenario).status) | Should -Be @(503, 200)
    }

    It 'stops at a missing test endpoint instead of failing every piped connector alike' {
        $scenario = New-Scenario 'issuetracker'
        $null = Connect-TestSde $scenario
        $thrown = $null
        # One at a time: the first 404 stops the command before the next connector is sent.
        try { Get-SdeAlmConnector | Test-SdeAlmConnector -ThrottleLimit 1 -ErrorAction Continue } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'SdeAlmApiNotFound,*'
        @(Get-Post $scenario).Count | Should -Be 1
    }

    It 'says the test is not offered where the server answers 404 (issue-tracker names)' {
        $scenario = New-Scenario 'issuetracker'
        $null = Connect-TestSde $scenario
        $err = Get-ErrorRecord { Test-SdeAlmConnector 1 }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeAlmApiNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -Match 'does not offer the connectivity test at the documented path .*api/v2/connectors/testalm/'
        $err.Exception.Message | Should -Not -Match 'issue_tracker_pass|jira-secret-T0ken'
    }

    It 'reports an unknown connector id and tests the others' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $results = Test-SdeAlmConnector 99, 3 -ErrorVariable problems -ErrorAction SilentlyContinue
        @($results.Target) | Should -Be @('connector 3')
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SdeAlmConnectorNotFound,*'
    }
}

Describe 'Test-SdeAlmConnection' {
    AfterEach {
        Disconnect-Sde
    }

    It 'tests an ALM connection by id' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $result = Test-SdeAlmConnection 1
        $result.Success | Should -BeTrue
        $result.Target | Should -Be 'connection 1'
        (Get-Post $scenario).path | Should -Be 'api/v2/connections/testalm/'
    }

    It 'tests piped ALM connections, and a missing ALM project is a failed test' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $created = New-SdeAlmConnection -ProjectId 7 -ConnectorId 1 -Alias 'Gone' -Setting @{ alm_project = 'missing-project' }
        $results = Get-SdeAlmConnection | Test-SdeAlmConnection
        @($results.Target) | Should -Be @('connection 1', 'connection 2', 'connection 3', 'connection 4', "connection $($created.Id)")
        @($results.Success) | Should -Be @($true, $true, $true, $true, $false)
        $results[-1].Message | Should -Be 'The ALM project "missing-project" does not exist.'
    }

    It 'needs the "Edit ALM connections" permission: 403 is an error' {
        $scenario = New-Scenario 'noparams'
        $null = Connect-TestSde $scenario
        $err = Get-ErrorRecord { Test-SdeAlmConnection 1 }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdePermissionDenied,*'
        $err.Exception.Message | Should -Match 'Edit ALM connections'
    }

    It 'reports an unknown ALM connection id and tests the others' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $results = Test-SdeAlmConnection 99, 4 -ErrorVariable problems -ErrorAction SilentlyContinue
        @($results.Target) | Should -Be @('connection 4')
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SdeAlmConnectionNotFound,*'
    }
}

Describe 'Secrets of connectivity tests' {
    It 'never shows a secret the test request carries, in any stream or the transcript' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $null = Start-Transcript -Path $transcript
        try {
            $streams = & {
                Test-SdeAlmConnector 1 -Verbose -Debug
                Get-SdeAlmConnector | Test-SdeAlmConnector -Verbose
                Test-SdeAlmConnector -PluginId jira -Setting (New-JiraSetting 'badlogin.example.com') -Verbose
                Test-SdeAlmConnector -PluginId jira -Setting (New-JiraSetting 'unreachable.example.com') -Verbose | Format-List
                Get-SdeAlmConnection | Test-SdeAlmConnection -Verbose
            } *>&1 | Tee-Object -Variable captured | Out-String -Width 300
            $captured | Out-Host
        }
        finally {
            $null = Stop-Transcript
        }

        $everything = $streams + (Get-Content -Raw $transcript)
        $everything | Should -Match 'connector 1'
        $everything | Should -Match 'rejected the credentials'
        foreach ($secret in 'jira-secret-T0ken', 'trac-pa55word', 'ghp_simulatorToken0123456789', 'unsaved-S3cret-value', $SimulatorToken) {
            $everything | Should -Not -Match ([regex]::Escape($secret))
        }
    }
}
