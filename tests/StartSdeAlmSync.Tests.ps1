# Start-SdeAlmSync: a sync now, by id or piped, and -Wait for the whole set. The simulator queues a
# job that finishes after jobdelay=MS (failed when its connector's server is "unreachable"), refuses a
# second one for a busy connection (connection 2 is always busy), and journals each job POST's body.

BeforeAll {
    . $PSScriptRoot/common.ps1

    function Get-Journal {
        param([string] $Scenario)
        Invoke-RestMethod -Uri "$($SimulatorUrl)_sim/requests?prefix=$([uri]::EscapeDataString($Scenario))&detail=1"
    }

    function Get-Store {
        param([string] $Scenario)
        Invoke-RestMethod -Uri "$($SimulatorUrl)_sim/store?prefix=$([uri]::EscapeDataString($Scenario))"
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
                $null = Connect-Sde -Server $Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -AllowUnencryptedAuthentication -SkipValidation
                & ([scriptblock]::Create($Script))
            }).AddArgument($ModuleManifest).AddArgument((Get-ScenarioUrl $Scenario)).AddArgument($SimulatorToken).AddArgument($Script.ToString())
        $shell
    }
}

Describe 'Start-SdeAlmSync' {
    AfterEach {
        Disconnect-Sde
    }

    It 'queues a sync by id with the documented request, after reading the ALM connection for its project' {
        $scenario = New-Scenario 'jobdelay=600000'
        $null = Connect-TestSde $scenario
        $job = Start-SdeAlmSync -AlmConnectionId 3
        $job | Should -BeOfType ([SdeAlm.Model.AlmJob])
        $job.Id | Should -Be 8
        $job.AlmConnectionId | Should -Be 3
        $job.ProjectId | Should -Be 2
        $job.Ready | Should -BeFalse
        $job.Succeeded | Should -BeFalse
        $job.Automatic | Should -BeFalse
        $job.Server | Should -Be (Get-ScenarioUrl $scenario)
        $requests = @((Get-Journal $scenario).requests | Select-FromIndex 1)
        @($requests | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }) | Should -Be @('GET api/v2/connections/alm/3/ 200', 'POST api/v2/projects/2/jobs/alm/ 201')
        $requests[1].body | ConvertTo-Json -Compress | Should -Be '{"connection":3,"automatic":false,"ready":false}'
    }

    It 'queues piped ALM connections without reading them again, writing each queued job at once, in input order' {
        $scenario = New-Scenario 'jobdelay=600000'
        $null = Connect-TestSde $scenario
        $almConnections = Get-SdeAlmConnection -Id 4, 1, 3
        $before = (Get-Journal $scenario).count
        $jobs = @($almConnections | Start-SdeAlmSync -ThrottleLimit 3)
        @($jobs.AlmConnectionId) | Should -Be @(4, 1, 3)
        @($jobs.ProjectId) | Should -Be @(3, 1, 2)
        @($jobs | Where-Object Ready) | Should -BeNullOrEmpty
        @($jobs.Id | Sort-Object) | Should -Be @(8, 9, 10)
        $requests = @((Get-Journal $scenario).requests | Select-FromIndex $before)
        @($requests | ForEach-Object { "$($_.method) $($_.path)" } | Sort-Object) | Should -Be @('POST api/v2/projects/1/jobs/alm/', 'POST api/v2/projects/2/jobs/alm/', 'POST api/v2/projects/3/jobs/alm/')
        @($requests | ForEach-Object { $_.body.connection } | Sort-Object) | Should -Be @(1, 3, 4)
    }

    It 'with -Wait writes only the finished jobs, one per started job, in input order, with their outcome' {
        $scenario = New-Scenario 'jobdelay=1500'
        $null = Connect-TestSde $scenario
        $secret = ConvertTo-SecureString 'not-used' -AsPlainText -Force
        $down = New-SdeAlmConnector -Name 'Down' -PluginId jira -Setting @{ alm_server = 'unreachable.example.com'; alm_user = 'u'; alm_pass = $secret }
        $link = New-SdeAlmConnection -ProjectId 5 -ConnectorId $down.Id -Alias 'Down' -Setting @{ alm_project = 'DOWN' }
        $jobs = @(Start-SdeAlmSync -AlmConnectionId 4, $link.Id, 1 -Wait)
        @($jobs.AlmConnectionId) | Should -Be @(4, $link.Id, 1)
        @($jobs.Ready) | Should -Be @($true, $true, $true)
        @($jobs.Succeeded) | Should -Be @($true, $false, $true)
        $jobs[0].Message | Should -Be 'Synchronized 12 tasks: 12 up to date.'
        $jobs[1].Message | Should -Be 'Error: could not connect to unreachable.example.com: connection timed out.'
    }

    It 'asks about all waited-on jobs together: one list per round with all its pages, and one read by id per job' {
        $scenario = New-Scenario 'page=2', 'jobdelay=2500'
        $null = Connect-TestSde $scenario
        $jobs = @(Start-SdeAlmSync 1, 3, 4 -Wait)
        @($jobs.Ready) | Should -Be @($true, $true, $true)
        $reads = @((Get-Journal $scenario).requests | Where-Object { $_.method -eq 'GET' -and $_.path -like 'api/v2/jobs/*' })
        $rounds = @($reads | Where-Object { $_.path -eq 'api/v2/jobs/alm/' -and $_.query -eq 'ready=false' })
        $rounds.Count | Should -BeGreaterOrEqual 2
        # Each round: the list of unfinished jobs (job 6 never finishes, so at least one page), its
        # second page while four are unfinished, then the jobs that left the list, by id.
        for ($i = 0; $i -lt $reads.Count; $i++) {
            $read = $reads[$i]
            if ($read.path -eq 'api/v2/jobs/alm/') {
                $read.query | Should -BeIn @('ready=false', 'ready=false&page=2')
                if ($read.query -eq 'ready=false&page=2') { $reads[$i - 1].query | Should -Be 'ready=false' }
            }
            else {
                $read.path | Should -Match '^api/v2/jobs/alm/(8|9|10)/$'
            }
        }
        @($reads | Where-Object path -NE 'api/v2/jobs/alm/' | ForEach-Object path | Sort-Object) | Should -Be @('api/v2/jobs/alm/10/', 'api/v2/jobs/alm/8/', 'api/v2/jobs/alm/9/')
    }

    It 'shows one progress bar for the whole set, and completes it' {
        $scenario = New-Scenario 'jobdelay=1500'
        $shell = New-Shell $scenario { Start-SdeAlmSync 1, 3, 4 -Wait }
        try {
            $jobs = $shell.Invoke()
            @($jobs.Ready) | Should -Be @($true, $true, $true)
            $shell.Streams.Error | Should -BeNullOrEmpty
            $bar = @($shell.Streams.Progress | Where-Object Activity -EQ 'Waiting for 3 ALM sync jobs')
            $bar.Count | Should -BeGreaterOrEqual 2
            @($bar.ActivityId | Sort-Object -Unique).Count | Should -Be 1
            @($shell.Streams.Progress | Where-Object Activity -NE 'Waiting for 3 ALM sync jobs') | Should -BeNullOrEmpty
            $bar[0].StatusDescription | Should -Be '0 of 3 finished'
            $bar[0].CurrentOperation | Should -Be 'Ctrl+C stops waiting; the jobs go on in SD Elements.'
            @($bar | Where-Object RecordType -EQ 'Processing' | ForEach-Object StatusDescription) | Should -Match '^[0-2] of 3 finished$'
            $bar[-1].RecordType | Should -Be 'Completed'
        }
        finally {
            $shell.Dispose()
        }
    }

    It 'after -Timeout, reports each job still running as an error naming it, and still writes it, not ready' {
        $scenario = New-Scenario 'jobdelay=600000'
        $null = Connect-TestSde $scenario
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $jobs = @(Start-SdeAlmSync 1, 4 -Wait -Timeout 2 -ErrorVariable problems -ErrorAction SilentlyContinue)
        $watch.Stop()
        @($jobs.AlmConnectionId) | Should -Be @(1, 4)
        @($jobs.Ready) | Should -Be @($false, $false)
        $problems.Count | Should -Be 2
        $problems[0].FullyQualifiedErrorId | Should -Be 'SdeAlmSyncTimeout,SdeAlm.Commands.StartSdeAlmSyncCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $problems[0].TargetObject.Id | Should -Be $jobs[0].Id
        $problems[0].Exception.Message | Should -Be "ALM job $($jobs[0].Id) (the sync of ALM connection 1) was still running when its -Timeout of 2 s ran out. It goes on in SD Elements: run Get-SdeAlmJob -Id $($jobs[0].Id) later to see how it ended."
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 8 -Because 'the wait ends at -Timeout (2 s), bound 3 times that and the requests'
    }

    It 'refuses -Timeout without -Wait before any request' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $before = (Get-Journal $scenario).count
        $err = Get-ErrorRecord { Start-SdeAlmSync 1 -Timeout 30 }
        $err.FullyQualifiedErrorId | Should -Be 'SdeAlmSyncTimeoutWithoutWait,SdeAlm.Commands.StartSdeAlmSyncCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match 'Add -Wait, or leave out -Timeout. Nothing was started.'
        (Get-Journal $scenario).count | Should -Be $before
    }

    It 'stops the wait at once on Ctrl+C, and the job goes on on the server' {
        $scenario = New-Scenario 'jobdelay=600000'
        $shell = New-Shell $scenario { Start-SdeAlmSync 1 -Wait }
        try {
            $async = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ($shell.Streams.Progress.Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $shell.Streams.Progress.Count | Should -BeGreaterThan 0
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $async.IsCompleted | Should -BeTrue
            $job = (Get-Store $scenario).jobs | Where-Object id -EQ 8
            $job.connection | Should -Be 1
            $job.ready | Should -BeFalse
        }
        finally {
            $shell.Dispose()
        }
    }

    It 'reports each ALM connection that cannot be started, with the server''s words, and starts the others' {
        $scenario = New-Scenario 'jobdelay=600000', 'jobdeny=3'
        $null = Connect-TestSde $scenario
        # 2 is busy (job 6 runs forever), 99 does not exist, 4 is in project 3 where syncs are not allowed.
        $jobs = @(Start-SdeAlmSync 1, 2, 99, 4, 3 -ErrorVariable problems -ErrorAction SilentlyContinue)
        @($jobs.AlmConnectionId) | Should -Be @(1, 3)
        @($problems | ForEach-Object { "$($_.FullyQualifiedErrorId -replace ',.*') $($_.CategoryInfo.Category) $($_.TargetObject)" }) |
            Should -Be @('SdeAlmSyncNotStarted InvalidOperation 2', 'SdeAlmConnectionNotFound ObjectNotFound 99', 'SdeAlmSyncNotStarted PermissionDenied 4')
        $problems[0].Exception.Message | Should -Be 'SD Elements did not start a sync of ALM connection 2 (project 2). The server said: A synchronization of ALM connection 2 is already queued or running. Run Get-SdeAlmJob -AlmConnectionId 2 to see its jobs.'
        $problems[2].Exception.Message | Should -Match '^The API token''s user may not start a sync of ALM connection 4 \(project 3\) \(403 Forbidden\)\. The server said: You do not have permission to perform this action\.'
    }

    It 'starts, lists and waits under jobs/issue-tracker/ on a server that has jobs only there' {
        $scenario = New-Scenario 'jobsissuetracker', 'jobdelay=1000'
        $null = Connect-TestSde $scenario
        $job = Get-SdeAlmConnection -Id 4 | Start-SdeAlmSync -Wait
        $job.Ready | Should -BeTrue
        $job.Succeeded | Should -BeTrue
        $jobRequests = @((Get-Journal $scenario).requests | Where-Object path -Like '*jobs*')
        @($jobRequests | Select-Object -First 2 | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }) |
            Should -Be @('POST api/v2/projects/3/jobs/alm/ 404', 'POST api/v2/projects/3/jobs/issue-tracker/ 201')
        @($jobRequests | Select-FromIndex 2 | Where-Object path -Like '*/jobs/alm/*') | Should -BeNullOrEmpty
    }

    It 'keeps the jobs at jobs/alm/ on a server with the issue-tracker names for connections' {
        $scenario = New-Scenario 'issuetracker', 'jobdelay=600000'
        $null = Connect-TestSde $scenario
        (Get-SdeAlmConnection -Id 4 | Start-SdeAlmSync).AlmConnectionId | Should -Be 4
        @((Get-Journal $scenario).requests | Where-Object method -EQ 'POST' | ForEach-Object { "$($_.path) $($_.status)" }) | Should -Be @('api/v2/projects/3/jobs/alm/ 201')
    }

    It 'says once that a server offers no jobs API, instead of failing every ALM connection alike' {
        $scenario = New-Scenario 'nojobs'
        $null = Connect-TestSde $scenario
        $thrown = $null
        try { $null = Get-SdeAlmConnection | Start-SdeAlmSync -ThrottleLimit 1 -ErrorVariable problems -ErrorAction Continue } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be 'SdeAlmApiNotFound,SdeAlm.Commands.StartSdeAlmSyncCommand'
        $thrown.Exception.Message | Should -Match 'offers no jobs API: both api/v2/projects/1/jobs/alm/ and api/v2/projects/1/jobs/issue-tracker/ answered 404'
        $problems.Count | Should -Be 1
        @((Get-Journal $scenario).requests | Where-Object method -EQ 'POST').Count | Should -Be 2
    }

    It 'starts nothing with -WhatIf, and asks at the Low confirm impact' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $almConnection = Get-SdeAlmConnection -Id 1
        $before = (Get-Journal $scenario).count
        $almConnection | Start-SdeAlmSync -WhatIf | Should -BeNullOrEmpty
        Start-SdeAlmSync 3 -WhatIf | Should -BeNullOrEmpty
        (Get-Journal $scenario).count | Should -Be $before
        $attribute = (Get-Command Start-SdeAlmSync).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'Low'
    }

    It 'says what it would start with -WhatIf' {
        $scenario = New-Scenario
        $output = Invoke-FreshPwsh -Script @"
Import-Module '$ModuleManifest'
`$null = Connect-Sde -Server '$(Get-ScenarioUrl $scenario)' -Token (ConvertTo-SecureString '$SimulatorToken' -AsPlainText -Force) -AllowUnencryptedAuthentication
Get-SdeAlmConnection -Id 1 | Start-SdeAlmSync -WhatIf
Start-SdeAlmSync 3 -WhatIf
"@
        $output | Should -Contain "What if: Performing the operation `"Start a sync`" on target `"ALM connection 1 'Payments JIRA' (project 1) on $(Get-ScenarioUrl $scenario)`"."
        $output | Should -Contain "What if: Performing the operation `"Start a sync`" on target `"ALM connection 3 on $(Get-ScenarioUrl $scenario)`"."
    }

    It 'refuses what is not an ALM connection when piped: <Case>' -ForEach @(
        @{ Case = 'a number'; Make = { 1 } }
        @{ Case = 'a connector'; Make = { Get-SdeAlmConnector -Id 1 } }
        @{ Case = 'a job'; Make = { Get-SdeAlmJob -Id 4 } }
    ) {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $item = & $Make
        $before = @((Get-Journal $scenario).requests | Where-Object method -EQ 'POST').Count
        { $item | Start-SdeAlmSync -ErrorAction Stop } | Should -Throw -ErrorId 'InputObjectNotBound,SdeAlm.Commands.StartSdeAlmSyncCommand'
        @((Get-Journal $scenario).requests | Where-Object method -EQ 'POST').Count | Should -Be $before
    }
}
