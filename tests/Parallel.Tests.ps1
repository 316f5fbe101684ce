# Many at once: -ThrottleLimit on Test-SdeAlmConnection, Test-SdeAlmConnector and Start-SdeAlmSync.
# Concurrency is proven with the simulator's counter of connectivity tests in flight (testdelay=MS
# makes each take that long) and with the order of what is written; time only as a generous bound.

BeforeAll {
    . $PSScriptRoot/common.ps1

    function Get-Concurrency {
        # The simulator's count of connectivity tests of a scenario: in flight now, most at once, in all.
        param([string] $Scenario)
        Invoke-RestMethod -Uri "$($SimulatorUrl)_sim/concurrency?prefix=$([uri]::EscapeDataString($Scenario))"
    }

    function Wait-Until {
        # Polls a condition for up to a generous time; returns whether it came true.
        param([scriptblock] $Condition, [int] $Seconds = 30)
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { return $false }
            Start-Sleep -Milliseconds 50
        }
        $true
    }

    function New-Shell {
        # A runspace of its own that runs a script connected to a scenario; the test reads its streams or
        # stops it. One script, not a batch of statements: PowerShell runs a batch's next statement on a
        # thread of its own, which fails the process when the runspace was stopped and closed meanwhile.
        param([string] $Scenario, [scriptblock] $Script)
        $shell = [powershell]::Create()
        $null = $shell.AddScript({
                param($Manifest, $Url, $Token, $Script)
                Import-Module $Manifest
                $null = Connect-Sde -Server $Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -AllowUnencryptedAuthentication -SkipValidation -RetryIntervalSec 0
                & ([scriptblock]::Create($Script))
            }).AddArgument($ModuleManifest).AddArgument((Get-ScenarioUrl $Scenario)).AddArgument($SimulatorToken).AddArgument($Script.ToString())
        $shell
    }
}

Describe '-ThrottleLimit' {
    AfterEach {
        Disconnect-Sde
    }

    It 'is a parameter of <Name>: 4 by default, 1 to 32' -ForEach @(
        @{ Name = 'Test-SdeAlmConnection' }
        @{ Name = 'Test-SdeAlmConnector' }
        @{ Name = 'Start-SdeAlmSync' }
    ) {
        $command = Get-Command $Name -Module SdeAlm
        $parameter = $command.Parameters['ThrottleLimit']
        $parameter.ParameterType | Should -Be ([int])
        @($parameter.ParameterSets.Keys) | Should -Be @('__AllParameterSets')
        $range = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] })
        $range.MinRange | Should -Be 1
        $range.MaxRange | Should -Be 32
        [Activator]::CreateInstance($command.ImplementingType).ThrottleLimit | Should -Be 4
    }

    It 'refuses -ThrottleLimit <Value> before any request' -ForEach @(@{ Value = 0 }, @{ Value = 33 }) {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $before = (Get-SimulatorRequest $scenario).count
        { Test-SdeAlmConnector 1 -ThrottleLimit $Value } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SdeAlm.Commands.TestSdeAlmConnectorCommand'
        (Get-SimulatorRequest $scenario).count | Should -Be $before
    }

    It 'runs at most <Limit> tests at once, and that many while there are more' -ForEach @(
        @{ Limit = 1 }
        @{ Limit = 4 }
        @{ Limit = 8 }
    ) {
        $scenario = New-Scenario 'testdelay=1500'
        $null = Connect-TestSde $scenario
        $almConnection = Get-SdeAlmConnection -Id 4
        $results = @(@($almConnection) * (2 * $Limit) | Test-SdeAlmConnection -ThrottleLimit $Limit)
        $results.Count | Should -Be (2 * $Limit)
        @($results | Where-Object Success).Count | Should -Be (2 * $Limit)
        $counter = Get-Concurrency $scenario
        $counter.total | Should -Be (2 * $Limit)
        $counter.max | Should -Be $Limit
        $counter.current | Should -Be 0
    }

    It 'runs 4 at once by default' {
        $scenario = New-Scenario 'testdelay=1500'
        $null = Connect-TestSde $scenario
        $null = Test-SdeAlmConnector 1, 2, 3, 1, 2, 3
        (Get-Concurrency $scenario).max | Should -Be 4
    }

    It 'keeps 32 tests in flight at -ThrottleLimit 32: the client has that many connections to the server' {
        $scenario = New-Scenario 'testdelay=3000'
        $null = Connect-TestSde $scenario
        $connector = Get-SdeAlmConnector -Id 3
        $results = @(@($connector) * 32 | Test-SdeAlmConnector -ThrottleLimit 32)
        $results.Count | Should -Be 32
        (Get-Concurrency $scenario).max | Should -Be 32
    }

    It 'finishes 16 tests of 0.5 s each in about 1 s at -ThrottleLimit 8 (bound: 4 times the ideal)' {
        $scenario = New-Scenario 'testdelay=500'
        $null = Connect-TestSde $scenario
        $connectors = @(Get-SdeAlmConnector -Id 1) * 16
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $results = @($connectors | Test-SdeAlmConnector -ThrottleLimit 8)
        $watch.Stop()
        $results.Count | Should -Be 16
        (Get-Concurrency $scenario).max | Should -Be 8
        Write-Host "16 tests of 0.5 s at -ThrottleLimit 8: $([math]::Round($watch.Elapsed.TotalSeconds, 2)) s (serial: 8 s)"
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 4
    }

    It 'writes results and errors in input order, whichever finishes first' {
        $scenario = New-Scenario 'testdelay=1000'
        $null = Connect-TestSde $scenario
        # Connector 99 fails at once (404); connector 1's test takes a second, and is still written first.
        $all = @(Test-SdeAlmConnector 1, 99, 3 -ThrottleLimit 3 -ErrorAction Continue 2>&1)
        $all.Count | Should -Be 3
        $all[0].Target | Should -Be 'connector 1'
        $all[1] | Should -BeOfType ([System.Management.Automation.ErrorRecord])
        $all[1].FullyQualifiedErrorId | Should -Be 'SdeAlmConnectorNotFound,SdeAlm.Commands.TestSdeAlmConnectorCommand'
        $all[1].TargetObject | Should -Be 99
        $all[2].Target | Should -Be 'connector 3'
    }

    It 'keeps a record refused before any request (another server) in its place' {
        $scenario = New-Scenario
        $mine = Connect-TestSde $scenario
        $other = Get-SdeAlmConnector -Id 3 -Connection (Connect-TestSde (New-Scenario))
        $one = Get-SdeAlmConnector -Id 1 -Connection $mine
        $all = @($one, $other, $one | Test-SdeAlmConnector -Connection $mine -ThrottleLimit 3 -ErrorAction Continue 2>&1)
        @($all | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.FullyQualifiedErrorId -replace ',.*' } else { $_.Target } }) |
            Should -Be @('connector 1', 'SdeServerConnectionMismatch', 'connector 1')
    }

    It 'writes each result while later records still run' {
        $scenario = New-Scenario 'testdelay=1000'
        $null = Connect-TestSde $scenario
        $almConnection = Get-SdeAlmConnection -Id 1
        $seenAtFirst = $null
        @($almConnection) * 8 | Test-SdeAlmConnection -ThrottleLimit 2 | ForEach-Object {
            if ($null -eq $seenAtFirst) { $seenAtFirst = Get-Concurrency $scenario }
        }
        # When the first result is written, at most the next record has been sent after the first two.
        $seenAtFirst.total | Should -BeLessOrEqual 3
        (Get-Concurrency $scenario).total | Should -Be 8
    }

    It 'writes each record''s verbose lines with it, in input order' {
        $scenario = New-Scenario 'testdelay=300'
        $null = Connect-TestSde $scenario
        $all = @(Test-SdeAlmConnection 4, 3, 1 -ThrottleLimit 3 -Verbose 4>&1)
        $order = foreach ($item in $all) {
            if ($item -is [System.Management.Automation.VerboseRecord]) {
                if ($item.Message -match 'GET \S+api/v2/connections/alm/(\d+)/ ->') { "read $($Matches[1])" }
            }
            else { "result $($item.Target -replace 'connection ')" }
        }
        @($order) | Should -Be @('read 4', 'result 4', 'read 3', 'result 3', 'read 1', 'result 1')
    }

    It 'writes the progress of a record in flight, such as a retry wait, on the pipeline thread' {
        $scenario = New-Scenario 'writethrottle=429', 'retryafter=2'
        $shell = New-Shell $scenario { Test-SdeAlmConnector 1, 3 -ThrottleLimit 2 }
        try {
            $results = $shell.Invoke()
            $shell.Streams.Error | Should -BeNullOrEmpty
            @($results.Success) | Should -Be @($true, $true)
            $waits = @($shell.Streams.Progress | Where-Object Activity -EQ 'Waiting 2 s before retry 1 of 3')
            $waits.Count | Should -BeGreaterThan 0
            $waits[-1].RecordType | Should -Be 'Completed'
        }
        finally {
            $shell.Dispose()
        }
    }

    It 'stops at the first failure that would fail every record alike, once' {
        $scenario = New-Scenario 'issuetracker'
        $null = Connect-TestSde $scenario
        $thrown = $null
        $results = $null
        try { $results = Get-SdeAlmConnector | Test-SdeAlmConnector -ErrorVariable problems -ErrorAction Continue } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'SdeAlmApiNotFound,*'
        $results | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
    }

    It 'cancels every test in flight at once on Ctrl+C, and sends no more' {
        $scenario = New-Scenario 'testdelay=60000'
        $shell = New-Shell $scenario { @(Get-SdeAlmConnector -Id 1) * 8 | Test-SdeAlmConnector -ThrottleLimit 4 }
        try {
            $async = $shell.BeginInvoke()
            Wait-Until { (Get-Concurrency $scenario).current -eq 4 } | Should -BeTrue
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $watch.Stop()
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $async.IsCompleted | Should -BeTrue
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
            # The server sees the four requests go away, and no fifth arrives.
            Wait-Until { (Get-Concurrency $scenario).current -eq 0 } -Seconds 10 | Should -BeTrue
            Start-Sleep -Milliseconds 500
            (Get-Concurrency $scenario).total | Should -Be 4
        }
        finally {
            $shell.Dispose()
        }
    }
}
