# The simulator's connector/connection store, modes and faults, checked with plain Invoke-RestMethod:
# the cmdlet tests of issues 11 and 12 rely on these behaviours, so they are pinned here on their own.
BeforeAll {
    . $PSScriptRoot/common.ps1

    function Invoke-Simulator {
        # One request under a context root; never throws on an HTTP status.
        param([string] $Scenario, [string] $Path, [string] $Method = 'GET', $Body)
        $request = @{
            Uri                     = "$(Get-ScenarioUrl $Scenario)$Path"
            Method                  = $Method
            Headers                 = @{ Authorization = "Token $SimulatorToken" }
            SkipHttpErrorCheck      = $true
            StatusCodeVariable      = 'status'
            ResponseHeadersVariable = 'headers'
        }
        if ($PSBoundParameters.ContainsKey('Body')) {
            $request.Body = $Body | ConvertTo-Json -Depth 5 -Compress
            $request.ContentType = 'application/json'
        }
        $answer = Invoke-RestMethod @request
        [pscustomobject]@{ Status = $status; Body = $answer; Headers = $headers }
    }

    function Get-SimulatorStore {
        param([string] $Scenario)
        Invoke-RestMethod -Uri "$($SimulatorUrl)_sim/store?prefix=$([uri]::EscapeDataString($Scenario))"
    }

    function Get-SimulatorRequestDetail {
        param([string] $Scenario)
        Invoke-RestMethod -Uri "$($SimulatorUrl)_sim/requests?detail=1&prefix=$([uri]::EscapeDataString($Scenario))"
    }

    function Get-SimulatorJson {
        # A GET whose time texts stay text (Invoke-RestMethod would make them DateTime), to compare them literally.
        param([string] $Scenario, [string] $Path)
        (Invoke-WebRequest -Uri "$(Get-ScenarioUrl $Scenario)$Path" -Headers @{ Authorization = "Token $SimulatorToken" }).Content |
            ConvertFrom-Json -DateKind String
    }

    function Get-SimulatorConcurrency {
        param([string] $Scenario)
        Invoke-RestMethod -Uri "$($SimulatorUrl)_sim/concurrency?prefix=$([uri]::EscapeDataString($Scenario))"
    }

    function Wait-SimulatorJob {
        # Reads a job until it is ready, at most $TimeoutSec (a generous bound, not a timing check).
        param([string] $Scenario, [int] $Id, [int] $TimeoutSec = 30)
        $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSec)
        do {
            $job = Get-SimulatorJson $Scenario "api/v2/jobs/alm/$Id/"
            if ($job.ready) { return $job }
            Start-Sleep -Milliseconds 100
        } while ([datetime]::UtcNow -lt $deadline)
        $job
    }

    $script:TracConnector = @{
        name   = 'Trac test'
        system = @{ id = 'trac' }
        params = @{ alm_server = 'trac.test.example'; alm_user = 'bot'; alm_pass = 'p@ss-1' }
    }
}

Describe 'Seeded store' {
    It 'lists the three seeded connectors with their secrets in clear text' {
        $answer = Invoke-Simulator (New-Scenario) 'api/v2/connectors/alm/'
        $answer.Status | Should -Be 200
        $answer.Body.results.id | Should -Be 1, 2, 3
        $answer.Body.results.name | Should -Be 'Jira Cloud', 'Trac (on premises)', 'GitHub'
        $answer.Body.results.system.id | Should -Be 'jira', 'trac', 'github'
        $answer.Body.results[0].params.alm_pass | Should -Be 'jira-secret-T0ken'
        $answer.Body.results[1].params.alm_pass | Should -Be 'trac-pa55word'
        $answer.Body.results[1].inaccessible | Should -BeTrue
        $answer.Body.results[2].params.alm_api_token | Should -Be 'ghp_simulatorToken0123456789'
    }

    It 'filters ALM connections by project and fills last_job on request' {
        $answer = Invoke-Simulator (New-Scenario) 'api/v2/connections/alm/?project=2&include=last_job'
        $answer.Body.results.id | Should -Be 2, 3
        $answer.Body.results.last_job.id | Should -Be 6, 7
        $answer.Body.results[0].in_progress | Should -BeTrue
        $answer.Body.results[0].last_job.ready | Should -BeFalse
        $answer.Body.results[1].last_job.result_message | Should -Be 'Error: could not connect to trac.corp.example: connection timed out.'
        $answer.Body.results[1].inaccessible | Should -BeTrue
    }

    It 'answers last_job null for an ALM connection without jobs, and no last_job unless asked' {
        $scenario = New-Scenario
        $with = Invoke-Simulator $scenario 'api/v2/connections/alm/4/?include=last_job'
        $with.Body.PSObject.Properties.Name | Should -Contain 'last_job'
        $with.Body.last_job | Should -BeNullOrEmpty
        (Invoke-Simulator $scenario 'api/v2/connections/alm/4/').Body.PSObject.Properties.Name | Should -Not -Contain 'last_job'
    }

    It 'answers 404 Not found. for an unknown <Path>' -ForEach @(
        @{ Path = 'api/v2/connectors/alm/99/' }
        @{ Path = 'api/v2/connections/alm/99/' }
        @{ Path = 'api/v2/jobs/alm/99/' }
    ) {
        $answer = Invoke-Simulator (New-Scenario) $Path
        $answer.Status | Should -Be 404
        $answer.Body.detail | Should -Be 'Not found.'
    }

    It 'omits params of ALM connections in the noparams mode and refuses to write them' {
        $scenario = New-Scenario 'noparams'
        $answer = Invoke-Simulator $scenario 'api/v2/connections/alm/1/'
        $answer.Body.alias | Should -Be 'Payments JIRA'
        $answer.Body.PSObject.Properties.Name | Should -Not -Contain 'params'
        $patch = Invoke-Simulator $scenario 'api/v2/connections/alm/1/' -Method PATCH -Body @{ alias = 'x' }
        $patch.Status | Should -Be 403
        (Get-SimulatorStore $scenario).connections[0].alias | Should -Be 'Payments JIRA'
    }

    It 'omits params of connectors in the noconnectorparams mode, and still lets them be written' {
        $scenario = New-Scenario 'noconnectorparams'
        (Invoke-Simulator $scenario 'api/v2/connectors/alm/').Body.results | ForEach-Object {
            $_.PSObject.Properties.Name | Should -Not -Contain 'params'
        }
        $one = Invoke-Simulator $scenario 'api/v2/connectors/alm/3/'
        $one.Body.name | Should -Be 'GitHub'
        $one.Body.PSObject.Properties.Name | Should -Not -Contain 'params'
        $patch = Invoke-Simulator $scenario 'api/v2/connectors/alm/3/' -Method PATCH -Body @{ params = @{ alm_api_token = 'ghp_new' } }
        $patch.Status | Should -Be 200
        $patch.Body.PSObject.Properties.Name | Should -Not -Contain 'params'
        # The store keeps what was written: a partial params PATCH replaced the params whole (with the defaults of required fields).
        $stored = (Get-SimulatorStore $scenario).connectors[2]
        @($stored.params.PSObject.Properties.Name) | Should -Be @('alm_api_token', 'alm_method', 'alm_server')
        (Invoke-Simulator $scenario 'api/v2/connections/alm/1/').Body.params.alm_project | Should -Be 'PAY'
    }
}

Describe 'Writes' {
    It 'creates a connector (201), applies the default of a required field, and serves it back' {
        $scenario = New-Scenario
        $created = Invoke-Simulator $scenario 'api/v2/connectors/alm/' -Method POST -Body $TracConnector
        $created.Status | Should -Be 201
        $created.Body.id | Should -Be 4
        $created.Body.params.alm_method | Should -Be 'https'
        $read = Invoke-Simulator $scenario 'api/v2/connectors/alm/4/'
        $read.Body.name | Should -Be 'Trac test'
        $read.Body.system.name | Should -Be 'Trac'
        $read.Body.params.alm_pass | Should -Be 'p@ss-1'
        $read.Body.inaccessible | Should -BeFalse
    }

    It 'keeps each context root''s store to itself' {
        $writer = New-Scenario
        $null = Invoke-Simulator $writer 'api/v2/connectors/alm/' -Method POST -Body $TracConnector
        (Invoke-Simulator $writer 'api/v2/connectors/alm/').Body.results.Count | Should -Be 4
        (Invoke-Simulator (New-Scenario) 'api/v2/connectors/alm/').Body.results.Count | Should -Be 3
    }

    It 'creates an ALM connection, taking a required field of both scopes from the connector' {
        $scenario = New-Scenario
        $created = Invoke-Simulator $scenario 'api/v2/connections/alm/' -Method POST -Body @{
            alias = 'New'; connector = 1; project = 7; params = @{ alm_project = 'NEW' }
        }
        $created.Status | Should -Be 201
        $created.Body.id | Should -Be 5
        $created.Body.frequency | Should -Be 'manually'
        $created.Body.system.id | Should -Be 'jira'
        $created.Body.command | Should -Be 'sync_jira'
        (Invoke-Simulator $scenario 'api/v2/connections/alm/?project=7').Body.results.alias | Should -Be 'New'
    }

    It 'answers 400 in DRF form: <Case>' -ForEach @(
        @{ Case = 'missing required params'; Path = 'api/v2/connectors/alm/'
            Body = @{ name = 'x'; system = @{ id = 'trac' }; params = @{ alm_user = 'u'; alm_pass = '' } }
            Expected = '{"params":{"alm_server":["This field is required."],"alm_pass":["This field may not be blank."]}}' }
        @{ Case = 'missing name, unknown plugin'; Path = 'api/v2/connectors/alm/'
            Body = @{ system = @{ id = 'nope' }; params = @{} }
            Expected = '{"name":["This field is required."],"system":{"id":["Invalid pk \"nope\" - object does not exist."]}}' }
        @{ Case = 'unknown connector, bad frequency'; Path = 'api/v2/connections/alm/'
            Body = @{ alias = 'a'; connector = 99; project = 1; frequency = 'yearly'; params = @{} }
            Expected = '{"connector":["Invalid pk \"99\" - object does not exist."],"frequency":["\"yearly\" is not a valid choice."]}' }
        @{ Case = 'missing alias, project, params'; Path = 'api/v2/connections/alm/'
            Body = @{ connector = 2 }
            Expected = '{"alias":["This field is required."],"project":["This field is required."],"params":["This field is required."]}' }
        @{ Case = 'missing project-scope param'; Path = 'api/v2/connections/alm/'
            Body = @{ alias = 'a'; connector = 2; project = 1; params = @{} }
            Expected = '{"params":{"alm_project":["This field is required."]}}' }
    ) {
        $scenario = New-Scenario
        $answer = Invoke-Simulator $scenario $Path -Method POST -Body $Body
        $answer.Status | Should -Be 400
        $answer.Body | ConvertTo-Json -Depth 5 -Compress | Should -Be $Expected
        $store = Get-SimulatorStore $scenario
        $store.connectors.Count | Should -Be 3
        $store.connections.Count | Should -Be 4
    }

    It 'PATCH replaces params whole and keeps the fields it does not name' {
        $scenario = New-Scenario
        $answer = Invoke-Simulator $scenario 'api/v2/connections/alm/1/' -Method PATCH -Body @{ params = @{ alm_project = 'PAY2' } }
        $answer.Status | Should -Be 200
        $stored = (Get-SimulatorStore $scenario).connections[0]
        $stored.params.PSObject.Properties.Name | Should -Be 'alm_project'
        $stored.params.alm_project | Should -Be 'PAY2'
        $stored.alias | Should -Be 'Payments JIRA'
        $stored.frequency | Should -Be 'daily'
    }

    It 'PATCH with partial params of a connector is a 400 that changes nothing' {
        $scenario = New-Scenario
        $answer = Invoke-Simulator $scenario 'api/v2/connectors/alm/2/' -Method PATCH -Body @{ params = @{ alm_user = 'other' } }
        $answer.Status | Should -Be 400
        $answer.Body.params.alm_server | Should -Be 'This field is required.'
        (Get-SimulatorStore $scenario).connectors[1].params.alm_user | Should -Be 'sde-sync'
    }
}

Describe 'Issue-tracker names' {
    It 'serves only the issue-tracker paths, with issue_tracker_ params' {
        $scenario = New-Scenario 'issuetracker'
        (Invoke-Simulator $scenario 'api/v2/connectors/alm/').Status | Should -Be 404
        (Invoke-Simulator $scenario 'api/v2/connectors/testalm/' -Method POST -Body $TracConnector).Status | Should -Be 404
        $connector = (Invoke-Simulator $scenario 'api/v2/connectors/issue-tracker/2/').Body
        $connector.params.issue_tracker_pass | Should -Be 'trac-pa55word'
        $connector.params.PSObject.Properties.Name | Should -Not -Contain 'alm_pass'
        $connection = (Invoke-Simulator $scenario 'api/v2/connections/issue-tracker/1/').Body
        $connection.params.issue_tracker_project | Should -Be 'PAY'
        $connection.debug_mode | Should -BeFalse
        (Invoke-Simulator $scenario 'api/v2/connectors/issue-tracker/1/').Body.params.conflict_policy | Should -Be 'issue_tracker'
    }

    It 'renames the catalog''s fields and checks writes against them' {
        $scenario = New-Scenario 'issuetracker'
        $names = (Invoke-Simulator $scenario 'api/v2/plugins/alm/trac/').Body.sections.fields.name
        $names | Should -Contain 'issue_tracker_server'
        $names | Should -Not -Contain 'alm_server'
        $answer = Invoke-Simulator $scenario 'api/v2/connectors/issue-tracker/' -Method POST -Body $TracConnector
        $answer.Status | Should -Be 400
        @($answer.Body.params.PSObject.Properties.Name) | Should -Be 'issue_tracker_server', 'issue_tracker_user', 'issue_tracker_pass'
    }

    It 'serves only the alm paths by default' {
        (Invoke-Simulator (New-Scenario) 'api/v2/connections/issue-tracker/').Status | Should -Be 404
    }
}

Describe 'Write faults and the journal' {
    It 'writethrottle=<Status> refuses the first write before applying it (Retry-After <RetryAfter>)' -ForEach @(
        @{ Status = 429; Options = 'writethrottle=429', 'retryafter=0'; RetryAfter = '0' }
        @{ Status = 503; Options = 'writethrottle=503', 'retryafter=0'; RetryAfter = '0' }
        @{ Status = 503; Options = 'writethrottle=503', 'retryafter=none'; RetryAfter = $null }
    ) {
        $scenario = New-Scenario $Options
        $first = Invoke-Simulator $scenario 'api/v2/connectors/alm/' -Method POST -Body $TracConnector
        $first.Status | Should -Be $Status
        $first.Headers['Retry-After'] | Should -Be $RetryAfter
        (Get-SimulatorStore $scenario).connectors.Count | Should -Be 3
        (Invoke-Simulator $scenario 'api/v2/connectors/alm/' -Method POST -Body $TracConnector).Status | Should -Be 201
        (Get-SimulatorStore $scenario).connectors.Count | Should -Be 4
    }

    It 'writefail=502 applies the first write, answers 502, and the journal lists every request in order' {
        $scenario = New-Scenario 'writefail=502'
        $answer = Invoke-Simulator $scenario 'api/v2/connections/alm/3/' -Method PATCH -Body @{ alias = 'Renamed' }
        $answer.Status | Should -Be 502
        (Invoke-Simulator $scenario 'api/v2/connections/alm/3/?include=last_job').Body.alias | Should -Be 'Renamed'
        (Invoke-Simulator $scenario 'api/v2/connections/alm/3/' -Method PATCH -Body @{ alias = 'Again' }).Status | Should -Be 200

        $journal = Get-SimulatorRequestDetail $scenario
        $journal.count | Should -Be 3
        $journal.methods.PATCH | Should -Be 2
        $journal.methods.GET | Should -Be 1
        ($journal.requests | ForEach-Object { "$($_.method) $($_.path)?$($_.query) $($_.status)" }) | Should -Be @(
            'PATCH api/v2/connections/alm/3/? 502'
            'GET api/v2/connections/alm/3/?include=last_job 200'
            'PATCH api/v2/connections/alm/3/? 200'
        )
    }

    It 'writefail=drop applies the write and drops the connection' {
        $scenario = New-Scenario 'writefail=drop'
        { Invoke-RestMethod -Uri "$(Get-ScenarioUrl $scenario)api/v2/connectors/alm/" -Method POST -ContentType 'application/json' `
                -Headers @{ Authorization = "Token $SimulatorToken" } -Body ($TracConnector | ConvertTo-Json -Compress) } |
            Should -Throw
        (Get-SimulatorStore $scenario).connectors.name | Should -Contain 'Trac test'
    }

    It 'keeps request bodies out of the journal' {
        $scenario = New-Scenario
        $null = Invoke-Simulator $scenario 'api/v2/connectors/alm/' -Method POST -Body $TracConnector
        $journal = Invoke-WebRequest -Uri "$($SimulatorUrl)_sim/requests?detail=1&prefix=$scenario"
        $journal.Content | Should -Not -Match 'p@ss-1'
    }
}

Describe 'Connectivity tests' {
    It 'answers <Status> <Expected> for server <Server>' -ForEach @(
        @{ Server = 'trac.test.example'; Status = 200; Expected = '{"success":true}' }
        @{ Server = 'unreachable.example'; Status = 400; Expected = '{"detail":"Unable to connect to the ALM server unreachable.example: connection timed out."}' }
        @{ Server = 'badlogin.example'; Status = 200; Expected = '{"success":false,"error":"The ALM server rejected the credentials of user \"bot\"."}' }
        @{ Server = 'badfield'; Status = 400; Expected = '{"params":{"alm_server":["Enter a valid host name."]}}' }
    ) {
        $body = @{ name = 'probe'; system = @{ id = 'trac' }; params = @{ alm_server = $Server; alm_user = 'bot'; alm_pass = 'p@ss-1' } }
        $answer = Invoke-Simulator (New-Scenario) 'api/v2/connectors/testalm/' -Method POST -Body $body
        $answer.Status | Should -Be $Status
        $answer.Body | ConvertTo-Json -Compress -Depth 5 | Should -Be $Expected
    }

    It 'tests an ALM connection over its connector''s params, and reports a missing ALM project' {
        $scenario = New-Scenario
        $ok = Invoke-Simulator $scenario 'api/v2/connections/testalm/' -Method POST -Body @{ connector = 1; alias = 'a'; project = 1; system = @{ id = 'jira' }; params = @{ alm_project = 'PAY' } }
        $ok.Body.success | Should -BeTrue
        $missing = Invoke-Simulator $scenario 'api/v2/connections/testalm/' -Method POST -Body @{ connector = 1; alias = 'a'; project = 1; params = @{ alm_project = 'missing-key' } }
        $missing.Status | Should -Be 200
        $missing.Body.success | Should -BeFalse
        $missing.Body.error | Should -Be 'The ALM project "missing-key" does not exist.'
        (Get-SimulatorStore $scenario).connections.Count | Should -Be 4
    }
}

Describe 'Jobs' {
    It 'lists jobs by connection and result, in id order, with project_id' {
        $scenario = New-Scenario
        (Invoke-Simulator $scenario 'api/v2/jobs/alm/?connection=1').Body.results.id | Should -Be 1, 4, 5
        (Invoke-Simulator $scenario 'api/v2/jobs/alm/?connection=1&succeeded=false').Body.results.id | Should -Be 4
        (Invoke-Simulator $scenario 'api/v2/jobs/alm/?succeeded=true').Body.results.id | Should -Be 1, 3, 5
        $job = (Invoke-Simulator $scenario 'api/v2/jobs/alm/4/').Body
        $job.project_id | Should -Be 1
        $job.connection | Should -Be 1
        $raw = Invoke-WebRequest -Uri "$(Get-ScenarioUrl $scenario)api/v2/jobs/alm/4/" -Headers @{ Authorization = "Token $SimulatorToken" }
        $raw.Content | Should -Match '"last_run":"2026-11-30T02:00:04\.800Z"'
        (Invoke-Simulator $scenario 'api/v2/projects/2/jobs/alm/').Body.results.id | Should -Be 2, 3, 6, 7
    }

    It 'paginates jobs keeping the filters in next, and drops project_id in the nojobproject mode' {
        $scenario = New-Scenario 'page=2', 'nojobproject'
        $first = (Invoke-Simulator $scenario 'api/v2/jobs/alm/?succeeded=false').Body
        $first.count | Should -Be 4
        $first.results.id | Should -Be 2, 4
        $first.next | Should -Be "$(Get-ScenarioUrl $scenario)api/v2/jobs/alm/?succeeded=false&page=2"
        $first.results[0].PSObject.Properties.Name | Should -Not -Contain 'project_id'
        $second = Invoke-RestMethod -Uri $first.next -Headers @{ Authorization = "Token $SimulatorToken" }
        $second.results.id | Should -Be 6, 7
        $second.next | Should -BeNullOrEmpty
    }
}

Describe 'Deleting' {
    It 'refuses to delete a connector that ALM connections use, and deletes nothing' {
        $scenario = New-Scenario
        $answer = Invoke-Simulator $scenario 'api/v2/connectors/alm/1/' -Method DELETE
        $answer.Status | Should -Be 400
        $answer.Body | ConvertTo-Json -Compress | Should -Be '{"detail":"Cannot delete connector \"Jira Cloud\": it is used by 2 ALM connection(s) (1, 2)."}'
        $store = Get-SimulatorStore $scenario
        @($store.connectors.id) | Should -Be 1, 2, 3
        @($store.connections.id) | Should -Be 1, 2, 3, 4
        @($store.jobs.id) | Should -Be 1, 2, 3, 4, 5, 6, 7
    }

    It 'deletes a connection with its jobs, then its connector that nothing uses any more' {
        $scenario = New-Scenario
        (Invoke-Simulator $scenario 'api/v2/connectors/alm/2/' -Method DELETE).Body.detail |
            Should -Be 'Cannot delete connector "Trac (on premises)": it is used by 1 ALM connection(s) (3).'
        $connection = Invoke-Simulator $scenario 'api/v2/connections/alm/3/' -Method DELETE
        $connection.Status | Should -Be 204
        $connection.Body | Should -BeNullOrEmpty
        (Invoke-Simulator $scenario 'api/v2/connectors/alm/2/' -Method DELETE).Status | Should -Be 204
        $store = Get-SimulatorStore $scenario
        @($store.connectors.id) | Should -Be 1, 3
        @($store.connections.id) | Should -Be 1, 2, 4
        @($store.jobs.id) | Should -Be 1, 3, 4, 5, 6
        (Invoke-Simulator $scenario 'api/v2/connectors/alm/2/').Status | Should -Be 404
    }

    It 'nodelete answers 405 to DELETE of <Path>, without DELETE in Allow' -ForEach @(
        @{ Path = 'api/v2/connectors/alm/3/' }
        @{ Path = 'api/v2/connections/alm/4/' }
    ) {
        $scenario = New-Scenario 'nodelete'
        $answer = Invoke-Simulator $scenario $Path -Method DELETE
        $answer.Status | Should -Be 405
        $answer.Body.detail | Should -Be 'Method "DELETE" not allowed.'
        ($answer.Headers['Allow'] -join ', ') | Should -Be 'GET, PUT, PATCH, HEAD, OPTIONS'
        (Invoke-Simulator $scenario $Path).Status | Should -Be 200
        $store = Get-SimulatorStore $scenario
        $store.connectors.Count | Should -Be 3
        $store.connections.Count | Should -Be 4
    }

    It 'offers DELETE in Allow by default' {
        $answer = Invoke-Simulator (New-Scenario) 'api/v2/connections/alm/4/' -Method POST -Body @{}
        $answer.Status | Should -Be 405
        ($answer.Headers['Allow'] -join ', ') | Should -Be 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS'
    }

    It 'deletenotfound answers 404 to DELETE of <Path> that GET finds' -ForEach @(
        @{ Path = 'api/v2/connectors/alm/3/' }
        @{ Path = 'api/v2/connections/alm/4/' }
    ) {
        $scenario = New-Scenario 'deletenotfound'
        $answer = Invoke-Simulator $scenario $Path -Method DELETE
        $answer.Status | Should -Be 404
        $answer.Body.detail | Should -Be 'Not found.'
        (Invoke-Simulator $scenario $Path).Status | Should -Be 200
        (Get-SimulatorStore $scenario).connections.Count | Should -Be 4
    }
}

Describe 'Sync jobs on demand' {
    It 'queues a job that is not ready at once and is ready, succeeded, after jobdelay' {
        $scenario = New-Scenario 'jobdelay=3000'
        $before = [datetime]::UtcNow.AddSeconds(-1)
        $answer = Invoke-Simulator $scenario 'api/v2/projects/1/jobs/alm/' -Method POST -Body ([ordered]@{ connection = 1; automatic = $false; ready = $false })
        $answer.Status | Should -Be 201
        $job = $answer.Body
        @($job.PSObject.Properties.Name) | Should -Be 'id', 'user', 'succeeded', 'automatic', 'ready', 'result_message', 'last_run', 'connection', 'project_id'
        $job.id | Should -Be 8
        $job.user | Should -Be 1
        $job.ready | Should -BeFalse
        $job.succeeded | Should -BeFalse
        $job.automatic | Should -BeFalse
        $job.result_message | Should -Be ''
        $job.connection | Should -Be 1
        $job.project_id | Should -Be 1
        $job.last_run.ToUniversalTime() | Should -BeGreaterThan $before
        $job.last_run.ToUniversalTime() | Should -BeLessThan ([datetime]::UtcNow.AddSeconds(1))

        (Get-SimulatorJson $scenario 'api/v2/jobs/alm/8/').ready | Should -BeFalse
        $connection = Get-SimulatorJson $scenario 'api/v2/connections/alm/1/?include=last_job'
        $connection.in_progress | Should -BeTrue
        $connection.last_job.id | Should -Be 8

        $finished = Wait-SimulatorJob $scenario 8
        $finished.ready | Should -BeTrue
        $finished.succeeded | Should -BeTrue
        $finished.result_message | Should -Be 'Synchronized 12 tasks: 12 up to date.'
        $finished.last_run | Should -Be (Get-SimulatorJson $scenario 'api/v2/jobs/alm/?connection=1').results[-1].last_run
        (Get-SimulatorJson $scenario 'api/v2/connections/alm/1/').in_progress | Should -BeFalse
        (Invoke-Simulator $scenario 'api/v2/projects/1/jobs/alm/' -Method POST -Body @{ connection = 1 }).Status | Should -Be 201
    }

    It 'with jobdelay=0 the job answered not ready is finished on the next read' {
        $scenario = New-Scenario 'jobdelay=0'
        $answer = Invoke-Simulator $scenario 'api/v2/projects/3/jobs/alm/' -Method POST -Body @{ connection = 4; automatic = $true; ready = $false }
        $answer.Body.ready | Should -BeFalse
        $answer.Body.automatic | Should -BeTrue
        $job = (Get-SimulatorStore $scenario).jobs | Where-Object id -EQ 8
        $job.ready | Should -BeTrue
        $job.succeeded | Should -BeTrue
        $job.automatic | Should -BeTrue
        $job.connection | Should -Be 4
    }

    It 'fails the job of a connection whose connector''s server is unreachable' {
        $scenario = New-Scenario 'jobdelay=0'
        $patch = Invoke-Simulator $scenario 'api/v2/connectors/alm/3/' -Method PATCH -Body @{ params = @{ alm_server = 'Unreachable.example'; alm_api_token = 't' } }
        $patch.Status | Should -Be 200
        $null = Invoke-Simulator $scenario 'api/v2/projects/3/jobs/alm/' -Method POST -Body @{ connection = 4 }
        $job = Get-SimulatorJson $scenario 'api/v2/jobs/alm/8/'
        $job.ready | Should -BeTrue
        $job.succeeded | Should -BeFalse
        $job.result_message | Should -Be 'Error: could not connect to Unreachable.example: connection timed out.'
    }

    It 'jobfail fails every job queued through the API' {
        $scenario = New-Scenario 'jobdelay=0', 'jobfail'
        $null = Invoke-Simulator $scenario 'api/v2/projects/1/jobs/alm/' -Method POST -Body @{ connection = 1 }
        $job = Get-SimulatorJson $scenario 'api/v2/jobs/alm/8/'
        $job.succeeded | Should -BeFalse
        $job.result_message | Should -Be 'Error: could not connect to jira.example.com: connection timed out.'
    }

    It 'refuses a second sync while one is queued, and connection 2 (job 6 running forever) is always busy' {
        $scenario = New-Scenario 'jobdelay=600000'
        (Invoke-Simulator $scenario 'api/v2/projects/1/jobs/alm/' -Method POST -Body @{ connection = 1 }).Status | Should -Be 201
        $again = Invoke-Simulator $scenario 'api/v2/projects/1/jobs/alm/' -Method POST -Body @{ connection = 1; ready = $false }
        $again.Status | Should -Be 400
        $again.Body | ConvertTo-Json -Compress | Should -Be '{"detail":"A synchronization of ALM connection 1 is already queued or running."}'
        $busy = Invoke-Simulator $scenario 'api/v2/projects/2/jobs/alm/' -Method POST -Body @{ connection = 2 }
        $busy.Status | Should -Be 400
        $busy.Body.detail | Should -Be 'A synchronization of ALM connection 2 is already queued or running.'
        @((Get-SimulatorStore $scenario).jobs.id) | Should -Be 1, 2, 3, 4, 5, 6, 7, 8
    }

    It 'jobdeny=P refuses job POSTs in project P with 403 and queues nothing; other projects are unaffected' {
        $scenario = New-Scenario 'jobdeny=2', 'jobdelay=0'
        $denied = Invoke-Simulator $scenario 'api/v2/projects/2/jobs/alm/' -Method POST -Body @{ connection = 3 }
        $denied.Status | Should -Be 403
        $denied.Body.detail | Should -Be 'You do not have permission to perform this action.'
        (Invoke-Simulator $scenario 'api/v2/projects/1/jobs/alm/' -Method POST -Body @{ connection = 1 }).Status | Should -Be 201
        @((Get-SimulatorStore $scenario).jobs | Where-Object id -GT 7 | ForEach-Object connection) | Should -Be @(1)
        (Invoke-Simulator $scenario 'api/v2/projects/2/jobs/alm/').Status | Should -Be 200
    }

    It 'records a result from elsewhere with ready true, even for a busy connection' {
        $scenario = New-Scenario
        $answer = Invoke-Simulator $scenario 'api/v2/projects/2/jobs/alm/' -Method POST -Body @{
            connection = 2; automatic = $false; ready = $true; succeeded = $true; result_message = 'Synchronized 3 tasks elsewhere.'
        }
        $answer.Status | Should -Be 201
        $answer.Body.ready | Should -BeTrue
        $answer.Body.succeeded | Should -BeTrue
        $answer.Body.result_message | Should -Be 'Synchronized 3 tasks elsewhere.'
        $answer.Body.project_id | Should -Be 2
        $stored = (Get-SimulatorStore $scenario).jobs | Where-Object id -EQ 8
        $stored.ready | Should -BeTrue
        $stored.result_message | Should -Be 'Synchronized 3 tasks elsewhere.'
        (Get-SimulatorJson $scenario 'api/v2/connections/alm/2/').in_progress | Should -BeTrue
    }

    It 'answers 400 in DRF form: <Case>' -ForEach @(
        @{ Case = 'no connection'; Project = 1; Body = @{ ready = $false }
            Expected = '{"connection":["This field is required."]}' }
        @{ Case = 'unknown connection'; Project = 1; Body = @{ connection = 9 }
            Expected = '{"connection":["Invalid pk \"9\" - object does not exist."]}' }
        @{ Case = 'connection of another project'; Project = 1; Body = @{ connection = 3 }
            Expected = '{"connection":["Invalid pk \"3\" - object does not exist."]}' }
        @{ Case = 'not booleans'; Project = 1; Body = @{ connection = 1; ready = 'soon'; automatic = @(1) }
            Expected = '{"automatic":["Must be a valid boolean."],"ready":["Must be a valid boolean."]}' }
        @{ Case = 'null connection, null ready'; Project = 1; Body = @{ connection = $null; ready = $null }
            Expected = '{"connection":["This field may not be null."],"ready":["This field may not be null."]}' }
    ) {
        $scenario = New-Scenario
        $answer = Invoke-Simulator $scenario "api/v2/projects/$Project/jobs/alm/" -Method POST -Body $Body
        $answer.Status | Should -Be 400
        $answer.Body | ConvertTo-Json -Depth 5 -Compress | Should -Be $Expected
        (Get-SimulatorStore $scenario).jobs.Count | Should -Be 7
    }

    It 'allows POST on a project''s jobs only' {
        $answer = Invoke-Simulator (New-Scenario) 'api/v2/jobs/alm/' -Method POST -Body @{ connection = 1 }
        $answer.Status | Should -Be 405
        ($answer.Headers['Allow'] -join ', ') | Should -Be 'GET, HEAD, OPTIONS'
    }

    It 'journals the body of job POSTs, a throttled one too, and no other body' {
        $scenario = New-Scenario 'writethrottle=429', 'retryafter=0'
        (Invoke-Simulator $scenario 'api/v2/projects/1/jobs/alm/' -Method POST -Body @{ connection = 1; automatic = $false; ready = $false }).Status | Should -Be 429
        (Invoke-Simulator $scenario 'api/v2/connectors/alm/' -Method POST -Body $TracConnector).Status | Should -Be 201
        (Invoke-Simulator $scenario 'api/v2/projects/1/jobs/alm/' -Method POST -Body @{ connection = 1 }).Status | Should -Be 201
        $journal = Get-SimulatorRequestDetail $scenario
        $journal.requests.Count | Should -Be 3
        $journal.requests[0].body | ConvertTo-Json -Compress | Should -Match '^\{(?=.*"connection":1)(?=.*"automatic":false)(?=.*"ready":false).*\}$'
        @($journal.requests[0].body.PSObject.Properties.Name).Count | Should -Be 3
        $journal.requests[1].PSObject.Properties.Name | Should -Not -Contain 'body'
        $journal.requests[2].body | ConvertTo-Json -Compress | Should -Be '{"connection":1}'
        $raw = Invoke-WebRequest -Uri "$($SimulatorUrl)_sim/requests?detail=1&prefix=$scenario"
        $raw.Content | Should -Not -Match 'p@ss-1'
    }
}

Describe 'Jobs paths' {
    It 'answers 404 to jobs/issue-tracker by default, and keeps jobs/alm in the issuetracker mode' {
        $default = New-Scenario
        (Invoke-Simulator $default 'api/v2/jobs/issue-tracker/').Status | Should -Be 404
        (Invoke-Simulator $default 'api/v2/projects/1/jobs/issue-tracker/' -Method POST -Body @{ connection = 1 }).Status | Should -Be 404
        $current = New-Scenario 'issuetracker'
        @((Invoke-Simulator $current 'api/v2/jobs/alm/').Body.results.id) | Should -Be 1, 2, 3, 4, 5, 6, 7
        (Invoke-Simulator $current 'api/v2/projects/1/jobs/alm/' -Method POST -Body @{ connection = 1 }).Status | Should -Be 201
        (Invoke-Simulator $current 'api/v2/jobs/issue-tracker/').Status | Should -Be 404
    }

    It 'jobsissuetracker serves jobs only under the issue-tracker name' {
        $scenario = New-Scenario 'jobsissuetracker'
        @((Invoke-Simulator $scenario 'api/v2/jobs/issue-tracker/').Body.results.id) | Should -Be 1, 2, 3, 4, 5, 6, 7
        (Invoke-Simulator $scenario 'api/v2/jobs/issue-tracker/4/').Body.connection | Should -Be 1
        @((Invoke-Simulator $scenario 'api/v2/projects/2/jobs/issue-tracker/').Body.results.id) | Should -Be 2, 3, 6, 7
        (Invoke-Simulator $scenario 'api/v2/projects/1/jobs/issue-tracker/' -Method POST -Body @{ connection = 1 }).Body.id | Should -Be 8
        (Invoke-Simulator $scenario 'api/v2/jobs/alm/').Status | Should -Be 404
        (Invoke-Simulator $scenario 'api/v2/jobs/alm/4/').Status | Should -Be 404
        (Invoke-Simulator $scenario 'api/v2/projects/1/jobs/alm/' -Method POST -Body @{ connection = 1 }).Status | Should -Be 404
        (Get-SimulatorStore $scenario).jobs.Count | Should -Be 8
    }

    It 'nojobs answers 404 Not found. to <Method> <Path>' -ForEach @(
        @{ Method = 'GET'; Path = 'api/v2/jobs/alm/' }
        @{ Method = 'GET'; Path = 'api/v2/jobs/alm/4/' }
        @{ Method = 'GET'; Path = 'api/v2/projects/1/jobs/alm/' }
        @{ Method = 'POST'; Path = 'api/v2/projects/1/jobs/alm/' }
        @{ Method = 'GET'; Path = 'api/v2/jobs/issue-tracker/' }
        @{ Method = 'POST'; Path = 'api/v2/projects/1/jobs/issue-tracker/' }
    ) {
        $scenario = New-Scenario 'nojobs', 'jobsissuetracker'
        $request = @{ Method = $Method }
        if ($Method -eq 'POST') { $request.Body = @{ connection = 1 } }
        $answer = Invoke-Simulator $scenario $Path @request
        $answer.Status | Should -Be 404
        $answer.Body.detail | Should -Be 'Not found.'
        (Get-SimulatorStore $scenario).jobs.Count | Should -Be 7
    }
}

Describe 'Slow connectivity tests' {
    It 'testdelay holds <Count> tests of <Path> in flight at once, and /_sim/concurrency counts them exactly' -ForEach @(
        @{ Count = 4; Path = 'api/v2/connectors/testalm/'
            Body = @{ name = 'probe'; system = @{ id = 'trac' }; params = @{ alm_server = 'trac.test.example'; alm_user = 'bot'; alm_pass = 'p@ss-1' } } }
        @{ Count = 3; Path = 'api/v2/connections/testalm/'
            Body = @{ connector = 1; alias = 'a'; project = 1; params = @{ alm_project = 'PAY' } } }
    ) {
        $scenario = New-Scenario 'testdelay=4000'
        $null = Invoke-Simulator $scenario 'api/v2/connectors/alm/'
        $counts = Get-SimulatorConcurrency $scenario
        "$($counts.current) $($counts.max) $($counts.total)" | Should -Be '0 0 0'

        $uri = "$(Get-ScenarioUrl $scenario)$Path"
        $json = $Body | ConvertTo-Json -Depth 5 -Compress
        $job = 1..$Count | ForEach-Object -ThrottleLimit $Count -AsJob -Parallel {
            Invoke-RestMethod -Uri $using:uri -Method POST -ContentType 'application/json' -Body $using:json `
                -Headers @{ Authorization = "Token $using:SimulatorToken" }
        }
        try {
            $deadline = [datetime]::UtcNow.AddSeconds(30)
            do {
                $inFlight = Get-SimulatorConcurrency $scenario
                if ($inFlight.current -ge $Count) { break }
                Start-Sleep -Milliseconds 50
            } while ([datetime]::UtcNow -lt $deadline -and $job.State -eq 'Running')
            $inFlight.current | Should -Be $Count
            $answers = @($job | Wait-Job -Timeout 60 | Receive-Job)
        }
        finally {
            $job | Remove-Job -Force
        }

        @($answers.success) | Should -Be (@($true) * $Count)
        $counts = Get-SimulatorConcurrency $scenario
        "$($counts.current) $($counts.max) $($counts.total)" | Should -Be "0 $Count $Count"
        (Get-SimulatorRequestDetail $scenario).methods.POST | Should -Be $Count
    }

    It 'counts nothing for a prefix that ran no connectivity test' {
        $counts = Get-SimulatorConcurrency (New-Scenario)
        $counts | ConvertTo-Json -Compress | Should -Be '{"current":0,"max":0,"total":0}'
    }
}

Describe 'Bigger stores' {
    It 'connections=500 lists 504 connections: Bulk k in project k, alternately through connectors 1 and 3' {
        $scenario = New-Scenario 'connections=500'
        $all = (Invoke-Simulator $scenario 'api/v2/connections/alm/').Body.results
        $all.Count | Should -Be 504
        $first, $second, $last = $all[4], $all[5], $all[-1]
        "$($first.id) $($first.alias) $($first.project) $($first.connector) $($first.frequency) $($first.params.alm_project)" |
            Should -Be '5 Bulk 1 1 1 manually BULK1'
        "$($second.id) $($second.alias) $($second.project) $($second.connector) $($second.frequency) $($second.params.alm_project)" |
            Should -Be '6 Bulk 2 2 3 manually example/bulk-2'
        "$($last.id) $($last.alias) $($last.project) $($last.connector) $($last.system.id)" | Should -Be '504 Bulk 500 500 3 github'
        @($all | Where-Object in_progress).id | Should -Be 2
        (Invoke-Simulator $scenario 'api/v2/connectors/alm/1/' -Method DELETE).Body.detail |
            Should -BeLike 'Cannot delete connector "Jira Cloud": it is used by 252 ALM connection(s) (1, 2, 5, 7, *, 503).'
    }

    It 'spreads the projects over 1..1000' {
        $scenario = New-Scenario 'connections=2001'
        "$((Invoke-Simulator $scenario 'api/v2/connections/alm/?project=1').Body.results.id)" | Should -Be '1 5 1005 2005'
        "$((Invoke-Simulator $scenario 'api/v2/connections/alm/?project=1000').Body.results.id)" | Should -Be '1004 2004'
    }

    It 'gives each Bulk connection the params its plugin requires' {
        $scenario = New-Scenario 'connections=2'
        foreach ($bulk in (Invoke-Simulator $scenario 'api/v2/connections/alm/?project=1').Body.results[1], (Invoke-Simulator $scenario 'api/v2/connections/alm/?project=2').Body.results[-1]) {
            $copy = @{ alias = "Copy of $($bulk.alias)"; connector = $bulk.connector; project = $bulk.project; params = $bulk.params }
            $answer = Invoke-Simulator $scenario 'api/v2/connections/alm/' -Method POST -Body $copy
            $answer.Status | Should -Be 201
            $answer.Body.params.alm_project | Should -Be $bulk.params.alm_project
        }
        @((Get-SimulatorStore $scenario).connections.alias) | Should -Be 'Payments JIRA', 'Mobile JIRA', 'Legacy Trac', 'Website GitHub', 'Bulk 1', 'Bulk 2', 'Copy of Bulk 1', 'Copy of Bulk 2'
    }

    It 'jobs=5000 adds finished jobs of connection 1 after the seed, last_run increasing with id, every tenth failed' {
        $scenario = New-Scenario 'jobs=5000'
        $jobs = (Get-SimulatorJson $scenario 'api/v2/jobs/alm/?connection=1').results
        $jobs.Count | Should -Be 5003
        @($jobs[0..3].id) | Should -Be 1, 4, 5, 8
        "$($jobs[3].last_run) $($jobs[3].succeeded) $($jobs[3].ready) $($jobs[3].automatic) $($jobs[3].user) $($jobs[3].result_message)" |
            Should -Be '2026-01-01T00:01:00.000Z True True True 1 Synchronized 42 tasks: 42 up to date.'
        "$($jobs[12].id) $($jobs[12].last_run) $($jobs[12].succeeded) $($jobs[12].result_message)" |
            Should -Be '17 2026-01-01T00:10:00.000Z False Error: JIRA answered 401 Unauthorized for user sde-bot@example.com.'
        "$($jobs[-1].id) $($jobs[-1].last_run)" | Should -Be '5007 2026-01-04T11:20:00.000Z'
        $extra = $jobs[3..($jobs.Count - 1)]
        $sorted = @($extra.last_run | Sort-Object)
        for ($i = 0; $i -lt $extra.Count; $i++) { if ($extra[$i].last_run -ne $sorted[$i]) { throw "job $($extra[$i].id) is out of time order" } }
        (Get-SimulatorJson $scenario 'api/v2/jobs/alm/?connection=1&succeeded=false').results.Count | Should -Be 501
        (Get-SimulatorJson $scenario 'api/v2/connections/alm/1/?include=last_job').last_job.id | Should -Be 4
        (Get-SimulatorJson $scenario 'api/v2/jobs/alm/?connection=3').results.id | Should -Be 2, 7
    }

    It 'seeds connections=100000/jobs=100000 within a generous bound' {
        $scenario = New-Scenario 'connections=100000', 'jobs=100000'
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $answer = Invoke-Simulator $scenario 'api/v2/connections/alm/?project=1000'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
        $answer.Body.results.Count | Should -Be 100
        $answer.Body.results[-1].alias | Should -Be 'Bulk 100000'
        (Invoke-Simulator $scenario 'api/v2/jobs/alm/100007/').Body.last_run.ToUniversalTime().ToString('o') | Should -Be '2026-03-11T10:40:00.0000000Z'
    }

    It 'refuses <Option> as an invalid simulator option' -ForEach @(
        @{ Option = 'connections=100001' }
        @{ Option = 'jobs=x' }
        @{ Option = 'jobdelay=-1' }
        @{ Option = 'testdelay=600001' }
        @{ Option = 'jobdeny=0' }
    ) {
        $answer = Invoke-Simulator (New-Scenario $Option) 'api/v2/connections/alm/'
        $answer.Status | Should -Be 400
        $answer.Body.detail | Should -Be "Invalid simulator option `"$Option`"."
    }
}

Describe 'Current-release details (issuetracker)' {
    It 'adds last_successful_run to connection params: the last job''s last_run when it succeeded, else null' {
        $scenario = New-Scenario 'issuetracker', 'jobdelay=0'
        $all = (Get-SimulatorJson $scenario 'api/v2/connections/issue-tracker/').results
        $all.Count | Should -Be 4
        foreach ($connection in $all) {
            $connection.params.PSObject.Properties.Name | Should -Contain 'last_successful_run'
            $connection.params.last_successful_run | Should -BeNullOrEmpty
        }

        $job = (Invoke-Simulator $scenario 'api/v2/projects/3/jobs/alm/' -Method POST -Body @{ connection = 4 }).Body
        $lastRun = (Get-SimulatorJson $scenario "api/v2/jobs/alm/$($job.id)/").last_run
        $lastRun | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'
        (Get-SimulatorJson $scenario 'api/v2/connections/issue-tracker/4/').params.last_successful_run | Should -Be $lastRun
        (Get-SimulatorJson $scenario 'api/v2/jobs/alm/?expand=connection&connection=4').results[0].connection.params.last_successful_run | Should -Be $lastRun

        $null = Invoke-Simulator $scenario 'api/v2/projects/3/jobs/alm/' -Method POST -Body @{ connection = 4; ready = $true; succeeded = $false; result_message = 'Error: elsewhere.' }
        (Get-SimulatorJson $scenario 'api/v2/connections/issue-tracker/4/').params.last_successful_run | Should -BeNullOrEmpty
    }

    It 'never stores a last_successful_run that a client sends back' {
        $scenario = New-Scenario 'issuetracker'
        $answer = Invoke-Simulator $scenario 'api/v2/connections/issue-tracker/4/' -Method PATCH -Body @{
            params = @{ issue_tracker_project = 'example/other'; last_successful_run = '2020-01-01T00:00:00.000Z' }
        }
        $answer.Status | Should -Be 200
        $answer.Body.params.last_successful_run | Should -BeNullOrEmpty
        $stored = ((Get-SimulatorStore $scenario).connections | Where-Object id -EQ 4).params
        @($stored.PSObject.Properties.Name) | Should -Be 'issue_tracker_project'
    }

    It 'has no last_successful_run nor fields_editable_on_project in the default mode' {
        $scenario = New-Scenario 'jobdelay=0'
        $null = Invoke-Simulator $scenario 'api/v2/projects/3/jobs/alm/' -Method POST -Body @{ connection = 4 }
        (Get-SimulatorJson $scenario 'api/v2/connections/alm/4/').params.PSObject.Properties.Name | Should -Not -Contain 'last_successful_run'
        $body = @{ fields_editable_on_project = 'ignored here' } + $TracConnector
        $created = Invoke-Simulator $scenario 'api/v2/connectors/alm/' -Method POST -Body $body
        $created.Status | Should -Be 201
        $created.Body.PSObject.Properties.Name | Should -Not -Contain 'fields_editable_on_project'
    }

    It 'carries fields_editable_on_project on connectors: null when seeded, as sent on POST, PATCH and PUT' {
        $scenario = New-Scenario 'issuetracker'
        $seeded = (Get-SimulatorJson $scenario 'api/v2/connectors/issue-tracker/').results
        $seeded.Count | Should -Be 3
        foreach ($connector in $seeded) {
            $connector.PSObject.Properties.Name | Should -Contain 'fields_editable_on_project'
            $connector.fields_editable_on_project | Should -BeNullOrEmpty
        }

        $new = @{
            name = 'Trac current'; system = @{ id = 'trac' }; fields_editable_on_project = @('issue_tracker_project', 'sde_min_priority')
            params = @{ issue_tracker_server = 'trac.test.example'; issue_tracker_user = 'bot'; issue_tracker_pass = 'p@ss-1' }
        }
        $created = Invoke-Simulator $scenario 'api/v2/connectors/issue-tracker/' -Method POST -Body $new
        $created.Status | Should -Be 201
        @($created.Body.fields_editable_on_project) | Should -Be 'issue_tracker_project', 'sde_min_priority'

        $patched = Invoke-Simulator $scenario 'api/v2/connectors/issue-tracker/1/' -Method PATCH -Body @{ fields_editable_on_project = @('issue_tracker_issue_type') }
        @($patched.Body.fields_editable_on_project) | Should -Be 'issue_tracker_issue_type'
        (Invoke-Simulator $scenario 'api/v2/connectors/issue-tracker/1/' -Method PATCH -Body @{ name = 'Jira renamed' }).Body.fields_editable_on_project | Should -Be 'issue_tracker_issue_type'

        $new.fields_editable_on_project = $null
        $put = Invoke-Simulator $scenario "api/v2/connectors/issue-tracker/$($created.Body.id)/" -Method PUT -Body $new
        $put.Status | Should -Be 200
        $put.Body.PSObject.Properties.Name | Should -Contain 'fields_editable_on_project'
        $put.Body.fields_editable_on_project | Should -BeNullOrEmpty
        $stored = (Get-SimulatorStore $scenario).connectors
        @($stored[0].fields_editable_on_project) | Should -Be 'issue_tracker_issue_type'
        $stored[3].fields_editable_on_project | Should -BeNullOrEmpty
    }

    It 'answers 400 for fields_editable_on_project <Case>' -ForEach @(
        @{ Case = 'a text'; Value = 'issue_tracker_project'
            Expected = '{"fields_editable_on_project":["Expected a list of items but got type \"str\"."]}' }
        @{ Case = 'an object'; Value = @{ a = 1 }
            Expected = '{"fields_editable_on_project":["Expected a list of items but got type \"dict\"."]}' }
        @{ Case = 'a list with a number and a null'; Value = @('ok', 1, $null)
            Expected = '{"fields_editable_on_project":{"1":["Not a valid string."],"2":["This field may not be null."]}}' }
    ) {
        $scenario = New-Scenario 'issuetracker'
        $answer = Invoke-Simulator $scenario 'api/v2/connectors/issue-tracker/2/' -Method PATCH -Body @{ fields_editable_on_project = $Value }
        $answer.Status | Should -Be 400
        $answer.Body | ConvertTo-Json -Depth 5 -Compress | Should -Be $Expected
        (Get-SimulatorStore $scenario).connectors[1].fields_editable_on_project | Should -BeNullOrEmpty
    }
}
