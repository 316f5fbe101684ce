BeforeAll {
    . $PSScriptRoot/common.ps1
    Import-Module $PSScriptRoot/Simulator.psm1
    $script:ModuleVersion = (Import-PowerShellDataFile $ModuleManifest).ModuleVersion

    function Wait-SimulatorRequest {
        # Returns once the simulator's journal of the scenario has a request with this status (0: not
        # answered yet), so a test acts on a request known to be under way instead of after a guessed
        # sleep that a slow runner can outlast.
        param([string] $Scenario, [int] $Status = 0)
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ([DateTime]::UtcNow -lt $deadline) {
            $journal = Invoke-RestMethod "$($SimulatorUrl)_sim/requests?prefix=$([uri]::EscapeDataString($Scenario))&detail=1"
            if (@($journal.requests | Where-Object status -EQ $Status).Count -gt 0) { return }
            Start-Sleep -Milliseconds 50
        }
        throw "The simulator saw no request with status $Status under $Scenario within 30 s."
    }
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

    It 'keeps every call within -TimeoutSec, Retry-After waits included: <Case>' -ForEach @(
        # A wait is taken only when it ends within -TimeoutSec from the start of the call; the margins
        # are a second or more either way. The upper bound of the time is generous: the request count
        # and the message are what the case checks.
        @{ Case = 'Retry-After 2 s, -TimeoutSec 5: waits end at 2 and 4 s, a third would end past 5 s'; Options = 'throttle=99', 'retryafter=2'; Parameters = @{ MaximumRetryCount = 5; TimeoutSec = 5; RetryIntervalSec = 0 }; Requests = 3; Id = 'SdeThrottled'; Message = 'The server asked to wait 2 s before trying again, longer than -TimeoutSec 5 allows' }
        @{ Case = 'Retry-After longer than -TimeoutSec is not waited'; Options = 'throttle=99', 'retryafter=3600'; Parameters = @{ MaximumRetryCount = 3; TimeoutSec = 2 }; Requests = 1; Id = 'SdeThrottled'; Message = 'The server asked to wait 3600 s before trying again, longer than -TimeoutSec 2 allows' }
        @{ Case = 'back-off 2 s fits, the next 4 s would not'; Options = 'fail=99'; Parameters = @{ MaximumRetryCount = 5; TimeoutSec = 5; RetryIntervalSec = 2 }; Requests = 2; Id = 'SdeServerError'; Message = 'Retry 2 would have waited 4 s, longer than -TimeoutSec 5 allows' }
        @{ Case = 'back-off longer than -TimeoutSec'; Options = 'fail=99'; Parameters = @{ MaximumRetryCount = 5; TimeoutSec = 2; RetryIntervalSec = 30 }; Requests = 1; Id = 'SdeServerError'; Message = 'Retry 1 would have waited 30 s, longer than -TimeoutSec 2 allows' }
    ) {
        $scenario = New-Scenario $Options
        $connection = Connect-TestSde $scenario -Parameters (@{ SkipValidation = $true } + $Parameters)
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $err = Get-ErrorRecord { Get-SdeAlmPlugin -Connection $connection }
        $clock.Stop()
        Write-Host ("Retry budget ({0}): {1} requests in {2:0.00} s" -f $Case, (Get-SimulatorRequest $scenario).count, $clock.Elapsed.TotalSeconds)
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $err.Exception.Message | Should -Match ([regex]::Escape($Message))
        (Get-SimulatorRequest $scenario).count | Should -Be $Requests
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 15
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
        $err.Exception | Should -BeOfType SdeAlm.Errors.SdeApiException
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

    # A body that stalls halfway (answer or error body), under -TimeoutSec and Ctrl+C: tests/Smoke.Tests.ps1,
    # which Windows PowerShell runs too.
    It 'raises OperationTimeout after -TimeoutSec, long before the server would answer, when it <Case>' -ForEach @(
        @{ Case = 'sends no answer'; Options = @('delay=60000') }
    ) {
        $connection = Connect-TestSde (New-Scenario $Options) -Parameters @{ SkipValidation = $true; TimeoutSec = 2 }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $err = Get-ErrorRecord { Get-SdeAlmPlugin -Connection $connection }
        $clock.Stop()
        Write-Host ("Timeout ({0}): -TimeoutSec 2 -> {1:0.00} s" -f $Case, $clock.Elapsed.TotalSeconds)
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeRequestTimeout,*'
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err.Exception.Message | Should -Match 'TimeoutSec'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 20 -Because 'the server answers only after 60 s'
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
        $err.Exception.Message | Should -Match 'self-signed or issued by an authority this computer does not trust \(UntrustedRoot\)'
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
    # Halfway through a body or an error body: tests/Smoke.Tests.ps1, which Windows PowerShell runs too.
    It 'returns when the pipeline is stopped <While>' -ForEach @(
        @{ While = 'while waiting for the answer'; Options = @('delay=30000'); SeenStatus = 0 }
        @{ While = 'during a Retry-After wait'; Options = @('throttle=99', 'retryafter=30'); SeenStatus = 429 }
    ) {
        $scenario = New-Scenario $Options
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript({
                    param($Manifest, $Url, $Token)
                    Import-Module $Manifest
                    $c = Connect-Sde -Server $Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -AllowUnencryptedAuthentication -SkipValidation
                    Get-SdeAlmPlugin -Connection $c
                }).AddArgument($ModuleManifest).AddArgument((Get-ScenarioUrl $scenario)).AddArgument($SimulatorToken)
            $async = $shell.BeginInvoke()
            # Waiting for the answer: a request not yet answered. The Retry-After wait: the 429 is out.
            Wait-SimulatorRequest $scenario -Status $SeenStatus
            $async.IsCompleted | Should -BeFalse
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $clock.Stop()
            Write-Host ("Stop ({0}): {1:0.000} s" -f $While, $clock.Elapsed.TotalSeconds)
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            # The server would take 30 s: returning at all within 10 s means the wait was cancelled.
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
        }
        finally {
            $shell.Dispose()
        }
    }
}

Describe 'Connections shared across runspaces' {
    It 'serves <Calls> calls from <Runspaces> runspaces at once through one -Connection, every answer right' -ForEach @(
        @{ Calls = 200; Runspaces = 8; DelayMs = 100 }
    ) {
        # Each answer takes DelayMs, so the calls overlap and all the runspaces are busy at once. How
        # long they take together is printed: on a loaded machine it is no pass/fail matter.
        $scenario = New-Scenario "delay=$DelayMs"
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
        $catalog = @(Get-RawCatalog)
        $expected = @{ '*' = (@($catalog | ForEach-Object { "$($_.id)=$($_.name)" }) -join ',') }
        foreach ($plugin in $catalog) {
            $expected[$plugin.id] = @(Get-RawField @($plugin) | ForEach-Object { "$($_.Section)/$($_.Field.name)" }) -join ','
        }
        $ids = @($catalog.id)
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $results = 1..$Calls | ForEach-Object -ThrottleLimit $Runspaces -Parallel {
            Import-Module $using:ModuleManifest
            $ids = $using:ids
            # Odd calls list every plugin; even ones read one plugin's fields, round the catalog.
            $what = if ($_ % 2) { '*' } else { $ids[($_ / 2) % $ids.Count] }
            try {
                $got = if ($what -eq '*') {
                    @(Get-SdeAlmPlugin -Connection $using:connection | ForEach-Object { "$($_.Id)=$($_.Name)" }) -join ','
                }
                else {
                    @(Get-SdeAlmPluginField -PluginId $what -Connection $using:connection | ForEach-Object { "$($_.Section)/$($_.Name)" }) -join ','
                }
                [pscustomobject]@{ What = $what; Got = $got; Runspace = [runspace]::DefaultRunspace.InstanceId; Failure = $null }
            }
            catch {
                [pscustomobject]@{ What = $what; Got = $null; Runspace = [runspace]::DefaultRunspace.InstanceId; Failure = "$($_.FullyQualifiedErrorId): $_" }
            }
        }
        $clock.Stop()
        $runspaces = @($results.Runspace | Sort-Object -Unique).Count
        Write-Host ("Parallel: {0} calls from {1} runspaces in {2:0.0} s" -f $results.Count, $runspaces, $clock.Elapsed.TotalSeconds)
        $results.Count | Should -Be $Calls
        @($results | Where-Object Failure | ForEach-Object Failure) | Should -BeNullOrEmpty
        foreach ($result in $results) {
            $result.Got | Should -Be $expected[$result.What] -Because "the answer for '$($result.What)' must match the raw catalog"
        }
        $runspaces | Should -Be $Runspaces

        (Get-SimulatorRequest $scenario).count | Should -Be $Calls
        Disconnect-Sde -Connection $connection
    }

    It 'says the connection was closed when another runspace disconnects it during a call' {
        $scenario = New-Scenario 'delay=5000'
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript({
                    param($Manifest, $Connection)
                    Import-Module $Manifest
                    try { Get-SdeAlmPlugin -Connection $Connection } catch { $_ }
                }).AddArgument($ModuleManifest).AddArgument($connection)
            $async = $shell.BeginInvoke()
            Wait-SimulatorRequest $scenario
            $async.IsCompleted | Should -BeFalse
            Disconnect-Sde -Connection $connection
            $err = @($shell.EndInvoke($async))[0]
            $err.FullyQualifiedErrorId | Should -BeLike 'SdeConnectionClosed,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $err.Exception.Message | Should -Match 'closed by Disconnect-Sde'
        }
        finally {
            $shell.Dispose()
        }
    }
}

Describe 'Redirects' {
    BeforeAll {
        # The token may travel only to the scheme, host and port it was given for.
        $script:Servers = @{
            main   = [pscustomobject]@{ Url = $SimulatorUrl }
            other  = Start-SdeSimulator -Token $SimulatorToken
            secure = Start-SdeSimulator -Https -Token $SimulatorToken
        }

        function Get-Authority { param([string] $Name) ([uri]$Servers[$Name].Url).Authority }

        function Connect-To {
            param([string] $Name, [string] $Scenario)
            Connect-Sde -Server "$($Servers[$Name].Url)$Scenario/" -Token (Get-TestToken) -AllowUnencryptedAuthentication -SkipCertificateCheck -SkipValidation
        }

        function Get-Seen {
            param([string] $Name, [string] $Prefix)
            Invoke-RestMethod "$($Servers[$Name].Url)_sim/requests?prefix=$([uri]::EscapeDataString($Prefix))" -SkipCertificateCheck
        }
    }
    AfterAll {
        $Servers.other, $Servers.secure | Stop-SdeSimulator
    }

    It 'follows a redirect to the same server' {
        $scenario = New-Scenario 'redirectsame'
        $run = ($scenario -split '/')[-1]
        $connection = Connect-To main $scenario
        $output = Get-SdeAlmPlugin -Connection $connection -Verbose 4>&1
        @($output | Where-Object { $_ -is [SdeAlm.Model.AlmPlugin] }).Id | Should -Be @((Get-RawCatalog).id)
        @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -match '-> 307 .* redirect to ' | Should -Not -BeNullOrEmpty
        (Get-Seen main $run).withAuth | Should -Be 1
    }

    It 'refuses a redirect to <Case>, and the token goes nowhere else' -ForEach @(
        @{ Case = 'another port'; From = 'main'; To = 'other' }
        @{ Case = 'http on the same host and port, from https'; From = 'secure'; To = 'secure' }
        @{ Case = 'another server over http, from https'; From = 'secure'; To = 'main' }
    ) {
        # redirect=host:port answers 307 with Location http://host:port/<same path without the option>.
        $run = "run=$([guid]::NewGuid().ToString('n'))"
        $connection = Connect-To $From "redirect=$(Get-Authority $To)/$run"
        $err = Get-ErrorRecord { Get-SdeAlmPlugin -Connection $connection }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeRedirectRefused,*'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -Match 'another host or scheme'
        $err.TargetObject | Should -Be "http://$(Get-Authority $To)/$run/api/v2/plugins/alm/"
        (Get-Seen $From "redirect=$(Get-Authority $To)/$run").count | Should -Be 1
        (Get-Seen $To $run).count | Should -Be 0
    }

    It 'refuses a pagination next link to <Case>' -ForEach @(
        @{ Case = 'another port'; From = 'main'; To = 'other' }
        @{ Case = 'http on the same host and port, from https'; From = 'secure'; To = 'secure' }
    ) {
        # nextto=host:port makes the next links http://host:port/<same path>?page=2.
        $scenario = New-Scenario 'page=2', "nextto=$(Get-Authority $To)"
        $connection = Connect-To $From $scenario
        $err = Get-ErrorRecord { Get-SdeAlmPlugin -Connection $connection }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeRedirectRefused,*'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -Match "leaves $([regex]::Escape($Servers[$From].Url))"
        $seen = Get-Seen $To $scenario
        $seen.count | Should -Be ($From -eq $To ? 1 : 0)
        $seen.withAuth | Should -Be $seen.count
    }
}

Describe 'Secrets' {
    BeforeAll {
        $script:Secure = Start-SdeSimulator -Https -Token $SimulatorToken
        $script:ProxyPassword = "proxy-$([guid]::NewGuid().ToString('n'))"
        $script:Guarded = Start-SdeSimulator -Proxy -ProxyCredential "sdealm:$ProxyPassword"
        $script:SavedToken = $env:SDE_API_TOKEN
        $env:SDE_API_TOKEN = $null

        # Every cmdlet runs once, with every stream captured and a transcript on; the tests below
        # check what that printed, wrote and kept.
        # The simulator's token and the proxy password are fresh random secrets of this run.
        $secrets = $SimulatorToken, $ProxyPassword
        $proxyCredential = [pscredential]::new('sdealm', (ConvertTo-SecureString $ProxyPassword -AsPlainText -Force))
        $good = Connect-TestSde (New-Scenario) -Parameters @{ SkipValidation = $true }
        $closed = Connect-TestSde (New-Scenario) -Parameters @{ SkipValidation = $true }
        Disconnect-Sde -Connection $closed
        # One connection per kind of failing server: status codes, throttling, wrong content, broken and
        # invalid JSON, too large, too slow, redirects and next links elsewhere.
        $failing = foreach ($options in 'status=401', 'status=403', 'status=404', 'status=500', 'throttle=9/retryafter=0', 'html', 'broken', 'fuzz=29', 'flood=8', 'delay=5000', 'redirect=127.0.0.1:1', 'page=2/nextto=127.0.0.1:1') {
            Connect-TestSde (New-Scenario ($options -split '/')) -Parameters @{ SkipValidation = $true; MaximumRetryCount = 0; TimeoutSec = 2 }
        }

        # What each cmdlet is run with, in order: successes, then failures. A cmdlet the module exports
        # without a line here fails the test, so a new cmdlet cannot skip this check.
        $runs = [System.Collections.Generic.List[object]]::new()
        function Add-Run { param([string] $Command, [hashtable] $Parameters = @{}) $runs.Add([pscustomobject]@{ Command = $Command; Parameters = $Parameters }) }
        $token = Get-TestToken
        Add-Run Connect-Sde @{ Server = (Get-ScenarioUrl (New-Scenario)); Token = $token; AllowUnencryptedAuthentication = $true }
        Add-Run Connect-Sde @{ Server = $Secure.Url; Token = $token; SkipCertificateCheck = $true; Proxy = $Guarded.Url; ProxyCredential = $proxyCredential }
        Add-Run Connect-Sde @{ Server = (Get-ScenarioUrl (New-Scenario 'status=401')); Token = $token; AllowUnencryptedAuthentication = $true }
        Add-Run Connect-Sde @{ Server = $Secure.Url; Token = $token; MaximumRetryCount = 0 }
        Add-Run Connect-Sde @{ Server = $Secure.Url; Token = $token; SkipCertificateCheck = $true; Proxy = $Guarded.Url; MaximumRetryCount = 0 }
        Add-Run Connect-Sde @{ Server = "http://127.0.0.1:$(Get-FreeTcpPort)/"; Token = $token; AllowUnencryptedAuthentication = $true; MaximumRetryCount = 0 }
        Add-Run Connect-Sde @{ Server = (Get-ScenarioUrl (New-Scenario)); Token = $token }
        Add-Run Connect-Sde @{ Server = 'https://[bad'; Token = $token }
        Add-Run Connect-Sde @{ Server = $Secure.Url }
        Add-Run Connect-Sde @{ Server = $Secure.Url; Token = $SimulatorToken }
        Add-Run Get-SdeConnection
        Add-Run Get-SdeConnection @{ All = $true }
        Add-Run Select-SdeConnection @{ Connection = $good }
        Add-Run Get-SdeAlmPlugin @{ Connection = $good }
        Add-Run Get-SdeAlmPlugin @{ Connection = $good; Id = 'trac', 'missing' }
        Add-Run Get-SdeAlmPluginField @{ Connection = $good; PluginId = 'jira' }
        Add-Run New-SdeAlmPluginSetting @{ Connection = $good; PluginId = 'jira' }
        Add-Run Test-SdeAlmPluginSetting @{ Connection = $good; PluginId = 'jira'; Setting = @{ alm_server = 'jira.example.com' } }
        # The simulator's token doubles as a connector secret here: it must not show either.
        Add-Run Get-SdeAlmConnector @{ Connection = $good }
        Add-Run Get-SdeAlmConnection @{ Connection = $good; ProjectId = 2 }
        Add-Run New-SdeAlmConnector @{ Connection = $good; Name = 'Secret test'; PluginId = 'jira'; Setting = @{ alm_server = 'jira.example.com'; alm_user = 'u'; alm_pass = $token } }
        Add-Run New-SdeAlmConnector @{ Connection = $good; Name = 'Invalid'; PluginId = 'jira'; Setting = @{ alm_pass = $token; alm_sever = 'x' } }
        Add-Run Set-SdeAlmConnector @{ Connection = $good; Id = 1; Setting = @{ alm_pass = $token } }
        Add-Run Set-SdeAlmConnector @{ Connection = $good; Id = 2; Setting = @{ alm_pass = $token }; WhatIf = $true }
        Add-Run New-SdeAlmConnection @{ Connection = $good; ProjectId = 9; ConnectorId = 1; Alias = 'Secret test'; Setting = @{ alm_project = 'S' } }
        Add-Run Set-SdeAlmConnection @{ Connection = $good; Id = 1; Alias = 'Renamed' }
        # Connectivity tests send the token-as-secret of connector 1 (set above) and of unsaved settings.
        Add-Run Test-SdeAlmConnector @{ Connection = $good; Id = 1, 99 }
        Add-Run Test-SdeAlmConnector @{ Connection = $good; PluginId = 'jira'; Setting = @{ alm_server = 'badlogin.example.com'; alm_user = 'u'; alm_pass = $token } }
        Add-Run Test-SdeAlmConnector @{ Connection = $good; PluginId = 'jira'; Setting = @{ alm_server = 'unreachable.example.com'; alm_user = 'u'; alm_pass = $token } }
        Add-Run Test-SdeAlmConnection @{ Connection = $good; Id = 1, 99 }
        Add-Run Get-SdeAlmJob @{ Connection = $good }
        Add-Run Get-SdeAlmJob @{ Connection = $good; Id = 4, 99 }
        # Connector 4 ('Secret test') and connector 1 hold the token as their secret; connection 5 uses connector 1.
        Add-Run Remove-SdeAlmConnector @{ Connection = $good; Id = 4; WhatIf = $true }
        Add-Run Remove-SdeAlmConnection @{ Connection = $good; Id = 5, 99; Confirm = $false }
        Add-Run Remove-SdeAlmConnector @{ Connection = $good; Id = 1, 4; Confirm = $false }
        # Connection 2 is always busy and 99 does not exist: the errors carry the server's words.
        Add-Run Start-SdeAlmSync @{ Connection = $good; AlmConnectionId = 1, 2, 99; Wait = $true }
        # Configuration as code with the token as a connector secret: given as a SecureString, as plain
        # text (a warning about it), compared, planned under -WhatIf, applied, and exported as a reference.
        # Their warnings are written, not asked about (-Debug would make the host prompt).
        $configuration = @{ connectors = @(@{ name = 'Jira Cloud'; plugin = 'jira'; settings = @{ alm_pass = $token; alm_server = 'jira2.example.com' } }) }
        $plainText = @{ connectors = @(@{ name = 'GitHub'; plugin = 'github'; settings = @{ alm_api_token = $SimulatorToken } }) }
        Add-Run Compare-SdeAlmConfiguration @{ Connection = $good; Configuration = $configuration; IncludeUnmanaged = $true; WarningAction = 'Continue' }
        Add-Run Set-SdeAlmConfiguration @{ Connection = $good; Configuration = $configuration; WhatIf = $true; WarningAction = 'Continue' }
        Add-Run Set-SdeAlmConfiguration @{ Connection = $good; Configuration = $plainText; WarningAction = 'Continue' }
        Add-Run Test-SdeAlmConfiguration @{ Connection = $good; Configuration = $plainText; WarningAction = 'Continue' }
        Add-Run Export-SdeAlmConfiguration @{ Connection = $good; Path = (Join-Path $TestDrive 'configuration.json'); WarningAction = 'Continue' }
        # The raw answer holds no token: the simulator, like SD Elements, never sends it back.
        Add-Run Invoke-SdeRestMethod @{ Connection = $good; Path = 'api/v2/users/me/' }
        Add-Run Invoke-SdeRestMethod @{ Connection = $good; Path = 'api/v2/connectors/alm/'; Method = 'POST'; Body = @{ name = 'incomplete' } }
        Add-Run Invoke-SdeRestMethod @{ Connection = $good; Path = 'https://elsewhere.example/api/v2/users/me/' }
        # A catalog file, read back with no connection; its text is searched below too.
        $catalogFile = Join-Path $TestDrive 'catalog.json'
        Add-Run Export-SdeAlmPluginCatalog @{ Connection = $good; Path = $catalogFile }
        Add-Run Export-SdeAlmPluginCatalog @{ Connection = $good; Path = $catalogFile; NoClobber = $true }
        Add-Run Export-SdeAlmPluginCatalog @{ Connection = $good; Path = (Join-Path $TestDrive 'whatif.json'); WhatIf = $true }
        Add-Run Get-SdeAlmPlugin @{ CatalogPath = $catalogFile; Id = 'trac', 'missing' }
        Add-Run Test-SdeAlmPluginSetting @{ CatalogPath = $catalogFile; PluginId = 'jira'; Setting = @{ alm_server = 'jira.example.com'; alm_pass = $token } }
        Add-Run Test-SdeAlmPluginSetting @{ CatalogPath = $catalogFile; PluginId = 'jira'; Setting = @{}; Connection = $good }
        Add-Run Get-SdeAlmPluginField @{ CatalogPath = (Join-Path $TestDrive 'missing.json'); PluginId = 'jira' }
        Add-Run Compare-SdeAlmPluginCatalog @{ ReferencePath = $catalogFile; DifferenceConnection = $good }
        foreach ($connection in @($failing) + $closed) {
            Add-Run Get-SdeAlmPlugin @{ Connection = $connection }
            Add-Run Get-SdeAlmPluginField @{ Connection = $connection; PluginId = 'jira' }
            Add-Run New-SdeAlmPluginSetting @{ Connection = $connection; PluginId = 'jira' }
            Add-Run Test-SdeAlmPluginSetting @{ Connection = $connection; PluginId = 'jira'; Setting = @{} }
            Add-Run Get-SdeAlmConnector @{ Connection = $connection }
            Add-Run Test-SdeAlmConnector @{ Connection = $connection; Id = 1 }
            Add-Run Get-SdeAlmJob @{ Connection = $connection }
            Add-Run Remove-SdeAlmConnection @{ Connection = $connection; Id = 1; Confirm = $false }
            Add-Run Start-SdeAlmSync @{ Connection = $connection; AlmConnectionId = 1 }
            Add-Run Test-SdeAlmConfiguration @{ Connection = $connection; Configuration = @{ connectors = @() } }
            Add-Run Invoke-SdeRestMethod @{ Connection = $connection; Path = 'api/v2/jobs/alm/'; All = $true }
            Add-Run Export-SdeAlmPluginCatalog @{ Connection = $connection; Path = (Join-Path $TestDrive "failing-$($runs.Count).json") }
            Add-Run Compare-SdeAlmPluginCatalog @{ ReferenceConnection = $connection; DifferencePath = $catalogFile }
        }
        Add-Run Disconnect-Sde @{ Connection = $good }
        Add-Run Disconnect-Sde
        Add-Run Get-SdeAlmPlugin
        $exported = @((Get-Command -Module SdeAlm -CommandType Cmdlet).Name)
        $unrun = @($exported | Where-Object { $_ -notin @($runs.Command) })
        $runs = @($runs | Where-Object { $_.Command -in $exported })

        $transcript = Join-Path $TestDrive 'transcript.txt'
        $everything = [System.Collections.Generic.List[object]]::new()
        $Error.Clear()
        $null = Start-Transcript -Path $transcript
        try {
            foreach ($run in $runs) {
                $parameters = $run.Parameters
                try { & $run.Command @parameters -Verbose -Debug -ErrorAction Continue *>&1 | ForEach-Object { $everything.Add($_) } }
                catch { $everything.Add($_) }
            }
            # Into the transcript: the merged streams, and once more with the streams going to the host directly.
            $everything | Out-Host
            Get-SdeAlmPlugin -Id trac -Connection (Connect-TestSde (New-Scenario)) -Verbose -Debug | Out-Host
            Get-SdeConnection | Format-List * -Force | Out-Host
        }
        finally {
            $null = Stop-Transcript
        }

        $errors = @($everything | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $ids = @($errors | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*' } | Sort-Object -Unique)
        Write-Host "Secrets: $($runs.Count) runs of $($exported.Count) cmdlets, $($errors.Count) errors: $($ids -join ', ')"
        $connection = Connect-TestSde (New-Scenario) -Parameters @{ Proxy = $Guarded.Url; ProxyCredential = $proxyCredential }
        $connection | Export-Clixml -Path (Join-Path $TestDrive 'connection.xml') -Depth 5
        $errors | Export-Clixml -Path (Join-Path $TestDrive 'errors.xml') -Depth 3
        $text = @(
            $everything | Out-String -Width 500
            Get-Content -Raw $transcript
            $Error | Format-List * -Force | Out-String -Width 500
            $Error | ForEach-Object { $_.Exception.ToString(); $_.Exception | Format-List * -Force | Out-String -Width 500 }
            $connection | Format-List * -Force | Out-String -Width 500
            $connection | Format-Table * -Force | Out-String -Width 500
            $connection | Format-Custom -Depth 3 | Out-String -Width 500
            $connection | ConvertTo-Json -Depth 5
            $connection | ConvertTo-Csv
            $connection.ToString()
            Get-Content -Raw (Join-Path $TestDrive 'connection.xml')
            Get-Content -Raw (Join-Path $TestDrive 'errors.xml')
            # The written files: the exported configuration document and the catalog files.
            Get-ChildItem $TestDrive -Filter *.json | Get-Content -Raw
            [System.Management.Automation.PSSerializer]::Serialize($connection, 5)
        ) -join "`n"
        Disconnect-Sde -Connection $connection
    }
    AfterAll {
        $env:SDE_API_TOKEN = $SavedToken
        Disconnect-Sde
        $Secure, $Guarded | Stop-SdeSimulator
    }

    It 'runs every exported cmdlet, so that a new cmdlet cannot skip these checks' {
        $unrun | Should -BeNullOrEmpty
    }

    It 'raised every kind of error and wrote verbose text, so the streams checked hold them' {
        $ids | Should -Contain 'SdeAuthenticationFailed'
        foreach ($id in 'SdeAuthenticationFailed', 'SdePermissionDenied', 'SdeResourceNotFound', 'SdeAlmPluginNotFound', 'SdeServerError', 'SdeThrottled',
            'SdeUnexpectedContentType', 'SdeInvalidJson', 'SdeResponseTooLarge', 'SdeRequestTimeout', 'SdeRedirectRefused', 'SdeCertificateInvalid',
            'SdeConnectionFailed', 'SdeUnencryptedAuthenticationRefused', 'SdeServerInvalid', 'SdeTokenMissing', 'SdeConnectionClosed', 'SdeNotConnected',
            'SdeAlmCatalogFileExists', 'SdeAlmCatalogFileNotFound', 'SdeAlmCatalogSourceConflict') {
            $ids | Should -Contain $id
        }
        @($everything | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 20
    }

    It 'never shows the token or the proxy password: every stream, the transcript, $Error, the connection in every format' {
        $text | Should -Match 'SdeAuthenticationFailed'
        (Get-Content -Raw $transcript) | Should -Match 'Could not make a trusted TLS connection'
        foreach ($secret in $secrets) {
            $text.Contains($secret) | Should -BeFalse
        }
    }
}

Describe 'A proxy address with a user name and password' {
    It 'is refused before any request, pointing to -ProxyCredential and showing neither: <Case>' -ForEach @(
        @{ Case = 'http://user:password@host:port'; Template = 'http://{0}:{1}@127.0.0.1:3128'; Shown = 'http://127.0.0.1:3128' }
        @{ Case = 'a scheme that is not a proxy''s'; Template = 'ftp://{0}:{1}@127.0.0.1:21'; Shown = 'http://127.0.0.1' }
        @{ Case = 'no scheme'; Template = '{0}:{1}@proxy.example.com:3128'; Shown = 'http://proxy.example.com:3128' }
    ) {
        # The user name is as private as the password: neither may show.
        $user = "user-$([guid]::NewGuid().ToString('n'))"
        $password = "password-$([guid]::NewGuid().ToString('n'))"
        $proxy = [uri]::new(($Template -f $user, $password), [UriKind]::RelativeOrAbsolute)
        $scenario = New-Scenario
        $verbose = [System.Collections.Generic.List[object]]::new()
        $err = Get-ErrorRecord { Connect-TestSde $scenario -Parameters @{ Proxy = $proxy; Verbose = $true } 4>&1 | ForEach-Object { $verbose.Add($_) } }

        $err.FullyQualifiedErrorId | Should -Be 'SdeProxyInvalid,SdeAlm.Commands.ConnectSdeCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match 'user name and password'
        $err.Exception.Message | Should -Match '-ProxyCredential'
        $err.Exception.Message | Should -Match ([regex]::Escape($Shown))
        (Get-SimulatorRequest $scenario).count | Should -Be 0
        $text = @(
            $err | Format-List * -Force | Out-String -Width 500
            $err.ToString()
            $err.Exception.Message
            $err.Exception.ToString()
            $err.Exception | Format-List * -Force | Out-String -Width 500
            "$($err.TargetObject)"
            $err.CategoryInfo.ToString()
            $verbose | Out-String -Width 500
        ) -join "`n"
        $text.Contains($password) | Should -BeFalse
        $text.Contains($user) | Should -BeFalse
    }

    It 'is refused without echoing it when the password makes it no valid URL (<Password>)' -ForEach @(
        @{ Password = 'p#ss' }
        @{ Password = 'p/ss' }
        @{ Password = 'p@ss' }
    ) {
        # PowerShell's own "Cannot convert value" would print the whole text.
        $secret = "$Password-$([guid]::NewGuid().ToString('n'))"
        $proxy = "http://jdoe:$secret@127.0.0.1:3128"
        $err = Get-ErrorRecord { Connect-Sde -Server sde.example.com -Token (Get-TestToken) -Proxy $proxy }
        $err.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,SdeAlm.Commands.ConnectSdeCommand'
        $err.Exception.Message | Should -Match '-ProxyCredential'
        $text = @(
            $err | Format-List * -Force | Out-String -Width 500
            $err.ToString()
            $err.Exception.ToString()
            "$($err.TargetObject)"
        ) -join "`n"
        $text.Contains($secret) | Should -BeFalse
        $text.Contains('jdoe') | Should -BeFalse
    }
}
