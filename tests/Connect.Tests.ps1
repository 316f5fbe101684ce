BeforeAll {
    . $PSScriptRoot/common.ps1
    Import-Module $PSScriptRoot/Simulator.psm1
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
        Disconnect-Sde -All
        $err = Get-ErrorRecord { & $Command }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeNotConnected,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.Exception.Message | Should -BeExactly 'You are not connected to SD Elements. Run Connect-Sde first (for example: Connect-Sde -Server sde.example.com), or pass -Connection.'
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

Describe 'Several connections' {
    BeforeEach {
        Get-SdeConnection -All | Disconnect-Sde
    }
    AfterAll {
        Get-SdeConnection -All | Disconnect-Sde
    }

    It 'lists every open connection with -All, oldest first, and marks the current one' {
        $first = Connect-TestSde
        $second = Connect-TestSde -Parameters @{ NotCurrent = $true }
        $all = @(Get-SdeConnection -All)
        $all.Count | Should -Be 2
        [object]::ReferenceEquals($all[0], $first) | Should -BeTrue
        [object]::ReferenceEquals($all[1], $second) | Should -BeTrue
        $first.IsCurrent | Should -BeTrue
        $second.IsCurrent | Should -BeFalse
        $second.IsOpen | Should -BeTrue
    }

    It 'leaves the current connection alone with Connect-Sde -NotCurrent' {
        $current = Connect-TestSde
        $other = Connect-TestSde -Parameters @{ NotCurrent = $true }
        [object]::ReferenceEquals((Get-SdeConnection), $current) | Should -BeTrue
        $other.IsCurrent | Should -BeFalse
    }

    It 'makes a connection current with Select-SdeConnection, by parameter and from the pipeline' {
        $first = Connect-TestSde
        $second = Connect-TestSde -Parameters @{ NotCurrent = $true }
        Select-SdeConnection $second | Should -BeNullOrEmpty
        [object]::ReferenceEquals((Get-SdeConnection), $second) | Should -BeTrue
        $first.IsCurrent | Should -BeFalse
        Get-SdeConnection -All | Select-Object -First 1 | Select-SdeConnection
        [object]::ReferenceEquals((Get-SdeConnection), $first) | Should -BeTrue
        @(Get-SdeConnection -All | Where-Object IsCurrent).Count | Should -Be 1
    }

    It 'leaves no current connection after Disconnect-Sde of the current one, and drops it from -All' {
        $older = Connect-TestSde
        $newer = Connect-TestSde
        Disconnect-Sde
        Get-SdeConnection | Should -BeNullOrEmpty
        $all = @(Get-SdeConnection -All)
        $all.Count | Should -Be 1
        [object]::ReferenceEquals($all[0], $older) | Should -BeTrue
        $newer.IsCurrent | Should -BeFalse
        $all[0] | Select-SdeConnection
        [object]::ReferenceEquals((Get-SdeConnection), $older) | Should -BeTrue
        @((Get-SdeAlmPlugin -Id trac).Id) | Should -Be 'trac'
    }

    It 'closes every open connection, current or not, with Disconnect-Sde -All' {
        $first = Connect-TestSde
        $second = Connect-TestSde -Parameters @{ NotCurrent = $true }
        $third = Connect-TestSde
        $verbose = Disconnect-Sde -All -Verbose 4>&1
        $first.IsOpen, $second.IsOpen, $third.IsOpen | Should -Be @($false, $false, $false)
        Get-SdeConnection | Should -BeNullOrEmpty
        @(Get-SdeConnection -All).Count | Should -Be 0
        @($verbose | ForEach-Object Message) | Should -Be @(1..3 | ForEach-Object { "Disconnected from $SimulatorUrl." })
        $err = Get-ErrorRecord { Get-SdeAlmPlugin }
        $err.Exception.Message | Should -BeLike 'You are not connected to SD Elements. Run Connect-Sde first*'
    }

    It 'does nothing with Disconnect-Sde -All when no connection is open' {
        $verbose = Disconnect-Sde -All -Verbose 4>&1
        @($verbose | ForEach-Object Message) | Should -Be @('No connection to SD Elements is open; nothing to disconnect.')
    }

    It 'says that the current connection was closed and points to Select-SdeConnection while others are open' {
        $older = Connect-TestSde
        $null = Connect-TestSde
        Disconnect-Sde
        $err = Get-ErrorRecord { Get-SdeAlmPluginField }
        $err.FullyQualifiedErrorId | Should -Be 'SdeNotConnected,SdeAlm.Commands.GetSdeAlmPluginFieldCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.TargetObject | Should -Be 'Get-SdeAlmPluginField'
        $err.Exception.Message | Should -Be ("No connection to SD Elements is current: the current one was closed, and no other becomes current by itself. " +
            "Still open: admin@example.com @ $SimulatorUrl. Make one current with Select-SdeConnection " +
            '(for example: Get-SdeConnection -All | Select-Object -First 1 | Select-SdeConnection), or pass -Connection.')
        $older | Select-SdeConnection
        @((Get-SdeAlmPlugin -Id trac).Id) | Should -Be 'trac'
    }

    It 'says that no open connection is current when all were opened with -NotCurrent, and lists at most three' {
        1..4 | ForEach-Object { $null = Connect-TestSde -Parameters @{ NotCurrent = $true; SkipValidation = $true } }
        $err = Get-ErrorRecord { Get-SdeAlmConnector }
        $err.FullyQualifiedErrorId | Should -Be 'SdeNotConnected,SdeAlm.Commands.GetSdeAlmConnectorCommand'
        $err.Exception.Message | Should -Be ("No connection to SD Elements is current: the open ones were opened with Connect-Sde -NotCurrent. " +
            "Still open: $SimulatorUrl, $SimulatorUrl, $SimulatorUrl and 1 more. Make one current with Select-SdeConnection " +
            '(for example: Get-SdeConnection -All | Select-Object -First 1 | Select-SdeConnection), or pass -Connection.')
    }

    It 'refuses to make a closed connection current' {
        $current = Connect-TestSde
        $closed = Connect-TestSde -Parameters @{ NotCurrent = $true }
        Disconnect-Sde -Connection $closed
        $err = Get-ErrorRecord { Select-SdeConnection -Connection $closed }
        $err.FullyQualifiedErrorId | Should -Be 'SdeConnectionClosed,SdeAlm.Commands.SelectSdeConnectionCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        [object]::ReferenceEquals($err.TargetObject, $closed) | Should -BeTrue
        [object]::ReferenceEquals((Get-SdeConnection), $current) | Should -BeTrue
    }

    It 'closes connections that come from the pipeline: <Case>' -ForEach @(
        @{ Case = 'Get-SdeConnection | Disconnect-Sde'; Pipeline = { Get-SdeConnection | Disconnect-Sde }; Left = 1 }
        @{ Case = 'Get-SdeConnection -All | Disconnect-Sde'; Pipeline = { Get-SdeConnection -All | Disconnect-Sde }; Left = 0 }
    ) {
        $other = Connect-TestSde -Parameters @{ NotCurrent = $true }
        $current = Connect-TestSde
        & $Pipeline
        $current.IsOpen | Should -BeFalse
        Get-SdeConnection | Should -BeNullOrEmpty
        $other.IsOpen | Should -Be ($Left -eq 1)
        @(Get-SdeConnection -All).Count | Should -Be $Left
    }

    It 'keeps a list of its own in each runspace' {
        $null = Connect-TestSde
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$ModuleManifest'; @(Get-SdeConnection -All).Count; [bool](Get-SdeConnection)")
            $shell.Invoke() | Should -Be @(0, $false)
        }
        finally {
            $shell.Dispose()
        }
    }

    It 'shows every column at 80 columns, with the time to the minute' {
        $null = Connect-TestSde
        $null = Connect-TestSde -Parameters @{ NotCurrent = $true }
        $lines = @((Get-SdeConnection -All | Out-String -Width 80) -split "`n" | ForEach-Object TrimEnd | Where-Object { $_ })
        $lines[0] | Should -Match '^IsCurrent\s+Server\s+User\s+ConnectedAt\s+IsOpen$'
        $row = '^{0}\s+' + [regex]::Escape($SimulatorUrl) + '\s+admin@example\.com\s+\d{{4}}-\d\d-\d\d \d\d:\d\d\s+True$'
        @($lines -match ($row -f 'True')).Count | Should -Be 1
        @($lines -match ($row -f 'False')).Count | Should -Be 1
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }
}

Describe 'Connect-Sde arguments' {
    AfterEach {
        Disconnect-Sde
    }

    It 'explains how to pass a SecureString when -Token is plain text, without echoing it' {
        $err = Get-ErrorRecord { Connect-Sde -Server sde.example.com -Token 'plain-text-token-1234' }
        $err.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,SdeAlm.Commands.ConnectSdeCommand'
        $err.Exception.Message | Should -Match 'SecureString'
        $err.Exception.Message | Should -Match 'Read-Host -AsSecureString'
        $err.Exception.Message | Should -Match 'Get-Secret'
        $err.Exception.Message | Should -Match 'ConvertTo-SecureString'
        $err.Exception.Message | Should -Not -Match 'plain-text-token-1234'
    }

    It 'rejects a -Proxy that is not a proxy URL before any request: <Proxy>' -ForEach @(
        @{ Proxy = 'ftp://x'; Reason = "scheme 'ftp'" }
        @{ Proxy = 'proxy.example.com:3128'; Reason = 'http://proxy\.example\.com:3128' }
    ) {
        $scenario = New-Scenario
        $err = Get-ErrorRecord { Connect-TestSde $scenario -Parameters @{ Proxy = $Proxy } }
        $err.FullyQualifiedErrorId | Should -Be 'SdeProxyInvalid,SdeAlm.Commands.ConnectSdeCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$($err.TargetObject)" | Should -Be ([uri]$Proxy).ToString()
        $err.Exception.Message | Should -Match $Reason
        (Get-SimulatorRequest $scenario).count | Should -Be 0
    }
}

Describe 'Connect-Sde with the token of another server in the environment' {
    BeforeAll {
        $script:Saved = $env:SDE_SERVER, $env:SDE_API_TOKEN
    }
    AfterEach {
        $env:SDE_SERVER, $env:SDE_API_TOKEN = $Saved
        Disconnect-Sde
    }

    It 'warns when SDE_API_TOKEN goes to another server than SDE_SERVER names' {
        $env:SDE_SERVER = 'sde.example.com'
        $env:SDE_API_TOKEN = $SimulatorToken
        $null = Connect-Sde -Server $SimulatorUrl -AllowUnencryptedAuthentication -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 1
        "$warnings" | Should -Match 'SDE_API_TOKEN'
        "$warnings" | Should -Match 'SDE_SERVER=sde\.example\.com'
        "$warnings" | Should -Match ([regex]::Escape($SimulatorUrl))
        "$warnings" | Should -Not -Match ([regex]::Escape($SimulatorToken))
    }

    It 'does not warn when <Case>' -ForEach @(
        @{ Case = 'SDE_SERVER is unset'; Server = $null; Token = $true }
        @{ Case = 'SDE_SERVER names the same server'; Server = 'same'; Token = $false }
        @{ Case = '-Token is given'; Server = 'sde.example.com'; Token = $true }
    ) {
        $env:SDE_SERVER = if ($Server -eq 'same') { $SimulatorUrl } else { $Server }
        $env:SDE_API_TOKEN = $SimulatorToken
        $parameters = @{ Server = $SimulatorUrl; AllowUnencryptedAuthentication = $true }
        if ($Token) { $parameters.Token = Get-TestToken }
        $null = Connect-Sde @parameters -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -BeNullOrEmpty
    }
}

Describe 'Connection errors that name what failed' {
    BeforeAll {
        $script:Secure = Start-SdeSimulator -Https -Token $SimulatorToken
        $script:PlainAuthority = ([uri]$SimulatorUrl).Authority
        $script:SecureAuthority = ([uri]$Secure.Url).Authority
    }
    AfterAll {
        Disconnect-Sde
        Stop-SdeSimulator $Secure
    }

    It 'names the proxy when the proxy is what failed: <Case>' -ForEach @(
        @{ Case = 'nothing listens at the proxy'; Proxy = { "http://127.0.0.1:$(Get-FreeTcpPort)" }; Server = { $SimulatorUrl }; Reason = 'refused' }
        @{ Case = 'the proxy host does not resolve, https tunnel'; Proxy = { 'http://sdealm-no-such-proxy.invalid:3128' }; Server = { $Secure.Url }; Reason = 'does not resolve' }
    ) {
        $proxy = [uri](& $Proxy)
        $err = Get-ErrorRecord { Connect-Sde -Server (& $Server) -Token (Get-TestToken) -AllowUnencryptedAuthentication -SkipCertificateCheck -Proxy $proxy -MaximumRetryCount 0 -TimeoutSec 20 }
        $err.FullyQualifiedErrorId | Should -Be 'SdeProxyFailed,SdeAlm.Commands.ConnectSdeCommand'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -Match ([regex]::Escape("proxy $($proxy.Authority)"))
        $err.Exception.Message | Should -Match $Reason
        $err.Exception.Message | Should -Match '-Proxy'
    }

    It 'says the port speaks http when https goes to a plain-http port (<Case>)' -ForEach @(
        @{ Case = 'certificate checked'; Skip = $false }
        @{ Case = '-SkipCertificateCheck'; Skip = $true }
    ) {
        $err = Get-ErrorRecord { Connect-Sde -Server "https://$PlainAuthority/" -Token (Get-TestToken) -SkipCertificateCheck:$Skip -MaximumRetryCount 0 }
        $err.FullyQualifiedErrorId | Should -Be 'SdeWrongScheme,SdeAlm.Commands.ConnectSdeCommand'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -Match 'this port speaks http,'
        $err.Exception.Message | Should -Match ([regex]::Escape("use Connect-Sde -Server http://$PlainAuthority/"))
        $err.Exception.Message | Should -Not -Match 'connect with -SkipCertificateCheck'
    }

    It 'says the port speaks https when http goes to an https port, without retrying' {
        # A retry would first wait -RetryIntervalSec (10 s): failing sooner shows there was none.
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $err = Get-ErrorRecord { Connect-Sde -Server "http://$SecureAuthority/" -Token (Get-TestToken) -AllowUnencryptedAuthentication -MaximumRetryCount 1 -RetryIntervalSec 10 -TimeoutSec 60 }
        $clock.Stop()
        $err.FullyQualifiedErrorId | Should -Be 'SdeWrongScheme,SdeAlm.Commands.ConnectSdeCommand'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -Match 'this port speaks https,'
        $err.Exception.Message | Should -Match ([regex]::Escape("use Connect-Sde -Server https://$SecureAuthority/"))
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
    }
}
