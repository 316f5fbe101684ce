BeforeAll {
    . $PSScriptRoot/common.ps1

    function Get-Journal {
        param([string] $Scenario)
        Invoke-RestMethod -Uri "$($SimulatorUrl)_sim/requests?prefix=$([uri]::EscapeDataString($Scenario))&detail=1"
    }
}

Describe 'Get-SdeAlmJob' {
    AfterEach {
        Disconnect-Sde
    }

    It 'lists every job newest first: the one SD Elements made last (highest id) first, whatever LastRun says' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        # The seeded jobs' LastRun is deliberately not in id order: job 6 ran last, job 7 was made last.
        @((Get-SdeAlmJob).Id) | Should -Be @(7, 6, 5, 4, 3, 2, 1)
        $request = (Get-Journal $scenario).requests[-1]
        $request.path | Should -Be 'api/v2/jobs/alm/'
        $request.query | Should -Be ''
    }

    It 'returns read-only AlmJob objects with every field of the job' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $job = Get-SdeAlmJob 4
        $job | Should -BeOfType ([SdeAlm.Model.AlmJob])
        $job.Id | Should -Be 4
        $job.AlmConnectionId | Should -Be 1
        $job.ProjectId | Should -Be 1
        $job.User | Should -Be 1
        $job.Succeeded | Should -BeFalse
        $job.Ready | Should -BeTrue
        $job.Automatic | Should -BeTrue
        $job.LastRun | Should -BeOfType ([DateTimeOffset])
        $job.LastRun.UtcDateTime | Should -Be ([datetime]::new(2026, 11, 30, 2, 0, 4, 800, [DateTimeKind]::Utc))
        $job.LastRun.Offset | Should -Be ([TimeZoneInfo]::Local.GetUtcOffset($job.LastRun.UtcDateTime)) -Because 'times are shown in local time'
        $job.Message | Should -Be 'Error: JIRA answered 401 Unauthorized for user sde-bot@example.com.'
        $job.Server | Should -Be (Get-ScenarioUrl $scenario)
        { $job.Succeeded = $true } | Should -Throw
        (Get-Journal $scenario).requests[-1].path | Should -Be 'api/v2/jobs/alm/4/'
    }

    It 'has ProjectId null when the server sends no project_id' {
        $scenario = New-Scenario 'nojobproject'
        $null = Connect-TestSde $scenario
        $jobs = Get-SdeAlmJob
        $jobs.Count | Should -Be 7
        @($jobs | Where-Object { $null -ne $_.ProjectId }) | Should -BeNullOrEmpty
    }

    It 'gets jobs by id, newest first, reporting an unknown id and going on' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $jobs = Get-SdeAlmJob 1, 99, 4 -ErrorVariable problems -ErrorAction SilentlyContinue
        @($jobs.Id) | Should -Be @(4, 1)
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'SdeAlmJobNotFound,SdeAlm.Commands.GetSdeAlmJobCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be 99
        $problems[0].Exception.Message | Should -Match 'no ALM job with id 99'
    }

    It 'filters by ALM connection on the server, one request per ALM connection' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        @((Get-SdeAlmJob -AlmConnectionId 1).Id) | Should -Be @(5, 4, 1)
        # Each ALM connection's list, merged newest first as they are read.
        @((Get-SdeAlmJob -AlmConnectionId 1, 3).Id) | Should -Be @(7, 5, 4, 2, 1)
        @(@((Get-Journal $scenario).requests)[1..99] | ForEach-Object query) | Should -Be @('connection=1', 'connection=1', 'connection=3')
    }

    It 'filters by outcome with -Succeeded <Succeeded>' -ForEach @(
        @{ Succeeded = $true; Ids = 5, 3, 1 }
        @{ Succeeded = $false; Ids = 7, 6, 4, 2 }
    ) {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        @((Get-SdeAlmJob -Succeeded $Succeeded).Id) | Should -Be $Ids
        (Get-Journal $scenario).requests[-1].query | Should -Be "succeeded=$("$Succeeded".ToLowerInvariant())"
    }

    It 'lists one project''s jobs from the project path, with the other filters' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        @((Get-SdeAlmJob -ProjectId 2).Id) | Should -Be @(7, 6, 3, 2)
        @((Get-SdeAlmJob -ProjectId 2 -AlmConnectionId 3 -Succeeded $false).Id) | Should -Be @(7, 2)
        $requests = (Get-Journal $scenario).requests
        $requests[-2].path | Should -Be 'api/v2/projects/2/jobs/alm/'
        $requests[-1].path | Should -Be 'api/v2/projects/2/jobs/alm/'
        $requests[-1].query | Should -Be 'connection=3&succeeded=false'
    }

    It 'reads a paginated list from its last page backwards' {
        $scenario = New-Scenario 'page=2'
        $null = Connect-TestSde $scenario
        @((Get-SdeAlmJob).Id) | Should -Be @(7, 6, 5, 4, 3, 2, 1)
        # The first page gives the count (7 jobs, 2 a page); then pages 4, 3 and 2.
        @((Get-Journal $scenario).requests | Where-Object path -EQ 'api/v2/jobs/alm/' | ForEach-Object query) | Should -Be @('', 'page=4', 'page=3', 'page=2')
    }

    It 'reads two pages of a long history for Select-Object -First 4, not all of them' {
        $scenario = New-Scenario 'page=50', 'jobs=1000'
        $null = Connect-TestSde $scenario
        @((Get-SdeAlmJob | Select-Object -First 4).Id) | Should -Be @(1007, 1006, 1005, 1004)
        # 1007 jobs, 50 a page: the first page for the count, then the last (21).
        @((Get-Journal $scenario).requests | Where-Object path -EQ 'api/v2/jobs/alm/' | ForEach-Object query) | Should -Be @('', 'page=21')
    }

    It 'keeps the filters on every page it jumps to' {
        $scenario = New-Scenario 'page=50', 'jobs=1000'
        $null = Connect-TestSde $scenario
        # Every tenth extra job failed (ids 17, 27, ... 1007) and seeded job 4: 101 jobs, 3 pages, the last
        # holding 1007 alone.
        $failed = @(Get-SdeAlmJob -AlmConnectionId 1 -Succeeded $false | Select-Object -First 3)
        @($failed.Id) | Should -Be @(1007, 997, 987)
        @((Get-Journal $scenario).requests | Where-Object path -EQ 'api/v2/jobs/alm/' | ForEach-Object query) |
            Should -Be @('connection=1&succeeded=false', 'connection=1&succeeded=false&page=3', 'connection=1&succeeded=false&page=2')
    }

    It 'shows a progress bar while it reads many pages, and completes it' {
        $scenario = New-Scenario 'page=10', 'jobs=100'
        $shell = [powershell]::Create()
        $null = $shell.AddScript({
                param($Manifest, $Url, $Token)
                Import-Module $Manifest
                $c = Connect-Sde -Server $Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -AllowUnencryptedAuthentication -SkipValidation
                @(Get-SdeAlmJob -Connection $c).Count
            }).AddArgument($ModuleManifest).AddArgument((Get-ScenarioUrl $scenario)).AddArgument($SimulatorToken)
        try {
            $shell.Invoke() | Should -Be 107
            $reading = @($shell.Streams.Progress | Where-Object Activity -EQ 'Reading the job list, newest first')
            @($reading | Where-Object RecordType -EQ 'Processing' | ForEach-Object StatusDescription) | Should -Be @(11..2 | ForEach-Object { "Page $_ of 11" })
            $reading[-1].RecordType | Should -Be 'Completed'
        }
        finally {
            $shell.Dispose()
        }
    }

    It 'shows no progress bar for a list of two pages' {
        $scenario = New-Scenario 'page=4'
        $shell = [powershell]::Create()
        $null = $shell.AddScript({
                param($Manifest, $Url, $Token)
                Import-Module $Manifest
                $c = Connect-Sde -Server $Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -AllowUnencryptedAuthentication -SkipValidation
                @(Get-SdeAlmJob -Connection $c).Count
            }).AddArgument($ModuleManifest).AddArgument((Get-ScenarioUrl $scenario)).AddArgument($SimulatorToken)
        try {
            $shell.Invoke() | Should -Be 7
            $shell.Streams.Progress | Should -BeNullOrEmpty
        }
        finally {
            $shell.Dispose()
        }
    }

    It 'reads the jobs under issue-tracker on a server that has them only there, and remembers it' {
        $scenario = New-Scenario 'jobsissuetracker'
        $null = Connect-TestSde $scenario
        @((Get-SdeAlmJob).Id) | Should -Be @(7, 6, 5, 4, 3, 2, 1)
        (Get-SdeAlmJob -Id 4).Id | Should -Be 4
        @((Get-Journal $scenario).requests | Select-FromIndex 1 | ForEach-Object { "$($_.path) $($_.status)" }) |
            Should -Be @('api/v2/jobs/alm/ 404', 'api/v2/jobs/issue-tracker/ 200', 'api/v2/jobs/issue-tracker/4/ 200')
    }

    It 'says once that a server offers no jobs API (both names answer 404)' {
        $scenario = New-Scenario 'nojobs'
        $null = Connect-TestSde $scenario
        $err = Get-ErrorRecord { Get-SdeAlmJob }
        $err.FullyQualifiedErrorId | Should -Be 'SdeAlmApiNotFound,SdeAlm.Commands.GetSdeAlmJobCommand'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -Match 'offers no jobs API: both api/v2/jobs/alm/ and api/v2/jobs/issue-tracker/ answered 404'
    }

    It 'refuses an id below 1 before any request' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $before = (Get-Journal $scenario).count
        { Get-SdeAlmJob -Id 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SdeAlm.Commands.GetSdeAlmJobCommand'
        (Get-Journal $scenario).count | Should -Be $before
    }

    It 'uses -Connection instead of the current server connection' {
        $scenario = New-Scenario
        $other = Connect-TestSde $scenario
        $current = New-Scenario
        $null = Connect-TestSde $current
        @((Get-SdeAlmJob -AlmConnectionId 4 -Connection $other)) | Should -BeNullOrEmpty
        (Get-Journal $scenario).requests[-1].query | Should -Be 'connection=4'
        @((Get-Journal $current).requests.path) | Should -Be @('api/v2/users/me/')
    }

    It 'shows Id, AlmConnectionId, LastRun in local time, Status and the whole Message, wrapped to the width' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $lines = @(Get-ConsoleLine { Get-SdeAlmJob } | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^\s*Id\s+AlmConnectionId\s+LastRun\s+Status\s+Message$'
        $local = ([DateTimeOffset]'2026-11-30T02:00:04.800Z').LocalDateTime.ToString('yyyy-MM-dd HH:mm')
        $row = [array]::FindIndex($lines, [Predicate[string]] { param($line) $line -match '^\s*4\s+1\s' })
        $lines[$row] | Should -Match ('^\s*4\s+1\s+{0}\s+Failed\s+Error: JIRA answered 401$' -f [regex]::Escape($local))
        $lines[$row + 1] | Should -Match '^\s{40,}Unauthorized for user$'
        $lines[$row + 2] | Should -Match '^\s{40,}sde-bot@example\.com\.$'
        $lines | Should -Not -Match '…'
        @($lines | Where-Object { $_.Length -gt 79 }) | Should -BeNullOrEmpty
    }

    It 'lists the jobs of piped ALM connections, each one''s newest first' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        @((Get-SdeAlmConnection -Id 1, 3 | Get-SdeAlmJob).Id) | Should -Be @(5, 4, 1, 7, 2)
        @((Get-SdeAlmConnection -Id 1 | Get-SdeAlmJob -Succeeded $true).Id) | Should -Be @(5, 1)
        @((Get-Journal $scenario).requests | Where-Object path -EQ 'api/v2/jobs/alm/' | ForEach-Object query) |
            Should -Be @('connection=1', 'connection=3', 'connection=1&succeeded=true')
    }

    It 'reads a piped ALM connection''s jobs from the server connection it was read from' {
        $first = New-Scenario
        $null = Connect-TestSde $first
        $almConnection = Get-SdeAlmConnection -Id 4
        $second = New-Scenario
        $null = Connect-TestSde $second
        @($almConnection | Get-SdeAlmJob) | Should -BeNullOrEmpty
        (Get-Journal $first).requests[-1].query | Should -Be 'connection=4'
        @((Get-Journal $second).requests.path) | Should -Be @('api/v2/users/me/')
    }
}

Describe 'Jobs and ALM connections piped to Get-SdeAlmConnection' {
    AfterEach {
        Disconnect-Sde
    }

    It 'gives the ALM connection of a piped job, not every ALM connection of its project' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        # Job 3 ran ALM connection 2 of project 2, which also has ALM connection 3.
        @((Get-SdeAlmJob -Id 3 | Get-SdeAlmConnection).Id) | Should -Be @(2)
        @((Get-Journal $scenario).requests | Where-Object path -Like 'api/v2/connections/*' | ForEach-Object { "$($_.path)?$($_.query)" }) |
            Should -Be @('api/v2/connections/alm/2/?')
    }

    It 'answers "which ALM connections failed?" with each failed one once, read once' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        # Jobs without success, newest (highest id) first: 7 (ALM connection 3), 6 (2), 4 (1), 2 (3 again).
        @((Get-SdeAlmJob -Succeeded $false | Get-SdeAlmConnection).Id) | Should -Be @(3, 2, 1)
        @((Get-Journal $scenario).requests | Where-Object path -Like 'api/v2/connections/*' | ForEach-Object path) |
            Should -Be @('api/v2/connections/alm/3/', 'api/v2/connections/alm/2/', 'api/v2/connections/alm/1/')
        @((Get-SdeAlmJob -Succeeded $false | Get-SdeAlmConnection -PluginId trac -IncludeLastJob).LastJob.Id) | Should -Be @(7)
    }

    It 'reads a piped job''s ALM connection from the server connection the job was read from' {
        $first = New-Scenario
        $null = Connect-TestSde $first
        $job = Get-SdeAlmJob -Id 2
        $second = New-Scenario
        $null = Connect-TestSde $second
        @(($job | Get-SdeAlmConnection).Id) | Should -Be @(3)
        @((Get-Journal $first).requests.path) | Should -Contain 'api/v2/connections/alm/3/'
        @((Get-Journal $second).requests.path) | Should -Be @('api/v2/users/me/')
    }

    It 'reports a job whose ALM connection no longer exists as ObjectNotFound and goes on' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $jobs = Get-SdeAlmJob -Id 4, 3
        $null = Invoke-RestMethod -Method Delete -Uri "$(Get-ScenarioUrl $scenario)api/v2/connections/alm/1/" -Headers @{ Authorization = "Token $SimulatorToken" }
        $connections = $jobs | Get-SdeAlmConnection -ErrorVariable problems -ErrorAction SilentlyContinue
        @($connections.Id) | Should -Be @(2)
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'SdeAlmConnectionNotFound,SdeAlm.Commands.GetSdeAlmConnectionCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject.Id | Should -Be 4
        $problems[0].Exception.Message | Should -BeExactly "ALM job 4 ran ALM connection 1, which no longer exists on $(Get-ScenarioUrl $scenario)."
    }

    It 'reads piped ALM connections again, each itself, rather than listing their projects' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $stale = Get-SdeAlmConnection -Id 3
        $fresh = $stale | Get-SdeAlmConnection -IncludeLastJob
        @($fresh.Id) | Should -Be @(3)
        $fresh.LastJob.Id | Should -Be 7
        [object]::ReferenceEquals($fresh, $stale) | Should -BeFalse
    }

    It 'still lists the projects of piped rows with a ProjectId column' {
        $null = Connect-TestSde (New-Scenario)
        @(([pscustomobject]@{ ProjectId = '2' }, [pscustomobject]@{ ProjectId = '3' } | Get-SdeAlmConnection).Id) | Should -Be @(2, 3, 4)
    }
}

Describe 'Get-SdeAlmConnection -IncludeLastJob' {
    AfterEach {
        Disconnect-Sde
    }

    It 'fills LastJob and LastJobSucceeded from ?include=last_job' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $connections = Get-SdeAlmConnection -IncludeLastJob
        @((Get-Journal $scenario).requests | Where-Object path -EQ 'api/v2/connections/alm/').query | Should -Be @('include=last_job')
        @($connections.Id) | Should -Be @(1, 2, 3, 4)
        $payments = $connections[0]
        $payments.LastJob | Should -BeOfType ([SdeAlm.Model.AlmJob])
        $payments.LastJob.Id | Should -Be 4
        $payments.LastJob.AlmConnectionId | Should -Be 1
        $payments.LastJob.ProjectId | Should -Be 1
        $payments.LastJob.Message | Should -Be 'Error: JIRA answered 401 Unauthorized for user sde-bot@example.com.'
        $payments.LastJob.LastRun.UtcDateTime | Should -Be ([datetime]::new(2026, 11, 30, 2, 0, 4, 800, [DateTimeKind]::Utc))
        @($connections.LastJobSucceeded) | Should -Be @($false, $null, $false, $null) -Because 'job 6 still runs and connection 4 never ran'
        $connections[1].LastJob.Ready | Should -BeFalse
        $connections[3].LastJob | Should -BeNullOrEmpty
    }

    It 'asks for the last job by id and by project too' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        (Get-SdeAlmConnection 3 -IncludeLastJob).LastJob.Id | Should -Be 7
        @((Get-SdeAlmConnection -ProjectId 2 -IncludeLastJob).LastJob.Id) | Should -Be @(6, 7)
        $requests = (Get-Journal $scenario).requests
        @($requests | Where-Object path -EQ 'api/v2/connections/alm/3/').query | Should -Be @('include=last_job')
        @($requests | Where-Object path -EQ 'api/v2/connections/alm/').query | Should -Be @('project=2&include=last_job')
    }

    It 'leaves LastJob and LastJobSucceeded empty without it, and does not ask' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $connection = Get-SdeAlmConnection 1
        $connection.LastJob | Should -BeNullOrEmpty
        $connection.LastJobSucceeded | Should -BeNullOrEmpty
        @((Get-Journal $scenario).requests | Where-Object path -EQ 'api/v2/connections/alm/1/').query | Should -Be @('')
    }

    It 'shows LastJobSucceeded in the default table of what it read' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $lines = @((Get-SdeAlmConnection -IncludeLastJob | Out-String -Width 120) -split "`r?`n" | ForEach-Object TrimEnd | Where-Object { $_ })
        $lines[0] | Should -Match '\bConnectorId\s+Frequency\s+LastJobSucceeded$'
        $lines[2] | Should -Match '^\s*1\s+1\s+Payments JIRA\s+jira\s+1\s+daily\s+False$'
        $lines[3] | Should -Match '^\s*2\s+2\s+Mobile JIRA\s+jira\s+1\s+weekly$'
    }

    It 'runs the nightly check of about_SdeAlm: exit code 1 and a warning per failed ALM connection' {
        $scenario = New-Scenario
        $about = Get-Content -Raw (Join-Path $PSScriptRoot '../docs/en-US/about_SdeAlm.md')
        $recipe = [regex]::Match($about, '## Nightly check: every ALM connection whose last job failed.*?```powershell\r?\n(.*?)```', 'Singleline').Groups[1].Value
        $recipe | Should -Match 'exit'
        $script = Join-Path $TestDrive 'nightly-alm-check.ps1'
        Set-Content -Path $script -Value $recipe
        # The simulator speaks http, which Connect-Sde accepts only when told; the recipe is run as written,
        # its warnings taken into the output, which Invoke-FreshPwsh captures.
        $output = Invoke-FreshPwsh -Script @"
Import-Module '$ModuleManifest'
function Connect-Sde { SdeAlm\Connect-Sde -Server `$env:SDE_SERVER -Token (ConvertTo-SecureString `$env:SDE_API_TOKEN -AsPlainText -Force) -AllowUnencryptedAuthentication }
& '$script' 3>&1 | ForEach-Object { if (`$_ -is [System.Management.Automation.WarningRecord]) { "WARNING: `$(`$_.Message)" } else { `$_ } }
exit `$LASTEXITCODE
"@ -Environment @{ SDE_SERVER = (Get-ScenarioUrl $scenario); SDE_API_TOKEN = $SimulatorToken }
        $LASTEXITCODE | Should -Be 1 -Because ($output -join "`n")
        $warnings = @($output | Where-Object { $_ -match 'WARNING: ' })
        $warnings.Count | Should -Be 2 -Because ($output -join "`n")
        $warnings[0] | Should -Match "ALM connection 1 'Payments JIRA' \(project 1\) failed at .*: Error: JIRA answered 401"
        $warnings[1] | Should -Match "ALM connection 3 'Legacy Trac' \(project 2\)"
    }
}
