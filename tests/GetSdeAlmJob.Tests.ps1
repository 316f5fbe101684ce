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

    It 'lists every job, newest run first (the server sends them in id order)' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        @((Get-SdeAlmJob).Id) | Should -Be @(6, 7, 4, 5, 3, 1, 2)
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
        @((Get-SdeAlmJob -AlmConnectionId 1).Id) | Should -Be @(4, 5, 1)
        @((Get-SdeAlmJob -AlmConnectionId 1, 3).Id) | Should -Be @(7, 4, 5, 1, 2)
        @((Get-Journal $scenario).requests | Select-Object -Skip 1 | ForEach-Object query) | Should -Be @('connection=1', 'connection=1', 'connection=3')
    }

    It 'filters by outcome with -Succeeded <Succeeded>' -ForEach @(
        @{ Succeeded = $true; Ids = 5, 3, 1 }
        @{ Succeeded = $false; Ids = 6, 7, 4, 2 }
    ) {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        @((Get-SdeAlmJob -Succeeded $Succeeded).Id) | Should -Be $Ids
        (Get-Journal $scenario).requests[-1].query | Should -Be "succeeded=$("$Succeeded".ToLowerInvariant())"
    }

    It 'lists one project''s jobs from the project path, with the other filters' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        @((Get-SdeAlmJob -ProjectId 2).Id) | Should -Be @(6, 7, 3, 2)
        @((Get-SdeAlmJob -ProjectId 2 -AlmConnectionId 3 -Succeeded $false).Id) | Should -Be @(7, 2)
        $requests = (Get-Journal $scenario).requests
        $requests[-2].path | Should -Be 'api/v2/projects/2/jobs/alm/'
        $requests[-1].path | Should -Be 'api/v2/projects/2/jobs/alm/'
        $requests[-1].query | Should -Be 'connection=3&succeeded=false'
    }

    It 'reads every page of a paginated list' {
        $scenario = New-Scenario 'page=2'
        $null = Connect-TestSde $scenario
        @((Get-SdeAlmJob).Id) | Should -Be @(6, 7, 4, 5, 3, 1, 2)
        @((Get-Journal $scenario).requests | Where-Object path -EQ 'api/v2/jobs/alm/').Count | Should -Be 4
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

    It 'shows Id, AlmConnectionId, LastRun in local time, Succeeded, Automatic and Message cut to the width' {
        $scenario = New-Scenario
        $null = Connect-TestSde $scenario
        $lines = @((Get-SdeAlmJob | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^\s*Id\s+AlmConnectionId\s+LastRun\s+Succeeded\s+Automatic\s+Message$'
        $lines.Count | Should -Be 9
        $local = ([DateTimeOffset]'2026-11-30T02:00:04.800Z').LocalDateTime.ToString('yyyy-MM-dd HH:mm')
        $lines[4] | Should -Match ('^\s*4\s+1\s+{0}\s+False\s+True\s+Error: JIRA' -f [regex]::Escape($local))
        $lines[4] | Should -Match '…$'
        @($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
    }
}
