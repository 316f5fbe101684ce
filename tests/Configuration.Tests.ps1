# Configuration as code against the simulator: Export-, Compare-, Set- and Test-SdeAlmConfiguration,
# proved from what the simulator stored and from its request journal (which requests, in which order).

BeforeAll {
    . $PSScriptRoot/common.ps1
    # Global: Get-Secret must be found by command discovery wherever SdeAlm runs it, as the real one is.
    Import-Module (Join-Path $PSScriptRoot 'Modules/SecretManagementStandIn/SecretManagementStandIn.psm1') -Global -Force

    $script:SchemaFile = Join-Path (Split-Path $script:ModuleManifest) 'SdeAlm.Configuration.schema.json'
    $script:SeededSecrets = 'jira-secret-T0ken', 'trac-pa55word', 'ghp_simulatorToken0123456789'
    $script:Rotated = 'r0tated-Jira-t0ken-77'
    # The names Export- gives the seeded secrets, and their values: the environment of a CI job.
    $script:SecretVariables = [ordered]@{
        SDE_GITHUB_ALM_API_TOKEN                    = 'ghp_simulatorToken0123456789'
        SDE_JIRA_CLOUD_ALM_PASS                     = 'jira-secret-T0ken'
        SDE_TRAC_ON_PREMISES_ALM_PASS               = 'trac-pa55word'
        SDE_GITHUB_ISSUE_TRACKER_API_TOKEN          = 'ghp_simulatorToken0123456789'
        SDE_JIRA_CLOUD_ISSUE_TRACKER_PASS           = 'jira-secret-T0ken'
        SDE_TRAC_ON_PREMISES_ISSUE_TRACKER_PASS     = 'trac-pa55word'
    }

    function Set-SecretVariable {
        # The seeded secrets in the environment, as Export- names them; -Jira gives the Jira one another value.
        param([string] $Jira)
        foreach ($name in $script:SecretVariables.Keys) { Set-Item "env:$name" $script:SecretVariables[$name] }
        if ($Jira) { $env:SDE_JIRA_CLOUD_ALM_PASS = $Jira; $env:SDE_JIRA_CLOUD_ISSUE_TRACKER_PASS = $Jira }
    }

    function Clear-SecretVariable {
        foreach ($name in $script:SecretVariables.Keys) { Remove-Item "env:$name" -ErrorAction Ignore }
    }

    function Get-Journal {
        param([string] $Scenario)
        @((Invoke-RestMethod -Uri "$($script:SimulatorUrl)_sim/requests?prefix=$([uri]::EscapeDataString($Scenario))&detail=1").requests)
    }

    function Get-RequestLine {
        # The journal as 'METHOD path?query', optionally only the requests from index $From on.
        param([string] $Scenario, [int] $From = 0)
        @(Get-Journal $Scenario | Select-FromIndex $From | ForEach-Object { '{0} {1}{2}' -f $_.method, $_.path, $(if ($_.query) { '?' + $_.query }) })
    }

    function Get-WriteLine {
        param([string] $Scenario, [int] $From = 0)
        @(Get-RequestLine $Scenario -From $From | Where-Object { $_ -notlike 'GET *' })
    }

    function Get-Store {
        param([string] $Scenario)
        Invoke-RestMethod -Uri "$($script:SimulatorUrl)_sim/store?prefix=$([uri]::EscapeDataString($Scenario))"
    }

    function Invoke-Raw {
        # A request by hand, behind the module's back (what an administrator does in the web UI).
        param([string] $Scenario, [string] $Path, [string] $Method = 'GET', $Body)
        $parameters = @{ Uri = "$(Get-ScenarioUrl $Scenario)$Path"; Method = $Method; Headers = @{ Authorization = "Token $script:SimulatorToken" } }
        if ($null -ne $Body) { $parameters.Body = ConvertTo-Json $Body -Depth 10; $parameters.ContentType = 'application/json' }
        Invoke-RestMethod @parameters
    }

    function New-TestServer {
        # A fresh store under its own context root, and a server connection to it that made no request yet.
        param([string[]] $Option = @())
        $scenario = New-Scenario $Option
        [pscustomobject]@{ Scenario = $scenario; Connection = (Connect-TestSde $scenario -Parameters @{ SkipValidation = $true; NotCurrent = $true }) }
    }

    function Get-HostText {
        # What a command shows on the host (-WhatIf text, warnings, verbose, errors) as a transcript records it.
        param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
        $path = Join-Path $TestDrive "transcript-$([guid]::NewGuid().ToString('n')).txt"
        $null = Start-Transcript -Path $path
        try { & $ScriptBlock | Out-Host }
        finally { $null = Stop-Transcript }
        Get-Content -Path $path -Raw
    }

    function Export-TestDocument {
        # Exports a server into a file of the test drive and returns the path.
        param($Server, [hashtable] $Parameters = @{})
        $path = Join-Path $TestDrive "export-$([guid]::NewGuid().ToString('n')).json"
        Export-SdeAlmConfiguration -Path $path -Connection $Server.Connection -WarningAction SilentlyContinue @Parameters
        $path
    }

    function Write-TestDocument {
        # A document object written as JSON into the test drive; returns the path.
        param($Document)
        $path = Join-Path $TestDrive "document-$([guid]::NewGuid().ToString('n')).json"
        ConvertTo-Json -InputObject $Document -Depth 10 | Set-Content -Path $path -Encoding utf8NoBOM
        $path
    }

    function Read-TestDocument {
        param([string] $Path)
        Get-Content -Raw -Path $Path | ConvertFrom-Json -AsHashtable
    }

    function Test-Schema {
        # Test-Json -SchemaFile's verdict on a document given as text.
        param([string] $Json)
        Test-Json -Json $Json -SchemaFile $script:SchemaFile -ErrorAction SilentlyContinue
    }

    function Get-PlanText {
        # The plan of a document as 'Action Kind Name: change; change', one line per entry.
        param([object[]] $Plan)
        @($Plan | ForEach-Object { "$($_.Action) $($_.Kind) $($_.Name)" + $(if ($_.Changes.Count) { ': ' + (@($_.Changes | ForEach-Object ToString) -join '; ') }) })
    }

    function New-EditedDocument {
        # The seeded server's export, edited as a pull request would: a connector setting changed, a new
        # connector with a new ALM connection through it, and an ALM connection's frequency changed.
        param([string] $Path)
        $document = Read-TestDocument $Path
        $jira = $document.connectors | Where-Object name -EQ 'Jira Cloud'
        $jira.settings.alm_server = 'jira2.example.com'
        $document.connectors += [ordered]@{ name = 'Jira Staging'; plugin = 'jira'; settings = [ordered]@{ alm_server = 'stg.example.com'; alm_user = 'stg-bot'; alm_pass = @{ env = 'SDE_JIRA_CLOUD_ALM_PASS' } } }
        $document.connections += [ordered]@{ project = 42; alias = 'Staging JIRA'; connector = 'Jira Staging'; frequency = 'daily'; settings = [ordered]@{ alm_project = 'STG' } }
        ($document.connections | Where-Object alias -EQ 'Website GitHub').frequency = 'daily'
        $document
    }
}

AfterAll {
    Clear-SecretVariable
    Remove-Module SecretManagementStandIn -ErrorAction Ignore
}

Describe 'Export-SdeAlmConfiguration' {
    AfterEach { Clear-SecretVariable }

    It 'writes every connector and ALM connection of a current server: catalog fields in catalog order, secrets as references, valid for Test-Json -SchemaFile' {
        $server = New-TestServer 'issuetracker'
        $path = Join-Path $TestDrive 'current.json'
        Export-SdeAlmConfiguration $path -Connection $server.Connection -WarningVariable warnings -WarningAction SilentlyContinue
        $text = Get-Content -Raw $path
        $document = $text | ConvertFrom-Json -AsHashtable

        Test-Schema $text | Should -BeTrue
        @($document.connectors.name) | Should -Be @('GitHub', 'Jira Cloud', 'Trac (on premises)')
        @($document.connections | ForEach-Object { "$($_.project) $($_.alias) -> $($_.connector) ($($_.frequency))" }) |
            Should -Be @('1 Payments JIRA -> Jira Cloud (daily)', '2 Legacy Trac -> Trac (on premises) (manually)', '2 Mobile JIRA -> Jira Cloud (weekly)', '3 Website GitHub -> GitHub (hourly)')
        $jira = $document.connectors[1]
        $jira.plugin | Should -Be 'jira'
        $jira.inaccessible | Should -BeFalse
        $jira.Contains('fieldsEditableOnProject') | Should -BeTrue
        $jira.fieldsEditableOnProject | Should -BeNullOrEmpty
        Get-RequestLine $server.Scenario | Should -Be @('GET api/v2/plugins/alm/', 'GET api/v2/connectors/alm/', 'GET api/v2/connectors/issue-tracker/', 'GET api/v2/connections/issue-tracker/')
        $catalogOrder = @(Get-SdeAlmPluginField jira -Connection $server.Connection | ForEach-Object Name)
        @($jira.settings.Keys) | Should -Be @($catalogOrder | Where-Object { $_ -in $jira.settings.Keys })
        @($jira.settings.Keys).Count | Should -Be 17
        $jira.settings.issue_tracker_pass.env | Should -Be 'SDE_JIRA_CLOUD_ISSUE_TRACKER_PASS'
        $document.connectors[0].settings.issue_tracker_api_token.env | Should -Be 'SDE_GITHUB_ISSUE_TRACKER_API_TOKEN'
        $text | Should -Not -Match 'last_successful_run' -Because 'it is no catalog field'
        foreach ($secret in $SeededSecrets) { $text | Should -Not -Match ([regex]::Escape($secret)) }
        "$warnings" | Should -Match ([regex]::Escape("env:SDE_JIRA_CLOUD_ISSUE_TRACKER_PASS (connectors[1] 'Jira Cloud': issue_tracker_pass)"))
    }

    It 'writes the same bytes twice from an unchanged server: UTF-8 without BOM, two-space indent, line feeds' {
        $server = New-TestServer
        $first = Export-TestDocument $server
        $second = Export-TestDocument $server
        $bytes = [IO.File]::ReadAllBytes($first)
        $bytes | Should -Be ([IO.File]::ReadAllBytes($second))
        $bytes[0] | Should -Not -Be 0xEF
        $bytes | Should -Not -Contain 13
        $bytes[-1] | Should -Be 10
        $lines = [Text.Encoding]::UTF8.GetString($bytes) -split "`n"
        $lines[1] | Should -BeLike '  "$schema": "https://*SdeAlm.Configuration.schema.json",'
        $lines[2] | Should -Be '  "connectors": ['
        $lines[3] | Should -Be '    {'
    }

    It 'limits the connections with -ProjectId (the server filters) and the connectors with -ConnectorName' {
        $server = New-TestServer
        $byProject = Read-TestDocument (Export-TestDocument $server @{ ProjectId = 2 })
        @($byProject.connectors.name) | Should -Be @('GitHub', 'Jira Cloud', 'Trac (on premises)')
        @($byProject.connections.alias) | Should -Be @('Legacy Trac', 'Mobile JIRA')
        Get-RequestLine $server.Scenario | Should -Contain 'GET api/v2/connections/alm/?project=2'

        $byName = Read-TestDocument (Export-TestDocument $server @{ ConnectorName = 'jira*' })
        @($byName.connectors.name) | Should -Be @('Jira Cloud')
        @($byName.connections.alias) | Should -Be @('Payments JIRA', 'Mobile JIRA')
    }

    It 'writes vault references with -SecretVault, and a literal -ConnectorName that names nothing is an error of its own' {
        $server = New-TestServer
        $path = Join-Path $TestDrive 'vault.json'
        Export-SdeAlmConfiguration $path -ConnectorName 'GitHub', 'Nothing Like It' -SecretVault Ops -Connection $server.Connection -ErrorVariable problems -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SdeAlmConnectorNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be 'Nothing Like It'
        $document = Read-TestDocument $path
        $document.connectors[0].settings.alm_api_token.secret | Should -Be 'SDE_GITHUB_ALM_API_TOKEN'
        $document.connectors[0].settings.alm_api_token.vault | Should -Be 'Ops'
        Test-Schema (Get-Content -Raw $path) | Should -BeTrue
    }

    It 'leaves an existing file alone with -NoClobber' {
        $server = New-TestServer
        $path = Join-Path $TestDrive 'kept.json'
        Set-Content -Path $path -Value 'keep me'
        $record = Get-ErrorRecord { Export-SdeAlmConfiguration $path -NoClobber -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmConfigurationFileExists,*'
        $record.CategoryInfo.Category | Should -Be 'ResourceExists'
        (Get-Content -Raw $path).Trim() | Should -Be 'keep me'
    }

    It 'refuses a connector name that two connectors share, naming their ids, and writes nothing' {
        $server = New-TestServer
        $null = Invoke-Raw $server.Scenario 'api/v2/connectors/alm/' POST @{ name = 'jira cloud'; system = @{ id = 'trac' }; params = @{ alm_server = 't'; alm_user = 'u'; alm_pass = 'p' } }
        $path = Join-Path $TestDrive 'shared.json'
        $record = Get-ErrorRecord { Export-SdeAlmConfiguration $path -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmNameNotUnique,*'
        $record.CategoryInfo.Category | Should -Be 'InvalidData'
        $record.Exception.Message | Should -Match "connectors 1 'Jira Cloud' and 4 'jira cloud' share a name"
        $path | Should -Not -Exist
    }
}

Describe 'The schema (SdeAlm.Configuration.schema.json)' {
    BeforeAll {
        $script:Valid = '{ "connectors": [ { "name": "Jira", "plugin": "jira", "settings": { "alm_pass": { "env": "P" }, "alm_token": { "secret": "T", "vault": "V" } } } ], "connections": [ { "project": 1, "alias": "A", "connector": "Jira", "frequency": "daily" } ] }'
    }

    It 'ships in the module and accepts a hand-written document' {
        $script:SchemaFile | Should -Exist
        (Get-Content -Raw $script:SchemaFile | ConvertFrom-Json).'$schema' | Should -Be 'https://json-schema.org/draft/2020-12/schema'
        Test-Schema $Valid | Should -BeTrue
    }

    It 'rejects <Case>, and so does Compare-SdeAlmConfiguration' -ForEach @(
        @{ Case = 'a connector without name'; Json = '{ "connectors": [ { "plugin": "jira" } ] }'; Problem = '"name" is missing' }
        @{ Case = 'a connector without plugin'; Json = '{ "connectors": [ { "name": "Jira" } ] }'; Problem = '"plugin" is missing' }
        @{ Case = 'a connection without project'; Json = '{ "connections": [ { "alias": "A", "connector": "Jira" } ] }'; Problem = '"project" is missing' }
        @{ Case = 'a connection without alias'; Json = '{ "connections": [ { "project": 1, "connector": "Jira" } ] }'; Problem = '"alias" is missing' }
        @{ Case = 'a connection without connector'; Json = '{ "connections": [ { "project": 1, "alias": "A" } ] }'; Problem = '"connector" is missing' }
        @{ Case = 'an env reference with a vault'; Json = '{ "connectors": [ { "name": "J", "plugin": "jira", "settings": { "alm_pass": { "env": "P", "vault": "V" } } } ] }'; Problem = 'give one of the two forms' }
        @{ Case = 'a secret reference that is no name'; Json = '{ "connectors": [ { "name": "J", "plugin": "jira", "settings": { "alm_pass": { "secret": 5 } } } ] }'; Problem = '"secret" must be a name' }
        @{ Case = 'a secret reference with more in it'; Json = '{ "connectors": [ { "name": "J", "plugin": "jira", "settings": { "alm_pass": { "secret": "S", "value": "x" } } } ] }'; Problem = 'which a secret reference does not take' }
        @{ Case = 'an empty env name'; Json = '{ "connectors": [ { "name": "J", "plugin": "jira", "settings": { "alm_pass": { "env": "" } } } ] }'; Problem = '"env" must be a name' }
        @{ Case = 'a property that does not exist'; Json = '{ "connectors": [ { "name": "J", "plugin": "jira", "setings": {} } ] }'; Problem = 'Did you mean "settings"' }
        @{ Case = 'a frequency that does not exist'; Json = '{ "connections": [ { "project": 1, "alias": "A", "connector": "J", "frequency": "yearly" } ] }'; Problem = '"frequency" must be one of' }
    ) {
        Test-Schema $Json | Should -BeFalse
        $path = Join-Path $TestDrive 'wrong.json'
        Set-Content -Path $path -Value $Json
        $server = New-TestServer
        $record = Get-ErrorRecord { Compare-SdeAlmConfiguration $path -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmConfigurationInvalid,*'
        $record.Exception.Message | Should -Match ([regex]::Escape($Problem))
    }
}

Describe 'Compare-, Test- and Set-SdeAlmConfiguration' {
    AfterEach { Clear-SecretVariable; Clear-StandInSecret }

    It 'finds an exported server in sync (Test- is $true), then plans exactly the edits, in the order Set- applies them, in at most 4 reads and no write' {
        $server = New-TestServer
        Set-SecretVariable
        $path = Export-TestDocument $server
        $exportRequests = @(Get-Journal $server.Scenario).Count
        Test-SdeAlmConfiguration $path -Connection $server.Connection | Should -BeTrue

        Set-SecretVariable -Jira $Rotated
        $plan = @(Compare-SdeAlmConfiguration -Configuration (New-EditedDocument $path) -Connection $server.Connection)

        Get-PlanText $plan | Should -Be @(
            "Create Connector Jira Staging: name = 'Jira Staging'; plugin = 'jira'; inaccessible = `$false; alm_server = 'stg.example.com'; alm_user = 'stg-bot'; alm_pass = (secret)"
            "Update Connector Jira Cloud: alm_server: 'jira.example.com' -> 'jira2.example.com'; alm_pass: (secret) changed"
            'NoOp Connector GitHub'
            'NoOp Connector Trac (on premises)'
            "Create Connection Staging JIRA: alias = 'Staging JIRA'; connector = 'Jira Staging'; project = 42; frequency = 'daily'; alm_project = 'STG'"
            "Update Connection Website GitHub: frequency: 'hourly' -> 'daily'"
            'NoOp Connection Payments JIRA'
            'NoOp Connection Legacy Trac'
            'NoOp Connection Mobile JIRA'
        )
        $jira = $plan[1]
        $jira | Should -BeOfType SdeAlm.Model.AlmPlanEntry
        ($jira.Id, $jira.ProjectId, $jira.Server) | Should -Be @(1, $null, $server.Connection.Server)
        $jira.Changes[0].Field | Should -Be 'alm_server'
        ($jira.Changes[0].Before, $jira.Changes[0].After, $jira.Changes[0].IsSecret) | Should -Be @('jira.example.com', 'jira2.example.com', $false)
        ($jira.Changes[1].Before, $jira.Changes[1].After, $jira.Changes[1].IsSecret) | Should -Be @('(secret)', '(secret)', $true)
        ($plan[0].Changes | Where-Object Field -EQ 'alm_pass').Before | Should -BeNullOrEmpty
        $plan[4].ProjectId | Should -Be 42
        $plan[4].Id | Should -BeNullOrEmpty

        $reads = @(Get-RequestLine $server.Scenario -From $exportRequests)
        $reads | Should -Be (@('GET api/v2/plugins/alm/', 'GET api/v2/connectors/alm/', 'GET api/v2/connections/alm/') * 2)
        Test-SdeAlmConfiguration -Configuration (New-EditedDocument $path) -Connection $server.Connection | Should -BeFalse
        @(Get-RequestLine $server.Scenario -From $exportRequests).Count | Should -Be 9
        Get-WriteLine $server.Scenario | Should -BeNullOrEmpty
    }

    It 'reads at most 4 times on a current server (the issue-tracker paths found by one 404)' {
        $server = New-TestServer 'issuetracker'
        $path = Export-TestDocument $server
        $before = @(Get-Journal $server.Scenario).Count
        # A server connection of its own, which has not learnt the server's paths yet.
        $fresh = Connect-TestSde $server.Scenario -Parameters @{ SkipValidation = $true; NotCurrent = $true }
        $null = Compare-SdeAlmConfiguration $path -Connection $fresh -WarningAction SilentlyContinue
        @(Get-RequestLine $server.Scenario -From $before) | Should -Be @('GET api/v2/plugins/alm/', 'GET api/v2/connectors/alm/', 'GET api/v2/connectors/issue-tracker/', 'GET api/v2/connections/issue-tracker/')
    }

    It 'applies connectors before connections, creates before updates, and a second Set- sends no write' {
        $server = New-TestServer
        Set-SecretVariable
        $path = Export-TestDocument $server
        Set-SecretVariable -Jira $Rotated
        $edited = Write-TestDocument (New-EditedDocument $path)
        $before = @(Get-Journal $server.Scenario).Count

        $applied = @(Set-SdeAlmConfiguration $edited -Connection $server.Connection -Confirm:$false)

        Get-WriteLine $server.Scenario -From $before | Should -Be @('POST api/v2/connectors/alm/', 'PATCH api/v2/connectors/alm/1/', 'POST api/v2/connections/alm/', 'PATCH api/v2/connections/alm/4/')
        @($applied | ForEach-Object { "$($_.Action) $($_.Kind) $($_.Id) $($_.Name)" }) | Should -Be @('Create Connector 4 Jira Staging', 'Update Connector 1 Jira Cloud', 'Create Connection 5 Staging JIRA', 'Update Connection 4 Website GitHub')
        $store = Get-Store $server.Scenario
        $staging = $store.connectors | Where-Object name -EQ 'Jira Staging'
        $staging.params.alm_pass | Should -Be $Rotated -Because 'it refers to the same environment variable'
        ($store.connectors | Where-Object id -EQ 1).params.alm_pass | Should -Be $Rotated
        ($store.connectors | Where-Object id -EQ 1).params.alm_server | Should -Be 'jira2.example.com'
        ($store.connectors | Where-Object id -EQ 1).params.alm_issue_type | Should -Be 'Bug' -Because 'the whole merged params are sent'
        $new = $store.connections | Where-Object alias -EQ 'Staging JIRA'
        ($new.connector, $new.project, $new.frequency, $new.params.alm_project) | Should -Be @($staging.id, 42, 'daily', 'STG')

        $again = @(Get-Journal $server.Scenario).Count
        @(Set-SdeAlmConfiguration $edited -Connection $server.Connection) | Should -BeNullOrEmpty
        Get-RequestLine $server.Scenario -From $again | Should -Be @('GET api/v2/plugins/alm/', 'GET api/v2/connectors/alm/', 'GET api/v2/connections/alm/')
        Test-SdeAlmConfiguration $edited -Connection $server.Connection | Should -BeTrue
    }

    It 'shows the plan field by field under -WhatIf, secrets only as (secret) changed, and sends nothing' {
        $server = New-TestServer
        Set-SecretVariable
        $path = Export-TestDocument $server
        Set-SecretVariable -Jira $Rotated
        $edited = Write-TestDocument (New-EditedDocument $path)
        $text = Get-HostText { Set-SdeAlmConfiguration $edited -Connection $server.Connection -WhatIf }
        $text | Should -Match ([regex]::Escape("What if: Create ALM connector 'Jira Staging' for plugin 'jira' on $($server.Connection.Server):"))
        $text | Should -Match "\s+alm_pass = \(secret\)"
        $text | Should -Match ([regex]::Escape("What if: Update ALM connector 1 'Jira Cloud' on $($server.Connection.Server):"))
        $text | Should -Match "\s+alm_server: 'jira\.example\.com' -> 'jira2\.example\.com'"
        $text | Should -Match '\s+alm_pass: \(secret\) changed'
        $text | Should -Match ([regex]::Escape("What if: Create ALM connection 'Staging JIRA' of project 42 through connector 'Jira Staging' (created first) on"))
        $text | Should -Match "\s+frequency: 'hourly' -> 'daily'"
        foreach ($secret in @($SeededSecrets) + $Rotated) { $text | Should -Not -Match ([regex]::Escape($secret)) }
        Get-WriteLine $server.Scenario | Should -BeNullOrEmpty
    }

    It 'applies exactly the reviewed entries piped from Compare-' {
        $server = New-TestServer
        Set-SecretVariable
        $path = Export-TestDocument $server
        $plan = @(Compare-SdeAlmConfiguration -Configuration (New-EditedDocument $path) -Connection $server.Connection)
        $before = @(Get-Journal $server.Scenario).Count
        $applied = @($plan | Where-Object { $_.Kind -eq 'Connection' -and $_.Action -eq 'Update' } | Set-SdeAlmConfiguration)
        @($applied.Name) | Should -Be @('Website GitHub')
        Get-RequestLine $server.Scenario -From $before | Should -Be @('GET api/v2/plugins/alm/', 'GET api/v2/connectors/alm/', 'GET api/v2/connections/alm/', 'PATCH api/v2/connections/alm/4/')
        @((Get-Store $server.Scenario).connectors).Count | Should -Be 3
    }

    It 'refuses a reviewed plan when the server changed since, and applies nothing' {
        $server = New-TestServer
        Set-SecretVariable
        $path = Export-TestDocument $server
        $plan = @(Compare-SdeAlmConfiguration -Configuration (New-EditedDocument $path) -Connection $server.Connection)
        $params = (Invoke-Raw $server.Scenario 'api/v2/connectors/alm/1/').params
        $params.alm_server = 'changed-by-hand.example.com'
        $null = Invoke-Raw $server.Scenario 'api/v2/connectors/alm/1/' PATCH @{ params = $params }
        $before = @(Get-Journal $server.Scenario).Count

        $record = Get-ErrorRecord { $plan | Set-SdeAlmConfiguration }

        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmPlanOutdated,*'
        $record.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $record.Exception.Message | Should -Match ([regex]::Escape("connectors[1] 'Jira Cloud': alm_server: the plan saw 'jira.example.com', the server now has 'changed-by-hand.example.com'."))
        $record.Exception.Message | Should -Match 'Run Compare-SdeAlmConfiguration again'
        Get-WriteLine $server.Scenario -From $before | Should -BeNullOrEmpty
    }

    It 'reports drift made behind the module''s back: Test- is $false, -Verbose and Compare- say what' {
        $server = New-TestServer
        Set-SecretVariable
        $path = Export-TestDocument $server
        $null = Invoke-Raw $server.Scenario 'api/v2/connections/alm/3/' PATCH @{ frequency = 'monthly'; params = @{ alm_project = 'Milestone 8' } }
        $env:SDE_TRAC_ON_PREMISES_ALM_PASS = 'someone-changed-it'

        Test-SdeAlmConfiguration $path -Connection $server.Connection -Verbose 4>&1 | Out-String | Should -Match ([regex]::Escape("connections[1] project 2 'Legacy Trac': Update frequency, alm_project"))
        Test-SdeAlmConfiguration $path -Connection $server.Connection | Should -BeFalse
        Get-PlanText @(Compare-SdeAlmConfiguration $path -Connection $server.Connection | Where-Object Action -EQ Update) | Should -Be @(
            'Update Connector Trac (on premises): alm_pass: (secret) changed'
            "Update Connection Legacy Trac: frequency: 'monthly' -> 'manually'; alm_project: 'Milestone 8' -> 'Milestone 7'"
        )
    }

    It 'leaves what the document does not name untouched, and lists it with -IncludeUnmanaged' {
        $server = New-TestServer
        $document = @{ connections = @(@{ project = 3; alias = 'Website GitHub'; connector = 'GitHub'; frequency = 'weekly' }) }
        $plan = @(Compare-SdeAlmConfiguration -Configuration $document -IncludeUnmanaged -Connection $server.Connection)
        @($plan | ForEach-Object { "$($_.Action) $($_.Kind) $($_.Id) $($_.Name)" }) | Should -Be @(
            'Update Connection 4 Website GitHub', 'Unmanaged Connector 3 GitHub', 'Unmanaged Connector 1 Jira Cloud', 'Unmanaged Connector 2 Trac (on premises)',
            'Unmanaged Connection 1 Payments JIRA', 'Unmanaged Connection 3 Legacy Trac', 'Unmanaged Connection 2 Mobile JIRA')
        $storeBefore = Get-Store $server.Scenario
        $null = Set-SdeAlmConfiguration -Configuration $document -Connection $server.Connection
        Get-WriteLine $server.Scenario | Should -Be @('PATCH api/v2/connections/alm/4/')
        $storeAfter = Get-Store $server.Scenario
        $storeAfter.connectors | ConvertTo-Json -Depth 5 | Should -Be ($storeBefore.connectors | ConvertTo-Json -Depth 5)
        $storeAfter.connections | Where-Object id -NE 4 | ConvertTo-Json -Depth 5 | Should -Be ($storeBefore.connections | Where-Object id -NE 4 | ConvertTo-Json -Depth 5)
        ($storeAfter.connections | Where-Object id -EQ 4).params.alm_issue_label | Should -Be 'security' -Because 'settings the document does not name keep their values'
    }

    It 'refuses a document with several problems whole, naming each with where it is, before any request that writes' {
        $server = New-TestServer
        $document = @{
            connectors  = @(
                [ordered]@{ name = 'Jira Cloud'; plugin = 'jira'; settings = [ordered]@{ alm_sever = 'typo.example.com' } }
                [ordered]@{ name = 'New Tracker'; plugin = 'jirra'; settings = @{} }
                [ordered]@{ name = 'Vaulted'; plugin = 'trac'; settings = [ordered]@{ alm_server = 't'; alm_user = 'u'; alm_pass = @{ env = 'SDE_TEST_NEVER_SET' } } }
            )
            connections = @(
                [ordered]@{ project = 42; alias = 'Payments JIRA'; connector = 'Jira Clod' }
                [ordered]@{ project = 1; alias = 'Payments JIRA'; connector = 'Jira Cloud'; frequency = 'daily'; settings = @{ alm_project = '' } }
            )
        }
        $record = Get-ErrorRecord { Set-SdeAlmConfiguration -Configuration $document -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmConfigurationInvalid,*'
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $lines = @($record.Exception.Message -split "`r?`n" | ForEach-Object Trim)
        $lines[0] | Should -Be "The -Configuration object has 5 problems, so it cannot be applied to $($server.Connection.Server); nothing was sent:"
        $lines[1..5] | Should -Be @(
            "connectors[0] 'Jira Cloud': alm_sever: 'alm_sever' is not a field of plugin 'jira'. Did you mean 'alm_server'?"
            "connectors[1] 'New Tracker': plugin: $($server.Connection.Server) has no ALM plugin 'jirra' in its catalog. Did you mean 'jira'? Get-SdeAlmPlugin lists the ids."
            "connectors[2] 'Vaulted': alm_pass: env:SDE_TEST_NEVER_SET is not set; nothing is applied without it."
            "connections[0] project 42 'Payments JIRA': connector: 'Jira Clod' is neither a connector of the document nor one of $($server.Connection.Server). Did you mean 'Jira Cloud'?"
            "connections[1] project 1 'Payments JIRA': alm_project: The field is required but its value is empty. SD Elements shows it as 'JIRA Project Key'."
        )
        Get-WriteLine $server.Scenario | Should -BeNullOrEmpty

        $result = Test-SdeAlmConfiguration -Configuration $document -Connection $server.Connection -WarningVariable warnings -WarningAction SilentlyContinue
        $result | Should -BeFalse
        @($warnings | ForEach-Object Message | Where-Object { $_ -notlike '*left out of the comparison*' }).Count | Should -Be 4
        @($warnings | ForEach-Object Message) | Should -Contain "connectors[2] 'Vaulted': alm_pass: env:SDE_TEST_NEVER_SET is not set, so the field is left out of the comparison."
        Get-WriteLine $server.Scenario | Should -BeNullOrEmpty
    }

    It 'reads a vault secret with Get-Secret -Name -Vault, compares it, and applies it' {
        $server = New-TestServer
        $path = Export-TestDocument $server @{ SecretVault = 'Ops'; ConnectorName = 'Jira Cloud' }
        Set-StandInSecret -Name SDE_JIRA_CLOUD_ALM_PASS -Vault Ops -Secret 'jira-secret-T0ken'
        Test-SdeAlmConfiguration $path -Connection $server.Connection | Should -BeTrue
        Get-StandInCall | Should -Be @('SDE_JIRA_CLOUD_ALM_PASS|Ops')

        Set-StandInSecret -Name SDE_JIRA_CLOUD_ALM_PASS -Vault Ops -Secret $Rotated
        Get-PlanText @(Set-SdeAlmConfiguration $path -Connection $server.Connection) | Should -Be @('Update Connector Jira Cloud: alm_pass: (secret) changed')
        ((Get-Store $server.Scenario).connectors | Where-Object id -EQ 1).params.alm_pass | Should -Be $Rotated
    }

    It 'names a vault secret it cannot read, and says how to install SecretManagement when Get-Secret is missing' {
        $server = New-TestServer
        $path = Export-TestDocument $server @{ SecretVault = 'Ops'; ConnectorName = 'Jira Cloud' }
        # In a session that stops at every error, Get-Secret's own words still reach the message.
        $saved = $global:ErrorActionPreference
        $global:ErrorActionPreference = 'Stop'
        try { $record = Get-ErrorRecord { Set-SdeAlmConfiguration $path -Connection $server.Connection } }
        finally { $global:ErrorActionPreference = $saved }
        $record.Exception.Message | Should -Match ([regex]::Escape("connectors[0] 'Jira Cloud': alm_pass: secret SDE_JIRA_CLOUD_ALM_PASS in vault Ops cannot be read: Get-Secret says: Unable to get secret SDE_JIRA_CLOUD_ALM_PASS from vault Ops"))

        # A fresh pwsh whose module path holds SdeAlm and PowerShell's own modules only: no Get-Secret at all.
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
`$null = Connect-Sde -Server '$(Get-ScenarioUrl $server.Scenario)' -Token (ConvertTo-SecureString '$SimulatorToken' -AsPlainText -Force) -AllowUnencryptedAuthentication -SkipValidation
try { Set-SdeAlmConfiguration '$path' } catch { 'ERROR ' + `$_.FullyQualifiedErrorId + ' ' + `$_.Exception.Message }
"@
        $output = (Invoke-FreshPwsh -Script $script -Environment @{ PSModulePath = Join-Path $PSHOME 'Modules' }) -join "`n"
        $output | Should -Match 'ERROR SdeAlmConfigurationInvalid,'
        $output | Should -Match ([regex]::Escape('the command Get-Secret is not available. Install SecretManagement (Install-PSResource Microsoft.PowerShell.SecretManagement)'))
        Get-WriteLine $server.Scenario | Should -BeNullOrEmpty
    }

    It 'stops at a write that fails, says what was applied, and a rerun goes on without a duplicate (502 after the server applied it)' {
        $server = New-TestServer 'writefail=502'
        $document = @{
            connectors  = @([ordered]@{ name = 'Jira 502'; plugin = 'jira'; settings = [ordered]@{ alm_server = 'j.example.com'; alm_user = 'u'; alm_pass = @{ env = 'SDE_JIRA_CLOUD_ALM_PASS' } } })
            connections = @([ordered]@{ project = 77; alias = 'After 502'; connector = 'Jira 502'; settings = @{ alm_project = 'X' } })
        }
        Set-SecretVariable
        $record = Get-ErrorRecord { Set-SdeAlmConfiguration -Configuration $document -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeWriteOutcomeUnknown,*'
        $record.Exception.Message | Should -Match 'Applied before it: nothing\. Nothing after it was sent\. Run the command again to go on'
        Get-WriteLine $server.Scenario | Should -Be @('POST api/v2/connectors/alm/')

        $applied = @(Set-SdeAlmConfiguration -Configuration $document -Connection $server.Connection)
        @($applied | ForEach-Object { "$($_.Action) $($_.Kind) $($_.Name)" }) | Should -Be @('Create Connection After 502')
        Get-WriteLine $server.Scenario | Should -Be @('POST api/v2/connectors/alm/', 'POST api/v2/connections/alm/')
        $store = Get-Store $server.Scenario
        @($store.connectors | Where-Object name -EQ 'Jira 502').Count | Should -Be 1
        @($store.connections | Where-Object alias -EQ 'After 502').Count | Should -Be 1
    }

    It 'applies an alm_* document to a server with issue_tracker_* names' {
        $old = New-TestServer
        $current = New-TestServer 'issuetracker'
        Set-SecretVariable
        $document = Read-TestDocument (Export-TestDocument $old @{ ConnectorName = 'Jira Cloud' })
        $document.connectors[0].settings.alm_server = 'jira-current.example.com'
        $document.connections[0].settings.alm_project = 'PAY2'

        $applied = @(Set-SdeAlmConfiguration -Configuration $document -Connection $current.Connection)

        Get-PlanText $applied | Should -Be @(
            "Update Connector Jira Cloud: issue_tracker_server: 'jira.example.com' -> 'jira-current.example.com'"
            "Update Connection Payments JIRA: issue_tracker_project: 'PAY' -> 'PAY2'"
        )
        $store = Get-Store $current.Scenario
        ($store.connectors | Where-Object id -EQ 1).params.issue_tracker_server | Should -Be 'jira-current.example.com'
        ($store.connectors | Where-Object id -EQ 1).params.conflict_policy | Should -Be 'issue_tracker'
        ($store.connections | Where-Object id -EQ 1).params.issue_tracker_project | Should -Be 'PAY2'
        Test-SdeAlmConfiguration -Configuration $document -Connection $current.Connection | Should -BeTrue
    }

    It 'names an unresolved alm_* secret once on a server with issue_tracker_* names, not also as its renamed field missing' {
        $old = New-TestServer
        $current = New-TestServer 'issuetracker'
        Set-SecretVariable
        $document = Read-TestDocument (Export-TestDocument $old @{ ConnectorName = 'Jira Cloud' })
        # A new connector: nothing on the server holds its password, so only the reference could give it.
        $document.connectors += [ordered]@{ name = 'Jira Two'; plugin = 'jira'; settings = [ordered]@{ alm_server = 'two.example.com'; alm_user = 'bot'; alm_pass = @{ env = 'SDE_JIRA_TWO_ALM_PASS' } } }

        $record = Get-ErrorRecord { Set-SdeAlmConfiguration -Configuration $document -Connection $current.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmConfigurationInvalid,*'
        $record.Exception.Message | Should -Match "connectors\[1\] 'Jira Two': alm_pass: env:SDE_JIRA_TWO_ALM_PASS is not set"
        $record.Exception.Message | Should -Not -Match 'issue_tracker_pass'
    }

    It 'takes the document as a hashtable from Import-PowerShellDataFile and as a PSCustomObject from ConvertFrom-Json' {
        $server = New-TestServer
        $psd1 = Join-Path $TestDrive 'alm.psd1'
        Set-Content -Path $psd1 -Value @'
@{
    connectors  = @(
        @{ name = 'Jira Cloud'; plugin = 'jira'; settings = @{ alm_server = 'psd1.example.com'; sde_min_priority = '8' } }
    )
    connections = @(
        @{ project = 1; alias = 'Payments JIRA'; connector = 'Jira Cloud'; frequency = 'weekly' }
    )
}
'@
        $fromData = Get-PlanText @(Compare-SdeAlmConfiguration -Configuration (Import-PowerShellDataFile $psd1) -Connection $server.Connection)
        $fromJson = Get-PlanText @(Compare-SdeAlmConfiguration -Configuration ((Import-PowerShellDataFile $psd1) | ConvertTo-Json -Depth 8 | ConvertFrom-Json) -Connection $server.Connection)
        $fromData | Should -Be @(
            "Update Connector Jira Cloud: alm_server: 'jira.example.com' -> 'psd1.example.com'; sde_min_priority: '7' -> '8'"
            "Update Connection Payments JIRA: frequency: 'daily' -> 'weekly'"
        )
        $fromJson | Should -Be $fromData
    }

    It 'refuses what is not a document: <Case>' -ForEach @(
        @{ Case = 'text piped to Set-'; Command = { 'connectors.json' | Set-SdeAlmConfiguration -Connection $args[0] }; ErrorId = 'InputObjectNotBound*' }
        @{ Case = 'a connector piped to Set-'; Command = { Get-SdeAlmConnector 1 -Connection $args[0] | Set-SdeAlmConfiguration -Connection $args[0] }; ErrorId = 'InputObjectNotBound*' }
        @{ Case = 'text as -Configuration'; Command = { Compare-SdeAlmConfiguration -Configuration '{ "connectors": [] }' -Connection $args[0] }; ErrorId = 'SdeAlmConfigurationInvalid,*' }
        @{ Case = 'a list as -Configuration'; Command = { Test-SdeAlmConfiguration -Configuration @(1, 2) -Connection $args[0] -WarningAction SilentlyContinue -ErrorAction Stop; throw 'returned' }; ErrorId = 'returned' }
        @{ Case = 'a file that does not exist'; Command = { Compare-SdeAlmConfiguration -Path (Join-Path $TestDrive 'missing.json') -Connection $args[0] }; ErrorId = 'SdeAlmConfigurationFileNotFound,*' }
        @{ Case = 'a file that is not JSON'; Command = { Set-Content (Join-Path $TestDrive 'broken.json') '{ "connectors": [ }'; Compare-SdeAlmConfiguration -Path (Join-Path $TestDrive 'broken.json') -Connection $args[0] }; ErrorId = 'SdeAlmConfigurationInvalid,*' }
    ) {
        $server = New-TestServer
        $record = Get-ErrorRecord { & $Command $server.Connection }
        "$($record.FullyQualifiedErrorId)" | Should -BeLike $ErrorId
        $record.CategoryInfo.Category | Should -Not -Be 'NotSpecified'
        Get-WriteLine $server.Scenario | Should -BeNullOrEmpty
    }

    It 'warns that a document holds a secret as plain text, and applies it' {
        $server = New-TestServer
        $document = @{ connectors = @(@{ name = 'GitHub'; plugin = 'github'; settings = @{ alm_api_token = 'ghp_inTheFile0123' } }) }
        $applied = @(Set-SdeAlmConfiguration -Configuration $document -Connection $server.Connection -WarningVariable warnings -WarningAction SilentlyContinue)
        "$warnings" | Should -Match ([regex]::Escape("connectors[0] 'GitHub': alm_api_token: the document holds this secret as plain text."))
        "$warnings" | Should -Not -Match 'ghp_inTheFile0123'
        Get-PlanText $applied | Should -Be @('Update Connector GitHub: alm_api_token: (secret) changed')
        ((Get-Store $server.Scenario).connectors | Where-Object id -EQ 3).params.alm_api_token | Should -Be 'ghp_inTheFile0123'
    }

    It 'refuses what a secret becomes on its way out of PowerShell (<Case>), as New- and Set- do, before any write' -ForEach @(
        @{ Case = 'ConvertTo-Json of a SecureString'; Json = '{ "Length": 17 }' }
        @{ Case = 'the mask of the views'; Json = '"********"' }
    ) {
        $server = New-TestServer
        $path = Join-Path $TestDrive 'stand-in.json'
        Set-Content -Path $path -Value "{ `"connectors`": [ { `"name`": `"Jira Cloud`", `"plugin`": `"jira`", `"settings`": { `"alm_pass`": $Json } } ] }"
        $record = Get-ErrorRecord { Set-SdeAlmConfiguration $path -Connection $server.Connection -WarningVariable warnings -WarningAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmConfigurationInvalid,*'
        $record.Exception.Message | Should -Match ([regex]::Escape("connectors[0] 'Jira Cloud': alm_pass: "))
        "$warnings" | Should -Not -Match 'plain text' -Because 'the refusal names it'
        Get-WriteLine $server.Scenario | Should -BeNullOrEmpty
    }

    It 'refuses plan entries of two servers, and a -Connection to another server than the plan''s' {
        $first = New-TestServer
        $second = New-TestServer
        $document = @{ connections = @(@{ project = 3; alias = 'Website GitHub'; connector = 'GitHub'; frequency = 'weekly' }) }
        $plan = @(Compare-SdeAlmConfiguration -Configuration $document -Connection $first.Connection) + @(Compare-SdeAlmConfiguration -Configuration $document -Connection $second.Connection)
        $mixed = Get-ErrorRecord { $plan | Set-SdeAlmConfiguration }
        $mixed.FullyQualifiedErrorId | Should -BeLike 'SdeServerConnectionMismatch,*'
        $elsewhere = Get-ErrorRecord { $plan[0] | Set-SdeAlmConfiguration -Connection $second.Connection }
        $elsewhere.FullyQualifiedErrorId | Should -BeLike 'SdeServerConnectionMismatch,*'
        Get-WriteLine $first.Scenario | Should -BeNullOrEmpty
        Get-WriteLine $second.Scenario | Should -BeNullOrEmpty
    }

    It 'says where a file is not JSON, and that a list is no document (Test- warns and is $false)' {
        $server = New-TestServer
        $path = Join-Path $TestDrive 'broken2.json'
        Set-Content -Path $path -Value "{`n  `"connectors`": [ }"
        $record = Get-ErrorRecord { Compare-SdeAlmConfiguration $path -Connection $server.Connection }
        $record.Exception.Message | Should -Match "The file is not valid JSON: .*LineNumber: 1"
        Get-RequestLine $server.Scenario | Should -BeNullOrEmpty -Because 'a document that cannot be read is not planned against the server'
        Test-SdeAlmConfiguration -Configuration @(1, 2) -Connection $server.Connection -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeFalse
        "$warnings" | Should -Match 'The document is a list; it must be an object'
    }
}

Describe 'Plan views' {
    BeforeAll {
        $script:Server = New-TestServer
        Set-SecretVariable -Jira $Rotated
        $script:Plan = @(Compare-SdeAlmConfiguration -Configuration (New-EditedDocument (Export-TestDocument $Server)) -Connection $Server.Connection)
    }
    AfterAll { Clear-SecretVariable }

    It 'shows a table of Action, Kind, Id, ProjectId, Name and the fields that change, within 80 columns' {
        # A console of 80 columns prints tables in 79 of them.
        $lines = @(($Plan | Out-String -Width 79) -split "`r?`n" | ForEach-Object TrimEnd | Where-Object { $_ })
        $lines | Where-Object Length -GT 79 | Should -BeNullOrEmpty
        $lines[0] | Should -Match '^Action\s+Kind\s+Id\s+ProjectId\s+Name\s+Changes$'
        $lines[2] | Should -Match '^Create\s+Connector\s+Jira Staging\s+name, plugin, '
        $lines[3] | Should -Match '^Update\s+Connector\s+1\s+Jira Cloud\s+alm_server, alm_pass$'
        $lines[6] | Should -Match '^Create\s+Connection\s+42\s+Staging JIRA\s+alias, connector, '
        foreach ($header in 'Action', 'Kind', 'Id', 'ProjectId', 'Name', 'Changes') { $Plan[0].PSObject.Properties.Name | Should -Contain $header }
    }

    It 'shows each change on a line of its own in the list view, and Before/After in the change table' {
        $list = $Plan[1] | Format-List | Out-String -Width 80
        $list | Should -Match "Changes\s+: alm_server: 'jira\.example\.com' -> 'jira2\.example\.com'\r?\n\s+alm_pass: \(secret\) changed"
        $table = $Plan[1].Changes | Out-String -Width 80
        $table | Should -Match 'Field\s+IsSecret\s+Before\s+After'
        $table | Should -Match 'alm_pass\s+True\s+\(secret\)\s+\(secret\)'
    }

    It 'never holds a secret: views, ConvertTo-Json, Export-Csv and a transcript of the whole flow' {
        $csv = Join-Path $TestDrive 'plan.csv'
        $Plan | Export-Csv -Path $csv
        $texts = @(
            ($Plan | Out-String -Width 300)
            ($Plan | Format-List * | Out-String -Width 300)
            ($Plan.Changes | Format-List * | Out-String -Width 300)
            ($Plan | ConvertTo-Json -Depth 8)
            (Get-Content -Raw $csv)
            "$Plan"
        )
        $server = $Server
        $texts += Get-HostText {
            $path = Export-TestDocument $server
            $edited = Write-TestDocument (New-EditedDocument $path)
            Compare-SdeAlmConfiguration $edited -Connection $server.Connection -Verbose -Debug | Format-List
            Set-SdeAlmConfiguration $edited -Connection $server.Connection -WhatIf -Verbose
            Set-SdeAlmConfiguration $edited -Connection $server.Connection -Verbose -Debug -Confirm:$false | Format-List
            Test-SdeAlmConfiguration $edited -Connection $server.Connection -Verbose
            $env:SDE_JIRA_CLOUD_ALM_PASS = 'n3w-Secret-Value-42'
            $stale = Compare-SdeAlmConfiguration $edited -Connection $server.Connection
            $env:SDE_JIRA_CLOUD_ALM_PASS = 'n3w-Secret-Value-43'
            try { $stale | Set-SdeAlmConfiguration -Verbose } catch { $_ | Out-String }
        }
        foreach ($text in $texts) {
            foreach ($secret in @($SeededSecrets) + $Rotated + 'n3w-Secret-Value-42' + 'n3w-Secret-Value-43') { $text | Should -Not -Match ([regex]::Escape($secret)) }
        }
        $texts[-1] | Should -Match 'alm_pass: \(secret\) changed'
        $texts[-1] | Should -Match 'the secret its reference gives is no longer the one the plan would set'
    }
}
