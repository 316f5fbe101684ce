BeforeAll {
    . $PSScriptRoot/common.ps1
    Import-Module $PSScriptRoot/Simulator.psm1
    $script:ModuleVersion = (Import-PowerShellDataFile $ModuleManifest).ModuleVersion
}

Describe 'Requests' {
    AfterEach {
        Disconnect-Sde
    }

    It 'sends the token, Accept: application/json and a User-Agent naming SdeAlm' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $null = Get-SdeAlmPlugin -Id trac
        $headers = Invoke-RestMethod "$($SimulatorUrl)_sim/headers?prefix=$([uri]::EscapeDataString($scenario))"
        $headers.Authorization | Should -Be '<present>'
        $headers.Accept | Should -Be 'application/json'
        $headers.'User-Agent' | Should -Match "^SdeAlm/$([regex]::Escape($ModuleVersion)) "
        $requests = Get-SimulatorRequest $scenario
        $requests.withAuth | Should -Be $requests.count
    }

    It 'logs each request with -Verbose: method, URL, status, time and size' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $verbose = Get-SdeAlmPlugin -Id jira -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $url = "$(Get-ScenarioUrl $scenario)api/v2/plugins/alm/jira/"
        @($verbose.Message) | Should -Match "^GET $([regex]::Escape($url)) -> 200 OK in \d+ ms, [\d.]+ KB$"
    }

    It 'retries <Status> answers and succeeds (<Options>)' -ForEach @(
        @{ Status = 429; Options = 'throttle=2', 'retryafter=0' }
        @{ Status = 429; Options = 'throttle=1', 'retryafter=none' }
        @{ Status = 503; Options = 'fail=2' }
        @{ Status = 502; Options = 'fail=1', 'failstatus=502' }
        @{ Status = 504; Options = 'fail=1', 'failstatus=504' }
    ) {
        $scenario = New-Scenario $Options
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true; RetryIntervalSec = 0 }
        $failures = [int]((@($Options)[0] -split '=')[1])
        $verbose = Get-SdeAlmPlugin -Id trac -Connection $connection -Verbose 4>&1
        @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match "-> $Status .*retry" }).Count | Should -Be $failures
        @($verbose | Where-Object { $_ -is [SdeAlm.Model.AlmPlugin] }).Id | Should -Be 'trac'
        (Get-SimulatorRequest $scenario).count | Should -Be ($failures + 1)
    }

    It 'waits as long as Retry-After says' {
        $scenario = New-Scenario 'throttle=1', 'retryafter=1'
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true; RetryIntervalSec = 0 }
        $verbose = Get-SdeAlmPlugin -Id trac -Connection $connection -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose.Message) -match 'retry 1 of 3 in 1 s' | Should -Not -BeNullOrEmpty
    }

    It 'stops after -MaximumRetryCount retries with the right error: <Status>' -ForEach @(
        @{ Status = 429; Options = 'throttle=99', 'retryafter=0'; Id = 'SdeThrottled'; Category = 'LimitsExceeded' }
        @{ Status = 503; Options = 'fail=99'; Id = 'SdeServerError'; Category = 'ResourceUnavailable' }
    ) {
        $scenario = New-Scenario $Options
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true; RetryIntervalSec = 0; MaximumRetryCount = 2 }
        $err = Get-ErrorRecord { Get-SdeAlmPlugin -Connection $connection }
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $err.CategoryInfo.Category | Should -Be $Category
        $err.Exception.Message | Should -Match "$Status"
        $err.Exception.Message | Should -Match 'after 2 retries'
        $err.Exception.StatusCode | Should -Be $Status
        (Get-SimulatorRequest $scenario).count | Should -Be 3
    }
}

Describe 'Errors' {
    AfterEach {
        Disconnect-Sde
    }

    It 'maps HTTP <Status> to <Category> with the server''s own text' -ForEach @(
        @{ Status = 401; Id = 'SdeAuthenticationFailed'; Category = 'AuthenticationError' }
        @{ Status = 403; Id = 'SdePermissionDenied'; Category = 'PermissionDenied' }
        @{ Status = 404; Id = 'SdeResourceNotFound'; Category = 'ObjectNotFound' }
        @{ Status = 500; Id = 'SdeServerError'; Category = 'ResourceUnavailable' }
        @{ Status = 400; Id = 'SdeBadRequest'; Category = 'InvalidArgument' }
    ) {
        $scenario = New-Scenario "status=$Status"
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true; MaximumRetryCount = 0 }
        $url = "$(Get-ScenarioUrl $scenario)api/v2/plugins/alm/"
        $detail = try { Invoke-RestMethod $url -Headers @{ Authorization = "Token $SimulatorToken" } } catch { ($_.ErrorDetails.Message | ConvertFrom-Json).detail }
        $err = Get-ErrorRecord { Get-SdeAlmPlugin -Connection $connection }
        $err.FullyQualifiedErrorId | Should -Be "$Id,SdeAlm.Commands.GetSdeAlmPluginCommand"
        $err.CategoryInfo.Category | Should -Be $Category
        $err.TargetObject | Should -Be $url
        $err.Exception | Should -BeOfType SdeAlm.Api.SdeApiException
        $err.Exception.Message | Should -Match ([regex]::Escape($detail))
    }

    It 'says it expected JSON and names the Content-Type it got: <Option>' -ForEach @(
        @{ Option = 'html'; ContentType = 'text/html' }
        @{ Option = 'notjson'; ContentType = 'text/plain' }
    ) {
        $connection = Connect-TestSde (New-Scenario $Option) -Parameters @{ SkipValidation = $true }
        $err = Get-ErrorRecord { Get-SdeAlmPlugin -Connection $connection }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeUnexpectedContentType,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -Match 'Expected a JSON answer'
        $err.Exception.Message | Should -Match ([regex]::Escape($ContentType))
    }

    It 'reports malformed JSON as InvalidData' {
        $connection = Connect-TestSde (New-Scenario 'broken') -Parameters @{ SkipValidation = $true }
        $err = Get-ErrorRecord { Get-SdeAlmPlugin -Connection $connection }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeInvalidJson,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.InnerException | Should -BeOfType System.Text.Json.JsonException
    }

    It 'reports a refused connection as ConnectionError' {
        $port = Get-FreeTcpPort
        $err = Get-ErrorRecord { Connect-Sde -Server "http://127.0.0.1:$port/" -Token (Get-TestToken) -AllowUnencryptedAuthentication -MaximumRetryCount 0 }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeConnectionFailed,*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -Match "127.0.0.1:$port"
    }

    It 'reports an unknown host as ConnectionError' {
        $err = Get-ErrorRecord { Connect-Sde -Server 'https://sdealm-no-such-host.invalid/' -Token (Get-TestToken) -MaximumRetryCount 0 -TimeoutSec 20 }
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeHostNotFound,*'
        $err.Exception.Message | Should -Match 'sdealm-no-such-host.invalid'
    }

    It 'raises OperationTimeout when the server is slower than -TimeoutSec' {
        $connection = Connect-TestSde (New-Scenario 'delay=5000') -Parameters @{ SkipValidation = $true; TimeoutSec = 1 }
        $err = Get-ErrorRecord { Get-SdeAlmPlugin -Connection $connection }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeRequestTimeout,*'
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err.Exception.Message | Should -Match 'TimeoutSec'
    }
}

Describe 'TLS' {
    BeforeAll {
        $script:Https = Start-SdeSimulator -Https -Token $SimulatorToken
        $script:HostPort = ([uri]$Https.Url).Authority
    }
    AfterAll {
        Disconnect-Sde
        Stop-SdeSimulator $Https
    }

    It 'refuses an untrusted certificate, naming the problem and -SkipCertificateCheck' {
        $err = Get-ErrorRecord { Connect-Sde -Server $Https.Url -Token (Get-TestToken) -MaximumRetryCount 0 }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeCertificateInvalid,*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -Match 'certificate'
        $err.Exception.Message | Should -Match '-SkipCertificateCheck'
    }

    It 'works with -SkipCertificateCheck, and host:port means https' {
        $connection = Connect-Sde -Server $HostPort -Token (Get-TestToken) -SkipCertificateCheck
        $connection.Server | Should -Be "https://$HostPort/"
        $connection.SkipCertificateCheck | Should -BeTrue
        @((Get-SdeAlmPlugin).Id) | Should -Be @((Get-RawCatalog).id)
    }
}

Describe 'Stopping' {
    It 'cancels the request in flight when the pipeline is stopped' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript({
                    param($Manifest, $Url, $Token)
                    Import-Module $Manifest
                    $c = Connect-Sde -Server $Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -AllowUnencryptedAuthentication -SkipValidation
                    Get-SdeAlmPlugin -Connection $c
                }).AddArgument($ModuleManifest).AddArgument((Get-ScenarioUrl (New-Scenario 'delay=30000'))).AddArgument($SimulatorToken)
            $async = $shell.BeginInvoke()
            Start-Sleep -Milliseconds 1500
            $async.IsCompleted | Should -BeFalse
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $clock.Stop()
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 1
        }
        finally {
            $shell.Dispose()
        }
    }
}

Describe 'Connections shared across runspaces' {
    It 'serves ForEach-Object -Parallel through -Connection' {
        $scenario = New-Scenario
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
        $expected = @((Get-RawCatalog).id) -join ','
        $results = 1..16 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:ModuleManifest
            @((Get-SdeAlmPlugin -Connection $using:connection).Id) -join ','
        }
        $results.Count | Should -Be 16
        $results | ForEach-Object { $_ | Should -Be $expected }
        (Get-SimulatorRequest $scenario).count | Should -Be 16
        Disconnect-Sde -Connection $connection
    }
}

Describe 'Secrets' {
    It 'never shows the token in output, streams, errors or serialized connections' {
        # The simulator's token is a fresh random secret of this run: it must appear nowhere.
        $secret = $SimulatorToken
        $connection = Connect-TestSde (New-Scenario) -Parameters @{ Verbose = $true; Debug = $true }
        $everything = @(
            Get-SdeAlmPlugin -Connection $connection -Verbose -Debug *>&1
            Get-SdeAlmPlugin -Connection $connection -Id trac, missing -Verbose -Debug -ErrorAction Continue *>&1
            foreach ($failing in 'status=401', 'status=403', 'html', 'broken', 'fail=9') {
                $bad = Connect-TestSde (New-Scenario $failing) -Parameters @{ SkipValidation = $true; MaximumRetryCount = 0 }
                try { Get-SdeAlmPluginField -Connection $bad -Verbose -Debug -ErrorAction Stop *>&1 } catch { $_ }
            }
            try { Connect-TestSde (New-Scenario 'status=401') -Parameters @{ Verbose = $true } *>&1 } catch { $_ }
        )
        $errors = @($everything | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 7
        @($everything | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 5
        $text = @(
            $everything | Out-String -Width 500
            $errors | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 500; $_.Exception.ToString() }
            $connection | Format-List * -Force | Out-String -Width 500
            $connection.ToString()
            $connection | ConvertTo-Json -Depth 5
            [System.Management.Automation.PSSerializer]::Serialize($connection, 5)
        ) -join "`n"
        $text | Should -Not -BeNullOrEmpty
        $text.Contains($secret) | Should -BeFalse
        Disconnect-Sde
    }
}
