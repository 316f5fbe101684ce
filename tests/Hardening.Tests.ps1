# Hostile servers, load and proxies. The measuring tests run in a fresh pwsh so that their
# memory figures are theirs alone, and print their figures with Write-Host for the record.
BeforeAll {
    . $PSScriptRoot/common.ps1
    Import-Module $PSScriptRoot/Simulator.psm1

    function Invoke-MeasuredPwsh {
        # Runs a script in a fresh pwsh; the script's last output line is "RESULT <json>", returned parsed.
        param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
        $lines = @(Invoke-FreshPwsh -Script $Script -Environment $Environment)
        $result = @($lines | Where-Object { $_ -like 'RESULT *' })
        if ($result.Count -ne 1) { throw "The child pwsh gave no result:`n$($lines -join "`n")" }
        $result[0].Substring(7) | ConvertFrom-Json
    }

    function Get-ProxyEnvironment {
        # The proxy variables for a child pwsh, every other spelling cleared. Environment variable names
        # are case-sensitive on Linux; hashtable literals are not, hence the ordinal table.
        param([string] $Https, [string] $Http, [string] $NoProxy)
        $environment = [hashtable]::new([StringComparer]::Ordinal)
        foreach ($name in 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy') {
            $environment[$name] = $null
        }
        $environment['HTTPS_PROXY'] = $Https
        $environment['http_proxy'] = $Http
        $environment['NO_PROXY'] = $NoProxy
        $environment
    }

    function Get-ProxyJournal {
        param($Proxy)
        Invoke-RestMethod "$($Proxy.Url)_proxy/requests"
    }
}

Describe 'Hostile answers' {
    It 'turns <Count> mutations of real answers into objects or specific errors, without hangs and with bounded memory' -ForEach @(
        @{ Count = 600; TimeoutSec = 5; MemoryBoundMB = 400 }
    ) {
        # Mutation n of the list and of a plugin answer (tests/SdeAlm.Simulator/FuzzCorpus.cs) goes
        # through Get-SdeAlmPlugin and Get-SdeAlmPluginField. Allowed: objects of the right type (for a
        # meaning-preserving mutation, exactly the original objects), or ErrorRecords from SdeApiException
        # with an Sde* ErrorId and a category other than NotSpecified. Anything else is listed as a problem.
        $script = Get-ChildScriptCommand Measure-FuzzAnswer @{ ModuleManifest = $ModuleManifest; Count = $Count; TimeoutSec = $TimeoutSec }

        $result = Invoke-MeasuredPwsh $script
        $growth = $result.peakMB - $result.baselineMB
        Write-Host ("Fuzz: {0} mutations, {1} answers in {2:0.0} s (slowest {3:0.00} s); {4} meaning-preserving ones gave the original objects; peak working set {5:0} MB, {6:0} MB above the start (bound {7} MB)" -f
            $result.mutations, $result.answers, $result.seconds, $result.slowest, $result.preserved, $result.peakMB, $growth, $MemoryBoundMB)
        Write-Host ('Fuzz outcomes: ' + (($result.outcomes.PSObject.Properties | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Value)" }) -join ', '))
        Write-Host ('Fuzz kinds: ' + (($result.kinds.PSObject.Properties | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Value)" }) -join ', '))

        $result.mutations | Should -Be $Count
        @($result.problems) | Should -BeNullOrEmpty
        $result.outcomes.objects | Should -BeGreaterThan 0
        $result.outcomes.'SdeInvalidJson (InvalidData)' | Should -BeGreaterThan 0
        $result.preserved | Should -BeGreaterThan 50
        $result.slowest | Should -BeLessThan ($TimeoutSec * 4) -Because 'each call ends by its -TimeoutSec; only a hang takes four times as long'
        $growth | Should -BeLessThan $MemoryBoundMB
    }

    It 'refuses <Case> with LimitsExceeded, the working set growing less than <BoundMB> MB' -ForEach @(
        # Before the value cap, 60 MiB of {},{},… took the working set to 3 GB.
        @{ Case = 'one 70 MiB string'; Scenario = 'huge=70'; Message = '64 MiB'; BoundMB = 300 }
        @{ Case = '200 MiB gzip-compressed to a few hundred KB'; Scenario = 'huge=200/gzip'; Message = '64 MiB'; BoundMB = 300 }
        @{ Case = '8 MiB of empty plugins (2.8 million values)'; Scenario = 'flood=8'; Message = '2,000,000 JSON values'; BoundMB = 300 }
    ) {
        $script = Get-ChildScriptCommand Measure-OversizedAnswer @{ ModuleManifest = $ModuleManifest; Server = (Get-ScenarioUrl $Scenario) }

        $result = Invoke-MeasuredPwsh $script
        $growth = $result.peakMB - $result.baselineMB
        Write-Host ("Cap: {0} -> {1} in {2:0.0} s; peak working set {3:0} MB, {4:0} MB above the start (bound {5} MB)" -f $Scenario, ($result.id -replace ',.*'), $result.seconds, $result.peakMB, $growth, $BoundMB)
        $result.id | Should -BeLike 'SdeResponseTooLarge,*'
        $result.category | Should -Be 'LimitsExceeded'
        $result.message | Should -Match ([regex]::Escape($Message))
        $growth | Should -BeLessThan $BoundMB
    }
}

Describe 'Load' {
    It 'makes <Calls> sequential calls on one connection over a handful of sockets, without memory growth' -ForEach @(
        @{ Calls = 5000; MaximumSockets = 4; GrowthBoundMB = 50 }
    ) {
        # A simulator of its own, so that every socket to its port in /proc/net/tcp{,6} is this test's.
        $simulator = Start-SdeSimulator -Token $SimulatorToken
        try {
            $script = Get-ChildScriptCommand Measure-ConnectionReuse @{ ModuleManifest = $ModuleManifest; Calls = $Calls; Url = $simulator.Url; Port = ([uri]$simulator.Url).Port }

            $result = Invoke-MeasuredPwsh $script
            $managedGrowth = $result.managedAfterMB - $result.managedBeforeMB
            $workingGrowth = $result.workingAfterMB - $result.workingBeforeMB
            Write-Host ("Load: {0} calls in {1:0.0} s, {2} errors; our sockets to the simulator before {3} established/{4} time-wait, after {5}/{6} (its time-wait: {7}); managed memory {8:0.0} -> {9:0.0} MB, working set {10:0} -> {11:0} MB (bound +{12} MB)" -f
                $result.calls, $result.seconds, $result.errors, $result.before.established, $result.before.timeWait, $result.after.established, $result.after.timeWait,
                $result.after.serverTimeWait, $result.managedBeforeMB, $result.managedAfterMB, $result.workingBeforeMB, $result.workingAfterMB, $GrowthBoundMB)

            $result.errors | Should -Be 0
            $result.wrong | Should -Be 0
            (Invoke-RestMethod "$($simulator.Url)_sim/requests?prefix=").count | Should -Be ($Calls + 50)
            $result.before.established + $result.before.timeWait | Should -Be 0
            $result.after.established | Should -BeGreaterThan 0
            $result.after.established + $result.after.timeWait | Should -BeLessOrEqual $MaximumSockets
            $result.after.serverTimeWait | Should -BeLessOrEqual $MaximumSockets
            $managedGrowth | Should -BeLessThan $GrowthBoundMB
            $workingGrowth | Should -BeLessThan $GrowthBoundMB
        }
        finally {
            Stop-SdeSimulator $simulator
        }
    }
}

Describe 'Proxies' {
    BeforeAll {
        $script:Https = Start-SdeSimulator -Https -Token $SimulatorToken
        $script:HttpsAuthority = ([uri]$Https.Url).Authority
        $script:Open = Start-SdeSimulator -Proxy
        $script:ProxyPassword = "proxy-$([guid]::NewGuid().ToString('n'))"
        $script:Guarded = Start-SdeSimulator -Proxy -ProxyCredential "sdealm:$ProxyPassword"
        $script:ProxyCredential = [pscredential]::new('sdealm', (ConvertTo-SecureString $ProxyPassword -AsPlainText -Force))
    }
    AfterAll {
        $Https, $Open, $Guarded | Stop-SdeSimulator
    }

    It 'sends http requests through -Proxy as absolute URIs' {
        $scenario = New-Scenario
        $connection = Connect-TestSde $scenario -Parameters @{ Proxy = $Open.Url }
        $connection.Proxy | Should -Be $Open.Url
        @((Get-SdeAlmPlugin -Connection $connection).Id) | Should -Be @((Get-RawCatalog).id)
        $seen = @((Get-ProxyJournal $Open).requests -like "GET $(Get-ScenarioUrl $scenario)*")
        $seen.Count | Should -Be 2
        $seen[1] | Should -Be "GET $(Get-ScenarioUrl $scenario)api/v2/plugins/alm/ (with Authorization)"
        (Get-SimulatorRequest $scenario).count | Should -Be 2
    }

    It 'tunnels https through -Proxy with CONNECT' {
        $tunnels = @((Get-ProxyJournal $Open).requests -eq "CONNECT $HttpsAuthority").Count
        $connection = Connect-Sde -Server $Https.Url -Token (Get-TestToken) -SkipCertificateCheck -Proxy $Open.Url
        @((Get-SdeAlmPlugin -Connection $connection).Id) | Should -Be @((Get-RawCatalog).id)
        @((Get-ProxyJournal $Open).requests -eq "CONNECT $HttpsAuthority").Count | Should -Be ($tunnels + 1)
    }

    It 'asks for -ProxyCredential when the proxy answers 407 (<Scheme>)' -ForEach @(
        @{ Scheme = 'http' }
        @{ Scheme = 'https' }
    ) {
        $server = if ($Scheme -eq 'http') { Get-ScenarioUrl (New-Scenario) } else { $Https.Url }
        $err = Get-ErrorRecord { Connect-Sde -Server $server -Token (Get-TestToken) -AllowUnencryptedAuthentication -SkipCertificateCheck -Proxy $Guarded.Url -MaximumRetryCount 0 }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeAuthenticationFailed,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match '407'
        $err.Exception.Message | Should -Match '-ProxyCredential'
    }

    It 'authenticates to the proxy with -ProxyCredential (<Scheme>)' -ForEach @(
        @{ Scheme = 'http' }
        @{ Scheme = 'https' }
    ) {
        $scenario = New-Scenario
        $server = if ($Scheme -eq 'http') { Get-ScenarioUrl $scenario } else { $Https.Url }
        $before = Get-ProxyJournal $Guarded
        $connection = Connect-Sde -Server $server -Token (Get-TestToken) -AllowUnencryptedAuthentication -SkipCertificateCheck -Proxy $Guarded.Url -ProxyCredential $ProxyCredential
        @((Get-SdeAlmPlugin -Connection $connection).Id) | Should -Be @((Get-RawCatalog).id)
        $after = Get-ProxyJournal $Guarded
        if ($Scheme -eq 'http') {
            @($after.requests -like "GET $(Get-ScenarioUrl $scenario)* (with Authorization)").Count | Should -Be 2
        }
        else {
            $after.tunnels | Should -Be ($before.tunnels + 1)
        }
    }

    It 'uses the system proxy by default (HTTPS_PROXY, http_proxy) and honours NO_PROXY' {
        # HttpClient reads these once per process, so each setting gets a fresh pwsh. On Linux .NET reads
        # the lower-case http_proxy only (HTTP_PROXY is ignored there, as in curl), HTTPS_PROXY in either case.
        $scenario = New-Scenario
        $script = Get-ChildScriptCommand Test-SystemProxy @{ ModuleManifest = $ModuleManifest; HttpsServer = $Https.Url; HttpServer = (Get-ScenarioUrl $scenario) }
        $plugins = @(Get-RawCatalog).Count

        $before = Get-ProxyJournal $Open
        $proxied = Invoke-MeasuredPwsh $script -Environment (Get-ProxyEnvironment -Https $Open.Url -Http $Open.Url)
        $middle = Get-ProxyJournal $Open
        $direct = Invoke-MeasuredPwsh $script -Environment (Get-ProxyEnvironment -Https $Open.Url -Http $Open.Url -NoProxy '127.0.0.1')
        $after = Get-ProxyJournal $Open

        $proxied.https | Should -Be $plugins
        $proxied.http | Should -Be $plugins
        $middle.tunnels | Should -Be ($before.tunnels + 1)
        @($middle.requests -like "GET $(Get-ScenarioUrl $scenario)*").Count | Should -Be 2
        $direct.https | Should -Be $plugins
        $direct.http | Should -Be $plugins
        $after.tunnels | Should -Be $middle.tunnels
        $after.forwards | Should -Be $middle.forwards
        (Get-SimulatorRequest $scenario).count | Should -Be 4
    }

    It 'sends -ProxyCredential to the system proxy when there is no -Proxy' {
        $script = Get-ChildScriptCommand Test-SystemProxyCredential @{ ModuleManifest = $ModuleManifest; Server = $Https.Url; ProxyPassword = $ProxyPassword }
        $before = Get-ProxyJournal $Guarded
        $result = Invoke-MeasuredPwsh $script -Environment (Get-ProxyEnvironment -Https $Guarded.Url)
        $result.without | Should -BeLike 'SdeAuthenticationFailed,* AuthenticationError'
        $result.plugins | Should -Be @(Get-RawCatalog).Count
        (Get-ProxyJournal $Guarded).tunnels | Should -Be ($before.tunnels + 1)
    }
}
