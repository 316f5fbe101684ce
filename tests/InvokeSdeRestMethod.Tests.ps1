BeforeAll {
    . $PSScriptRoot/common.ps1

    function Get-Journal {
        # What the simulator saw under a scenario: method, path (after the context root), query, status.
        param([string] $Scenario)
        Invoke-RestMethod -Uri "$($SimulatorUrl)_sim/requests?prefix=$([uri]::EscapeDataString($Scenario))&detail=1"
    }

    function Get-Store {
        param([string] $Scenario)
        Invoke-RestMethod -Uri "$($SimulatorUrl)_sim/store?prefix=$([uri]::EscapeDataString($Scenario))"
    }

    function Invoke-InRunspace {
        # Runs Invoke-SdeRestMethod in a runspace without an interactive host, so that a confirmation
        # prompt shows as a HostFunctionNotImplemented error instead of waiting for a key.
        param([Parameter(Mandatory)] $Connection, [string] $ConfirmPreference = 'High', [hashtable] $Parameters)
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($manifest, $preference, $parameters) $ConfirmPreference = $preference; Import-Module $manifest; Invoke-SdeRestMethod @parameters')
            $null = $ps.AddArgument($ModuleManifest).AddArgument($ConfirmPreference).AddArgument($Parameters + @{ Connection = $Connection })
            $output = $ps.Invoke()
            [pscustomobject]@{ Output = @($output); Errors = @($ps.Streams.Error | ForEach-Object { $_.FullyQualifiedErrorId }) }
        }
        finally {
            $ps.Dispose()
        }
    }

    $script:GithubConnector = @{
        name   = 'Raw GitHub'
        system = @{ id = 'github' }
        params = @{ alm_server = 'api.github.com'; github_repo_owner = 'example'; alm_api_token = 'ghp_raw' }
    }
}

Describe 'Invoke-SdeRestMethod' {
    AfterEach {
        Disconnect-Sde
    }

    Context 'Reading' {
        It 'fails one piped path that the server does not have and still calls the next' {
            $null = Connect-TestSde (New-Scenario)
            $out = 'api/v2/no-such-thing/', 'api/v2/users/me/' | Invoke-SdeRestMethod -ErrorVariable failures -ErrorAction SilentlyContinue
            @($out).Count | Should -Be 1
            @($failures).Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SdeResourceNotFound,*'
            "$($failures[0].TargetObject)" | Should -BeLike '*api/v2/no-such-thing/'
        }

        It 'GETs a path under the context root and builds an object from the JSON' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $me = Invoke-SdeRestMethod api/v2/users/me/
            $me | Should -BeOfType [pscustomobject]
            $me.email | Should -Be 'admin@example.com'
            $me.id | Should -BeOfType [long]
            @($me.psobject.Properties.Name) | Should -Be @('id', 'email', 'first_name', 'last_name', 'username')
            (Get-Journal $scenario).requests[-1].path | Should -Be 'api/v2/users/me/'
        }

        It 'treats a leading / as the server connection''s root, context root kept' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            (Invoke-SdeRestMethod /api/v2/connectors/alm/2/).name | Should -Be 'Trac (on premises)'
            (Get-Journal $scenario).requests[-1].path | Should -Be 'api/v2/connectors/alm/2/'
        }

        It 'accepts an absolute URL on the server connection''s own origin' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            (Invoke-SdeRestMethod "$(Get-ScenarioUrl $scenario)api/v2/jobs/alm/3/").result_message | Should -Be 'Synchronized 17 tasks: 17 up to date.'
        }

        It 'keeps the list as the server sent it: results not unwrapped, arrays as arrays, even of one item' {
            $scenario = New-Scenario 'page=1'
            $null = Connect-TestSde $scenario
            $page = Invoke-SdeRestMethod api/v2/connectors/alm/
            $page.count | Should -Be 3
            $page.next | Should -Match 'page=2'
            , $page.results | Should -BeOfType [object[]]
            $page.results.Count | Should -Be 1
            $page.results[0].system.id | Should -Be 'jira'
        }

        It 'answers as the server sent it, secrets in clear text and nested objects as objects' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $connector = Invoke-SdeRestMethod api/v2/connectors/alm/1/
            $connector.params.alm_pass | Should -Be 'jira-secret-T0ken' -Because 'the raw answer is not masked'
            $connector.system | Should -BeOfType [pscustomobject]
            $connector.inaccessible | Should -BeOfType [bool]
            $job = (Invoke-SdeRestMethod api/v2/connections/alm/1/ -Query @{ include = 'last_job' }).last_job
            $job.id | Should -Be 4
            $job.last_run | Should -Be '2026-11-30T02:00:04.800Z' -Because 'text is not turned into dates'
        }

        It 'URL-encodes -Query keys and values, repeats the key of a list and writes booleans in lower case' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $null = Invoke-SdeRestMethod api/v2/jobs/alm/ -Query ([ordered]@{ connection = 1; succeeded = $false })
            $err = Get-ErrorRecord { Invoke-SdeRestMethod 'api/v2/jobs/alm/?ready=true' -Query ([ordered]@{ 'a b' = 'x&y=z/ü'; user = 1, 2 }) }
            $err.FullyQualifiedErrorId | Should -BeLike 'SdeBadRequest,*'
            $requests = (Get-Journal $scenario).requests
            $requests[-2].query | Should -Be 'connection=1&succeeded=false'
            $requests[-1].query | Should -Be 'ready=true&a%20b=x%26y%3Dz%2F%C3%BC&user=1&user=2'
        }

        It 'filters with -Query as the server does' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $answer = Invoke-SdeRestMethod api/v2/jobs/alm/ -Query @{ connection = 1; succeeded = $false }
            @($answer.results.id) | Should -Be @(4)
        }

        It '-All follows next and writes every page''s results' {
            $scenario = New-Scenario 'page=2'
            $null = Connect-TestSde $scenario
            $jobs = Invoke-SdeRestMethod api/v2/jobs/alm/ -All
            @($jobs.id) | Should -Be @(1, 2, 3, 4, 5, 6, 7)
            $requests = @((Get-Journal $scenario).requests | Where-Object path -EQ 'api/v2/jobs/alm/')
            $requests.Count | Should -Be 4
            $requests[3].query | Should -Be 'page=4'
        }

        It '-All keeps the filters of -Query on every page' {
            $scenario = New-Scenario 'page=1'
            $null = Connect-TestSde $scenario
            @((Invoke-SdeRestMethod api/v2/jobs/alm/ -All -Query @{ succeeded = 'false' }).id) | Should -Be @(2, 4, 6, 7)
        }

        It '-All refuses an answer that is not a list' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $err = Get-ErrorRecord { Invoke-SdeRestMethod api/v2/users/me/ -All }
            $err.FullyQualifiedErrorId | Should -BeLike 'SdeInvalidJson,*'
            $err.Exception.Message | Should -Match 'without -All'
        }

        It 'does not follow next without -All' {
            $scenario = New-Scenario 'page=2'
            $null = Connect-TestSde $scenario
            @((Invoke-SdeRestMethod api/v2/jobs/alm/).results.id) | Should -Be @(1, 2)
            @((Get-Journal $scenario).requests | Where-Object path -EQ 'api/v2/jobs/alm/').Count | Should -Be 1
        }

        It 'maps errors like every cmdlet: 404 is <Id>' -ForEach @(
            @{ Path = 'api/v2/connectors/alm/99/'; Id = 'SdeResourceNotFound'; Category = 'ObjectNotFound' }
            @{ Path = 'api/v2/nothing/here/'; Id = 'SdeResourceNotFound'; Category = 'ObjectNotFound' }
        ) {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $err = Get-ErrorRecord { Invoke-SdeRestMethod $Path }
            $err.FullyQualifiedErrorId | Should -Be "$Id,SdeAlm.Commands.InvokeSdeRestMethodCommand"
            $err.CategoryInfo.Category | Should -Be $Category
            $err.Exception.Message | Should -Match 'Not found'
        }

        It 'retries a GET after 503 like any read' {
            $scenario = New-Scenario 'fail=1'
            $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true; RetryIntervalSec = 0 }
            (Invoke-SdeRestMethod api/v2/users/me/ -Connection $connection).username | Should -Be 'admin'
            (Get-Journal $scenario).count | Should -Be 2
        }
    }

    Context 'Refusals before any request' {
        It 'refuses <Case> and sends nothing' -ForEach @(
            @{ Case = 'another host'; Url = { 'http://example.com/api/v2/users/me/' } }
            @{ Case = 'another port'; Url = { $SimulatorUrl -replace ':(\d+)/', ":$(Get-FreeTcpPort)/" } }
            @{ Case = 'another scheme'; Url = { $SimulatorUrl -replace '^http:', 'https:' } }
            @{ Case = 'a scheme that is not http'; Url = { 'file:///etc/passwd' } }
            @{ Case = 'a backslash path'; Url = { '\\example.com\share' } }
        ) {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $before = (Get-Journal $scenario).count
            $err = Get-ErrorRecord { Invoke-SdeRestMethod (& $Url) }
            $err.FullyQualifiedErrorId | Should -BeLike 'SdeRestUrlRefused,*'
            $err.CategoryInfo.Category | Should -Be 'SecurityError'
            $err.Exception.Message | Should -Match 'calls only paths under'
            (Get-Journal $scenario).count | Should -Be $before
        }

        It 'refuses <Case> and sends nothing' -ForEach @(
            @{ Case = '-Body with GET'; Parameters = @{ Body = @{ a = 1 } }; Id = 'SdeRestArgumentInvalid' }
            @{ Case = '-All with POST'; Parameters = @{ Method = 'POST'; All = $true }; Id = 'SdeRestArgumentInvalid' }
            @{ Case = 'a PSCredential in -Body'; Parameters = @{ Method = 'POST'; Body = @{ c = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force)) } }; Id = 'SdeRestArgumentInvalid' }
            @{ Case = 'a SecureString in -Query'; Parameters = @{ Query = @{ token = (ConvertTo-SecureString 'p' -AsPlainText -Force) } }; Id = 'SdeRestArgumentInvalid' }
        ) {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $before = (Get-Journal $scenario).count
            $err = Get-ErrorRecord { Invoke-SdeRestMethod api/v2/connectors/alm/ @Parameters }
            $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            (Get-Journal $scenario).count | Should -Be $before
        }

        It 'refuses a -Body that refers to itself' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $loop = @{ name = 'loop' }
            $loop.self = $loop
            $err = Get-ErrorRecord { Invoke-SdeRestMethod api/v2/connectors/alm/ -Method POST -Body $loop }
            $err.FullyQualifiedErrorId | Should -BeLike 'SdeRestArgumentInvalid,*'
            $err.Exception.Message | Should -Match 'nested more than 64 levels deep at \$\.self\.self'
            (Get-Journal $scenario).methods.POST | Should -BeNullOrEmpty
        }
    }

    Context 'Writing' {
        It 'POSTs a nested hashtable as JSON, every level of it' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $body = $GithubConnector.Clone()
            $body.params = $GithubConnector.params + @{ nested = @{ l1 = @{ l2 = @{ l3 = @{ l4 = @(1, @{ l6 = 'deep' }, @()) } } } } }
            $created = Invoke-SdeRestMethod api/v2/connectors/alm/ -Method POST -Body $body
            $created.id | Should -Be 4
            $stored = (Get-Store $scenario).connectors | Where-Object id -EQ 4
            $stored.params.nested | ConvertTo-Json -Depth 10 -Compress | Should -Be '{"l1":{"l2":{"l3":{"l4":[1,{"l6":"deep"},[]]}}}}'
            $stored.params.alm_api_token | Should -Be 'ghp_raw'
        }

        It 'sends a PSCustomObject body, and a SecureString in it as its text' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $body = [pscustomobject]@{
                name   = 'From an object'
                system = [pscustomobject]@{ id = 'github' }
                params = [ordered]@{ alm_server = 'api.github.com'; github_repo_owner = 'example'; alm_api_token = (ConvertTo-SecureString 'ghp_secure' -AsPlainText -Force) }
            }
            $null = Invoke-SdeRestMethod api/v2/connectors/alm/ -Method POST -Body $body
            $stored = (Get-Store $scenario).connectors | Where-Object name -EQ 'From an object'
            $stored.params.alm_api_token | Should -Be 'ghp_secure'
        }

        It 'sends a string body as it is' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $json = '{"name": "From text", "system": {"id": "github"}, "params": {"alm_server": "api.github.com", "github_repo_owner": "o", "alm_api_token": "t"}}'
            (Invoke-SdeRestMethod api/v2/connectors/alm/ -Method POST -Body $json).name | Should -Be 'From text'
            $err = Get-ErrorRecord { Invoke-SdeRestMethod api/v2/connectors/alm/ -Method POST -Body '{"name": ' }
            $err.FullyQualifiedErrorId | Should -BeLike 'SdeBadRequest,*'
            $err.Exception.Message | Should -Match 'JSON parse error'
        }

        It 'PATCHes and PUTs, answering the changed resource' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            (Invoke-SdeRestMethod api/v2/connectors/alm/3/ -Method Patch -Body @{ name = 'Patched' }).name | Should -Be 'Patched'
            $replacement = $GithubConnector.Clone()
            $replacement.name = 'Put'
            $put = Invoke-SdeRestMethod api/v2/connectors/alm/3/ -Method PUT -Body $replacement
            $put.name | Should -Be 'Put'
            $stored = (Get-Store $scenario).connectors | Where-Object id -EQ 3
            $stored.name | Should -Be 'Put'
            $stored.params.alm_api_token | Should -Be 'ghp_raw'
            @((Get-Journal $scenario).requests.method) | Should -Be @('GET', 'PATCH', 'PUT')
        }

        It 'DELETE answered 204 writes nothing' {
            # Connection 4 has no jobs, and the simulator refuses to delete a connector in use.
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $output = @(Invoke-SdeRestMethod api/v2/connections/alm/4/ -Method DELETE -Confirm:$false)
            $output.Count | Should -Be 0
            (Get-Journal $scenario).requests[-1].status | Should -Be 204
            @((Get-Store $scenario).connections.id) | Should -Be @(1, 2, 3)
        }

        It 'maps a 400 to SdeBadRequest with the server''s field messages' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $err = Get-ErrorRecord { Invoke-SdeRestMethod api/v2/connectors/alm/ -Method POST -Body @{ name = 'x' } }
            $err.FullyQualifiedErrorId | Should -BeLike 'SdeBadRequest,*'
            $err.Exception.Message | Should -Match 'system: This field is required'
        }

        It '-WhatIf of a <Method> sends nothing and writes nothing' -ForEach @(
            @{ Method = 'POST' }, @{ Method = 'PATCH' }, @{ Method = 'PUT' }, @{ Method = 'DELETE' }
        ) {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario
            $output = @(Invoke-SdeRestMethod api/v2/connectors/alm/3/ -Method $Method -Body $GithubConnector -WhatIf)
            $output.Count | Should -Be 0
            $journal = Get-Journal $scenario
            @($journal.requests.method) | Should -Be @('GET')
        }

        It 'asks before <Method> with $ConfirmPreference <Preference>: <Asks>' -ForEach @(
            @{ Method = 'DELETE'; Preference = 'High'; Asks = $true }
            @{ Method = 'POST'; Preference = 'High'; Asks = $false }
            @{ Method = 'PATCH'; Preference = 'Medium'; Asks = $true }
            @{ Method = 'DELETE'; Preference = 'None'; Asks = $false }
        ) {
            $scenario = New-Scenario
            $connection = Connect-TestSde $scenario
            $parameters = @{ Path = 'api/v2/connectors/alm/3/'; Method = $Method }
            if ($Method -eq 'POST') { $parameters = @{ Path = 'api/v2/connectors/alm/'; Method = 'POST'; Body = $GithubConnector } }
            if ($Method -eq 'PATCH') { $parameters.Body = @{ name = 'Asked' } }
            # Connector 3 is in use, which the simulator refuses to delete (400); connection 4 is not.
            if ($Method -eq 'DELETE') { $parameters.Path = 'api/v2/connections/alm/4/' }
            $result = Invoke-InRunspace -Connection $connection -ConfirmPreference $Preference -Parameters $parameters
            $written = @((Get-Journal $scenario).requests | Where-Object method -EQ $Method)
            if ($Asks) {
                $result.Errors | Should -Be @('HostFunctionNotImplemented,SdeAlm.Commands.InvokeSdeRestMethodCommand')
                $written.Count | Should -Be 0
            }
            else {
                $result.Errors | Should -BeNullOrEmpty
                $written.Count | Should -Be 1
            }
        }

        It '-Confirm asks before a POST, -Confirm:$false never asks before a DELETE' {
            $scenario = New-Scenario
            $connection = Connect-TestSde $scenario
            (Invoke-InRunspace -Connection $connection -Parameters @{ Path = 'api/v2/connectors/alm/'; Method = 'POST'; Body = $GithubConnector; Confirm = $true }).Errors |
                Should -Be @('HostFunctionNotImplemented,SdeAlm.Commands.InvokeSdeRestMethodCommand')
            (Invoke-InRunspace -Connection $connection -Parameters @{ Path = 'api/v2/connections/alm/4/'; Method = 'DELETE'; Confirm = $false }).Errors |
                Should -BeNullOrEmpty
            @((Get-Journal $scenario).requests.method) | Should -Be @('GET', 'DELETE')
        }

        It 'retries a write after <Status> the server sent before acting' -ForEach @(
            @{ Status = 429 }, @{ Status = 503 }
        ) {
            $scenario = New-Scenario "writethrottle=$Status", 'retryafter=0'
            $null = Connect-TestSde $scenario -Parameters @{ RetryIntervalSec = 0 }
            (Invoke-SdeRestMethod api/v2/connectors/alm/ -Method POST -Body $GithubConnector).name | Should -Be 'Raw GitHub'
            @((Get-Journal $scenario).requests | Where-Object method -EQ 'POST').status | Should -Be @($Status, 201)
        }

        It 'never retries a write the server may have made (502)' {
            $scenario = New-Scenario 'writefail=502'
            $null = Connect-TestSde $scenario -Parameters @{ RetryIntervalSec = 0 }
            $err = Get-ErrorRecord { Invoke-SdeRestMethod api/v2/connectors/alm/ -Method POST -Body $GithubConnector }
            $err.FullyQualifiedErrorId | Should -BeLike 'SdeWriteOutcomeUnknown,*'
            $err.Exception.Message | Should -Match 'Read api/v2/connectors/alm/ with Invoke-SdeRestMethod'
            @((Get-Journal $scenario).requests | Where-Object method -EQ 'POST').Count | Should -Be 1
            @((Get-Store $scenario).connectors.name) | Should -Contain 'Raw GitHub'
        }
    }

    Context 'Help' {
        It 'says that the answer is raw and secrets are not masked' {
            $help = Get-Help Invoke-SdeRestMethod -Full | Out-String -Width 200
            $help | Should -Match 'does not mask'
        }
    }
}
