BeforeAll {
    . $PSScriptRoot/common.ps1
}

Describe 'Connect-Sde' {
    AfterEach {
        Disconnect-Sde
    }

    It 'validates the token with /api/v2/users/me/ and returns the connection' {
        $scenario = New-Scenario
        $connection = Connect-TestSde $scenario
        $me = Invoke-RestMethod "$(Get-ScenarioUrl)api/v2/users/me/" -Headers @{ Authorization = "Token $SimulatorToken" }

        $connection | Should -BeOfType SdeAlm.Sessions.SdeConnection
        $connection.Server | Should -Be (Get-ScenarioUrl $scenario)
        $connection.User | Should -Be $me.email
        $connection.ConnectedAt | Should -BeGreaterThan ([DateTimeOffset]::Now.AddMinutes(-1))
        $connection.IsOpen | Should -BeTrue
        (Get-SimulatorRequest $scenario).count | Should -Be 1
    }

    It 'makes the new connection the current one' {
        $connection = Connect-TestSde
        Get-SdeConnection | Should -Be $connection
    }

    It 'keeps the context root of the server URL' {
        $scenario = New-Scenario
        Connect-TestSde $scenario
        $null = Get-SdeAlmPlugin -Id trac
        (Get-SimulatorRequest $scenario).count | Should -Be 2
    }

    It 'uses the defaults for timeout and retries, and the values given' {
        $default = Connect-TestSde
        $default.TimeoutSec | Should -Be 100
        $default.MaximumRetryCount | Should -Be 3
        $custom = Connect-TestSde -Parameters @{ TimeoutSec = 7; MaximumRetryCount = 1; RetryIntervalSec = 2 }
        $custom.TimeoutSec | Should -Be 7
        $custom.MaximumRetryCount | Should -Be 1
        $custom.RetryIntervalSec | Should -Be 2
    }

    It 'makes no request with -SkipValidation' {
        $scenario = New-Scenario
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
        $connection.User | Should -BeNullOrEmpty
        (Get-SimulatorRequest $scenario).count | Should -Be 0
    }

    It 'rejects a wrong token at connect time as an AuthenticationError' {
        $scenario = New-Scenario
        $url = Get-ScenarioUrl $scenario
        $err = Get-ErrorRecord { Connect-Sde -Server $url -Token (Get-TestToken 'wrong-token') -AllowUnencryptedAuthentication }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeAuthenticationFailed,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match 'Invalid token'
        $err.Exception.Message | Should -Match 'Connect-Sde'
        Get-SdeConnection | Should -BeNullOrEmpty
    }

    It 'refuses to send the token over http without -AllowUnencryptedAuthentication, before any request' {
        $scenario = New-Scenario
        $url = Get-ScenarioUrl $scenario
        $err = Get-ErrorRecord { Connect-Sde -Server $url -Token (Get-TestToken) }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeUnencryptedAuthenticationRefused,*'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -Match 'AllowUnencryptedAuthentication'
        (Get-SimulatorRequest $scenario).count | Should -Be 0
    }

    It 'rejects a server value that is not a host or URL: <Server>' -ForEach @(
        @{ Server = 'ftp://sde.example.com' }
        @{ Server = 'https://sde.example.com/?q=1' }
        @{ Server = 'not a host' }
    ) {
        $err = Get-ErrorRecord { Connect-Sde -Server $Server -Token (Get-TestToken) }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeServerInvalid,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be $Server
    }
}

Describe 'Connect-Sde with environment variables' {
    It 'reads SDE_SERVER and SDE_API_TOKEN when -Server and -Token are omitted' {
        $scenario = New-Scenario
        $output = Invoke-ChildScript Connect-FromEnvironment @{ ModuleManifest = $ModuleManifest } -Environment @{ SDE_SERVER = (Get-ScenarioUrl $scenario); SDE_API_TOKEN = $SimulatorToken }
        $output | Should -Contain 'user=admin@example.com'
        $output | Should -Contain "plugins=$(@(Get-RawCatalog).Count)"
        (Get-SimulatorRequest $scenario).count | Should -Be 2
    }

    It 'names both the parameter and the variable when neither is there: <Missing>' -ForEach @(
        @{ Missing = 'SDE_SERVER'; Id = 'SdeServerMissing'; Server = '' }
        @{ Missing = 'SDE_API_TOKEN'; Id = 'SdeTokenMissing'; Server = 'sde.example.com' }
    ) {
        $output = Invoke-ChildScript Connect-WithMissingSetting @{ ModuleManifest = $ModuleManifest; Server = $Server } -Environment @{ SDE_SERVER = $null; SDE_API_TOKEN = $null }
        $output | Should -Contain "id=$Id,SdeAlm.Commands.ConnectSdeCommand"
        $output | Should -Contain 'category=InvalidArgument'
        ($output | Where-Object { $_ -like 'message=*' }) | Should -Match $Missing
    }
}

Describe 'Get-SdeConnection and Disconnect-Sde' {
    It 'returns nothing when not connected' {
        Disconnect-Sde
        Get-SdeConnection | Should -BeNullOrEmpty
    }

    It 'forgets the current connection and closes it' {
        $connection = Connect-TestSde
        Disconnect-Sde
        Get-SdeConnection | Should -BeNullOrEmpty
        $connection.IsOpen | Should -BeFalse
        $err = Get-ErrorRecord { Get-SdeAlmPlugin -Connection $connection }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeConnectionClosed,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'tells to run Connect-Sde when a data cmdlet runs unconnected: <Command>' -ForEach @(
        @{ Command = 'Get-SdeAlmPlugin' }
        @{ Command = 'Get-SdeAlmPluginField' }
    ) {
        Disconnect-Sde
        $err = Get-ErrorRecord { & $Command }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeNotConnected,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.Exception.Message | Should -Match 'Connect-Sde'
        $err.TargetObject | Should -Be $Command
    }

    It 'closes a connection passed by value and leaves the current one alone' {
        $first = Connect-TestSde
        $second = Connect-TestSde
        Disconnect-Sde -Connection $first
        $first.IsOpen | Should -BeFalse
        Get-SdeConnection | Should -Be $second
        $second.IsOpen | Should -BeTrue
        Disconnect-Sde
    }
}
