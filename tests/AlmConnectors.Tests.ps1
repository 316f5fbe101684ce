# Connectors and ALM connections against the simulator's store: reads, checked writes, idempotent
# updates, secrets, request counts from the simulator's journal, both path generations, parallel use.

BeforeAll {
    . $PSScriptRoot/common.ps1

    # The secrets the simulator seeds (clear text in its store and on the wire), and one we send.
    $script:SeededSecrets = 'jira-secret-T0ken', 'trac-pa55word', 'ghp_simulatorToken0123456789'
    $script:NewSecret = 'n3w-Secret-Value-42'

    function Get-Journal {
        # Every request the simulator saw under a context root: counts by method and the request lines.
        param([string] $Scenario)
        Invoke-RestMethod -Uri "$($script:SimulatorUrl)_sim/requests?prefix=$([uri]::EscapeDataString($Scenario))&detail=1"
    }

    function Get-RequestLine {
        param([string] $Scenario)
        @((Get-Journal $Scenario).requests | ForEach-Object { '{0} {1}{2}' -f $_.method, $_.path, $(if ($_.query) { '?' + $_.query }) })
    }

    function Get-MethodCount {
        param([string] $Scenario, [string] $Method)
        @((Get-Journal $Scenario).requests | Where-Object method -eq $Method).Count
    }

    function Get-Store {
        # What the simulator holds for a context root: the one place tests read what was written.
        param([string] $Scenario)
        Invoke-RestMethod -Uri "$($script:SimulatorUrl)_sim/store?prefix=$([uri]::EscapeDataString($Scenario))"
    }

    function Get-StoreText {
        param([string] $Scenario)
        (Invoke-WebRequest -Uri "$($script:SimulatorUrl)_sim/store?prefix=$([uri]::EscapeDataString($Scenario))").Content
    }

    function New-TestServer {
        # A fresh store under its own context root, and a server connection to it that made no request yet.
        param([string[]] $Option = @())
        $scenario = New-Scenario $Option
        [pscustomobject]@{ Scenario = $scenario; Connection = (Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }) }
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

    function New-Secret {
        param([string] $Text = $script:NewSecret)
        ConvertTo-SecureString $Text -AsPlainText -Force
    }

    function Get-SecretText {
        param([securestring] $Secret)
        [Net.NetworkCredential]::new('', $Secret).Password
    }

    function New-JiraSetting {
        # A valid system-scope settings set for the jira plugin (alm_method and alm_issue_type have defaults).
        [ordered]@{ alm_server = 'jira.test.example'; alm_user = 'bot@example.com'; alm_pass = (New-Secret) }
    }
}

Describe 'Get-SdeAlmConnector' {
    It 'lists the connectors with their plugin, settings and server, reading the list and the catalog once' {
        $server = New-TestServer
        $connectors = @(Get-SdeAlmConnector -Connection $server.Connection)
        @($connectors.Id) | Should -Be @(1, 2, 3)
        @($connectors.Name) | Should -Be @('Jira Cloud', 'Trac (on premises)', 'GitHub')
        @($connectors.PluginId) | Should -Be @('jira', 'trac', 'github')
        @($connectors.Inaccessible) | Should -Be @($false, $true, $false)
        $connectors[0] | Should -BeOfType SdeAlm.Model.AlmConnector
        $connectors[0].PluginName | Should -Not -BeNullOrEmpty
        $connectors[0].Server | Should -Be $server.Connection.Server
        $settings = $connectors[0].Settings
        @($settings.Keys)[0..1] | Should -Be @('alm_method', 'alm_server')
        $settings.alm_server | Should -Be 'jira.example.com'
        $settings['ALM_SERVER'] | Should -Be 'jira.example.com'
        $settings.alm_max_results | Should -Be 100
        $settings.alm_verify_ssl | Should -BeTrue
        Get-RequestLine $server.Scenario | Should -Be @('GET api/v2/connectors/alm/', 'GET api/v2/plugins/alm/')
    }

    It 'gives every masked_string value as a SecureString that a script can still read' {
        $server = New-TestServer
        $connectors = @(Get-SdeAlmConnector -Connection $server.Connection)
        $connectors[0].Settings.alm_pass | Should -BeOfType [securestring]
        Get-SecretText $connectors[0].Settings.alm_pass | Should -Be 'jira-secret-T0ken'
        Get-SecretText $connectors[1].Settings.alm_pass | Should -Be 'trac-pa55word'
        Get-SecretText $connectors[2].Settings.alm_api_token | Should -Be 'ghp_simulatorToken0123456789'
        $connectors[0].Settings.alm_user | Should -BeOfType [string]
    }

    It 'gets connectors by id; an unknown id is a non-terminating ObjectNotFound' {
        $server = New-TestServer
        $connectors = Get-SdeAlmConnector 3, 99, 1 -Connection $server.Connection -ErrorVariable problems -ErrorAction SilentlyContinue
        @($connectors.Id) | Should -Be @(3, 1)
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SdeAlmConnectorNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be 99
        $problems[0].Exception.Message | Should -Match 'Get-SdeAlmConnector'
    }

    It 'filters with wildcards on -Name and -PluginId' {
        $server = New-TestServer
        @((Get-SdeAlmConnector -Name '*jira*', 'git*' -Connection $server.Connection).Id) | Should -Be @(1, 3)
        @((Get-SdeAlmConnector -PluginId 'TR*' -Connection $server.Connection).Id) | Should -Be @(2)
        Get-SdeAlmConnector -PluginId 'nothing*' -Connection $server.Connection | Should -BeNullOrEmpty
    }

    It 'shows a table of Id, Name, PluginId, Inaccessible and a list with one setting per line, secrets as ********' {
        $server = New-TestServer
        $connector = Get-SdeAlmConnector 1 -Connection $server.Connection
        $table = $connector | Format-Table | Out-String -Width 200
        $table | Should -Match 'Id\s+Name\s+PluginId\s+Inaccessible'
        $table | Should -Match '1\s+Jira Cloud\s+jira\s+False'
        $list = $connector | Format-List | Out-String -Width 200
        $list | Should -Match 'alm_server = jira\.example\.com'
        $list | Should -Match 'alm_pass = \*{8}'
        $list | Should -Not -Match 'jira-secret'
        foreach ($column in 'Id', 'Name', 'PluginId', 'Inaccessible') { $connector.PSObject.Properties.Name | Should -Contain $column }
    }
}

Describe 'Get-SdeAlmConnection' {
    It 'lists one project''s ALM connections, filtered by the server (?project=)' {
        $server = New-TestServer
        $connections = @(Get-SdeAlmConnection -ProjectId 2 -Connection $server.Connection)
        @($connections.Id) | Should -Be @(2, 3)
        @($connections.ProjectId) | Should -Be @(2, 2)
        @($connections.ConnectorId) | Should -Be @(1, 2)
        @($connections.Alias) | Should -Be @('Mobile JIRA', 'Legacy Trac')
        @($connections.PluginId) | Should -Be @('jira', 'trac')
        @($connections.Frequency) | Should -Be @('weekly', 'manually')
        @($connections.InProgress) | Should -Be @($true, $false)
        $connections[0] | Should -BeOfType SdeAlm.Model.AlmConnection
        $connections[0].Settings.alm_project | Should -Be 'MOB'
        $connections[0].Settings.sde_min_priority | Should -Be 7
        Get-RequestLine $server.Scenario | Should -Be @('GET api/v2/connections/alm/?project=2', 'GET api/v2/plugins/alm/')
    }

    It 'lists several projects with one request each, and keeps by-id reads to the projects named' {
        $server = New-TestServer
        @((Get-SdeAlmConnection -ProjectId 1, 2 -Connection $server.Connection).Id) | Should -Be @(1, 2, 3)
        Get-RequestLine $server.Scenario | Should -Be @('GET api/v2/connections/alm/?project=1', 'GET api/v2/plugins/alm/', 'GET api/v2/connections/alm/?project=2')
        @((Get-SdeAlmConnection 1, 2, 3 -ProjectId 2 -Connection $server.Connection).Id) | Should -Be @(2, 3)
    }

    It 'gets by id and filters with wildcards on -Alias and -PluginId' {
        $server = New-TestServer
        @((Get-SdeAlmConnection -Connection $server.Connection).Id) | Should -Be @(1, 2, 3, 4)
        @((Get-SdeAlmConnection 4, 1 -Connection $server.Connection).Alias) | Should -Be @('Website GitHub', 'Payments JIRA')
        @((Get-SdeAlmConnection -Alias '*jira' -Connection $server.Connection).Id) | Should -Be @(1, 2)
        @((Get-SdeAlmConnection -PluginId 'git*', 'trac' -Connection $server.Connection).Id) | Should -Be @(3, 4)
        $missing = Get-SdeAlmConnection 42 -Connection $server.Connection -ErrorVariable problems -ErrorAction SilentlyContinue
        $missing | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SdeAlmConnectionNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'gives empty Settings, not an error, to a user who may not see the params' {
        $server = New-TestServer 'noparams'
        $connection = Get-SdeAlmConnection 1 -Connection $server.Connection -ErrorVariable problems
        $problems.Count | Should -Be 0
        $connection.Alias | Should -Be 'Payments JIRA'
        $connection.Settings.Count | Should -Be 0
        @(Get-SdeAlmConnection -Connection $server.Connection).Count | Should -Be 4
    }

    It 'shows a table of Id, ProjectId, Alias, PluginId, Frequency' {
        $server = New-TestServer
        $table = Get-SdeAlmConnection 1 -Connection $server.Connection | Format-Table | Out-String -Width 200
        $table | Should -Match 'Id\s+ProjectId\s+Alias\s+PluginId\s+Frequency'
        $table | Should -Match '1\s+1\s+Payments JIRA\s+jira\s+daily'
    }
}

Describe 'Secrets' {
    BeforeAll {
        $script:Server = New-TestServer
        $script:Connector = Get-SdeAlmConnector 1 -Connection $Server.Connection
    }

    It 'never appear in views, serialization, files or ToString' {
        $csv = Join-Path $TestDrive 'connector.csv'
        $Connector | Export-Csv -Path $csv
        $texts = @(
            ($Connector | Format-Table | Out-String -Width 300)
            ($Connector | Format-List | Out-String -Width 300)
            ($Connector | Format-List * | Out-String -Width 300)
            ($Connector.Settings | Format-Table | Out-String -Width 300)
            ($Connector | ConvertTo-Json -Depth 6)
            ($Connector.Settings | ConvertTo-Json -Depth 6)
            ($Connector | ConvertTo-Csv | Out-String)
            (Get-Content -Path $csv -Raw)
            "$Connector"
            $Connector.ToString()
            "$($Connector.Settings.Values)"
        )
        foreach ($text in $texts) {
            $text | Should -Not -Match 'jira-secret-T0ken'
        }
    }

    It 'never appear in verbose, debug, warning or error text, nor in -WhatIf text (transcript)' {
        $c = $Server.Connection
        $script = {
            $null = Get-SdeAlmConnector -Connection $c -Verbose -Debug
            Set-SdeAlmConnector 1 -Setting @{ alm_pass = (New-Secret); alm_server = 'other.example.com' } -Connection $c -WhatIf -Verbose -Debug
            New-SdeAlmConnector 'Leak test' jira @{ alm_pass = $NewSecret; alm_server = 'x.example.com'; alm_user = 'u'; alm_project = 'P' } -Connection $c -WhatIf -Verbose -WarningAction Continue
            Set-SdeAlmConnector 1 -Setting @{ alm_pass = $NewSecret; alm_sever = 'typo' } -Connection $c -ErrorAction Continue
            New-SdeAlmConnector 'Leak test' jira @{ alm_pass = $NewSecret } -SkipValidation -Connection $c -ErrorAction Continue
        }
        $hostText = Get-HostText $script
        $streams = & $script *>&1 | Out-String -Width 300
        $hostText | Should -Match 'alm_pass: \(secret\) changed'
        $hostText | Should -Match 'alm_pass = \(secret\)'
        $streams | Should -Match 'SdeAlmSettingInvalid|do not fit'
        foreach ($secret in @($SeededSecrets) + $NewSecret) {
            $hostText | Should -Not -Match ([regex]::Escape($secret))
            $streams | Should -Not -Match ([regex]::Escape($secret))
        }
        Get-MethodCount $Server.Scenario 'PATCH' | Should -Be 0
    }
}

Describe 'New-SdeAlmConnector' {
    It 'creates a connector: keys spelt as the catalog spells them, JSON Booleans, checkbox lists joined, secrets sent as text' {
        $server = New-TestServer
        $setting = [ordered]@{
            ALM_SERVER       = 'jira.test.example'
            alm_user         = 'bot@example.com'
            Alm_Pass         = (New-Secret)
            how_tos_in_scope = 'true'
            alm_phases       = 'requirements', 'testing'
            alm_max_results  = 50
        }
        $new = New-SdeAlmConnector -Name 'Jira Test' -PluginId jira -Setting $setting -Inaccessible -Connection $server.Connection
        $new | Should -BeOfType SdeAlm.Model.AlmConnector
        $new.Id | Should -Be 4
        $new.Name | Should -Be 'Jira Test'
        $new.PluginId | Should -Be 'jira'
        $new.Inaccessible | Should -BeTrue
        $new.Settings.alm_pass | Should -BeOfType [securestring]
        $stored = (Get-Store $server.Scenario).connectors | Where-Object id -EQ 4
        $stored.inaccessible | Should -BeTrue
        $stored.params.alm_server | Should -Be 'jira.test.example'
        $stored.params.alm_pass | Should -Be $NewSecret
        $stored.params.how_tos_in_scope | Should -BeOfType [bool]
        $stored.params.how_tos_in_scope | Should -BeTrue
        $stored.params.alm_phases | Should -Be 'requirements,testing'
        $stored.params.alm_max_results | Should -Be 50
        Get-StoreText $server.Scenario | Should -Not -MatchExactly '"ALM_SERVER"|"Alm_Pass"'
        Get-RequestLine $server.Scenario | Should -Be @('GET api/v2/plugins/alm/', 'POST api/v2/connectors/alm/')
    }

    It 'refuses settings that do not fit the catalog with every problem in one InvalidArgument error, and sends nothing' {
        $server = New-TestServer
        $record = Get-ErrorRecord { New-SdeAlmConnector 'Bad' jira @{ alm_sever = 'x'; alm_user = 'u'; how_tos_in_scope = 'maybe' } -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmSettingInvalid,*'
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $message = $record.Exception.Message
        $message | Should -Match 'alm_server: The field is required but missing'
        $message | Should -Match 'alm_pass: The field is required but missing'
        $message | Should -Match "Did you mean 'alm_server'"
        $message | Should -Match "how_tos_in_scope: 'maybe' is not a Boolean"
        $message | Should -Match 'nothing was sent'
        Get-RequestLine $server.Scenario | Should -Be @('GET api/v2/plugins/alm/')
    }

    It 'reports a refusal under -WhatIf too' {
        $server = New-TestServer
        $record = Get-ErrorRecord { New-SdeAlmConnector 'Bad' jira @{ alm_user = 'u' } -WhatIf -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmSettingInvalid,*'
    }

    It 'counts a required field with a catalog default as given' {
        $server = New-TestServer
        $setting = New-JiraSetting
        $setting.Keys | Should -Not -Contain 'alm_method'
        (New-SdeAlmConnector 'Defaults' jira $setting -Connection $server.Connection).Settings.alm_method | Should -Be 'https'
    }

    It 'warns about a key of the project scope and sends it as given' {
        $server = New-TestServer
        $setting = New-JiraSetting
        $setting.alm_project = 'KEY'
        $new = New-SdeAlmConnector 'With project key' jira $setting -Connection $server.Connection -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        "$warnings" | Should -Match 'alm_project'
        "$warnings" | Should -Match 'project'
        $new.Settings.alm_project | Should -Be 'KEY'
    }

    It 'sends unchecked settings with -SkipValidation and lists each field of the server''s 400' {
        $server = New-TestServer
        $record = Get-ErrorRecord { New-SdeAlmConnector 'Unchecked' jira @{ alm_user = 'u' } -SkipValidation -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeBadRequest,*'
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.Exception.Message | Should -Match 'alm_server'
        $record.Exception.Message | Should -Match 'alm_pass'
        $record.Exception.Message | Should -Match 'This field is required'
        Get-MethodCount $server.Scenario 'POST' | Should -Be 1
    }

    It 'shows what it would create under -WhatIf, secrets as (secret), and sends no POST' {
        $server = New-TestServer
        $text = Get-HostText { New-SdeAlmConnector 'Planned' jira (New-JiraSetting) -Connection $server.Connection -WhatIf }
        $text | Should -Match "Create ALM connector 'Planned' for plugin 'jira'"
        $text | Should -Match "alm_server = 'jira\.test\.example'"
        $text | Should -Match 'alm_pass = \(secret\)'
        $text | Should -Not -Match ([regex]::Escape($NewSecret))
        Get-MethodCount $server.Scenario 'POST' | Should -Be 0
    }

    It 'sends one POST after a 502 and says the connector may have been created, and how to check' {
        $server = New-TestServer 'writefail=502'
        $record = Get-ErrorRecord { New-SdeAlmConnector 'Maybe' jira (New-JiraSetting) -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeWriteOutcomeUnknown,*'
        $record.Exception.Message | Should -Match "Get-SdeAlmConnector -Name 'Maybe'"
        $record.Exception.Message | Should -Not -Match ([regex]::Escape($NewSecret))
        Get-MethodCount $server.Scenario 'POST' | Should -Be 1
        @((Get-Store $server.Scenario).connectors).Count | Should -Be 4
    }

    It 'sends the POST again after a 429, two in all' {
        $server = New-TestServer 'writethrottle=429', 'retryafter=0'
        $new = New-SdeAlmConnector 'Throttled' jira (New-JiraSetting) -Connection $server.Connection
        $new.Id | Should -Be 4
        Get-MethodCount $server.Scenario 'POST' | Should -Be 2
        @((Get-Store $server.Scenario).connectors).Count | Should -Be 4
    }
}

Describe 'Set-SdeAlmConnector' {
    It 'sends nothing when nothing differs (secrets compared too), and says so in -Verbose' {
        $server = New-TestServer
        $same = @{ alm_server = 'jira.example.com'; alm_pass = (New-Secret 'jira-secret-T0ken'); sde_min_priority = 7; how_tos_in_scope = $false; alm_phases = 'requirements', 'architecture-design', 'development' }
        $verbose = Set-SdeAlmConnector 1 -Name 'Jira Cloud' -Setting $same -Connection $server.Connection -Verbose 4>&1 | Out-String
        $verbose | Should -Match 'nothing sent'
        Get-MethodCount $server.Scenario 'PATCH' | Should -Be 0
    }

    It 'PATCHes the whole merged params, so the settings not named keep their values' {
        $server = New-TestServer
        $updated = Set-SdeAlmConnector 1 -Setting @{ ALM_SERVER = 'jira2.example.com' } -PassThru -Connection $server.Connection
        $updated.Settings.alm_server | Should -Be 'jira2.example.com'
        $stored = (Get-Store $server.Scenario).connectors | Where-Object id -EQ 1
        $stored.params.alm_server | Should -Be 'jira2.example.com'
        $stored.params.alm_pass | Should -Be 'jira-secret-T0ken'
        $stored.params.alm_user | Should -Be 'sde-bot@example.com'
        $stored.params.alm_max_results | Should -Be 100
        $stored.params.how_tos_in_scope | Should -BeOfType [bool]
        $stored.name | Should -Be 'Jira Cloud'
        Get-MethodCount $server.Scenario 'PATCH' | Should -Be 1
    }

    It 'clears a key set to $null and changes name and reachability' {
        $server = New-TestServer
        Set-SdeAlmConnector 1 -Name 'Jira' -Inaccessible $true -Setting @{ alm_new_status = $null } -Connection $server.Connection
        $stored = (Get-Store $server.Scenario).connectors | Where-Object id -EQ 1
        $stored.name | Should -Be 'Jira'
        $stored.inaccessible | Should -BeTrue
        $stored.params.alm_new_status | Should -BeNullOrEmpty
        $stored.params.alm_server | Should -Be 'jira.example.com'
    }

    It 'shows each change under -WhatIf, secrets as "(secret) changed", and sends no PATCH' {
        $server = New-TestServer
        $text = Get-HostText { Set-SdeAlmConnector 1 -Name 'Jira' -Setting @{ alm_server = 'new.example.com'; alm_pass = (New-Secret) } -Connection $server.Connection -WhatIf }
        $text | Should -Match "Update ALM connector 1 'Jira Cloud'"
        $text | Should -Match "Name: 'Jira Cloud' -> 'Jira'"
        $text | Should -Match "alm_server: 'jira\.example\.com' -> 'new\.example\.com'"
        $text | Should -Match 'alm_pass: \(secret\) changed'
        $text | Should -Not -Match 'jira-secret-T0ken'
        $text | Should -Not -Match ([regex]::Escape($NewSecret))
        Get-MethodCount $server.Scenario 'PATCH' | Should -Be 0
    }

    It 'checks the merged settings: a partial update passes, a wrong value stops it before any write' {
        $server = New-TestServer
        Set-SdeAlmConnector 2 -Setting @{ alm_user = 'sync2' } -Connection $server.Connection
        ((Get-Store $server.Scenario).connectors | Where-Object id -EQ 2).params.alm_user | Should -Be 'sync2'
        $record = Get-ErrorRecord { Set-SdeAlmConnector 2 -Setting @{ alm_method = 'ftp'; alm_server = '' } -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmSettingInvalid,*'
        $record.Exception.Message | Should -Match "alm_method: 'ftp'"
        $record.Exception.Message | Should -Match 'alm_server: The field is required but its value is empty'
        Get-MethodCount $server.Scenario 'PATCH' | Should -Be 1
    }

    It 'writes a piped connector back through the server connection it was read from' {
        $first = New-TestServer
        $second = New-TestServer
        Get-SdeAlmConnector 3 -Connection $first.Connection | Set-SdeAlmConnector -Name 'GitHub.com'
        ((Get-Store $first.Scenario).connectors | Where-Object id -EQ 3).name | Should -Be 'GitHub.com'
        Get-RequestLine $second.Scenario | Should -BeNullOrEmpty
    }

    It 'refuses a piped connector with -Connection to another server, before any request' {
        $first = New-TestServer
        $second = New-TestServer
        $connector = Get-SdeAlmConnector 3 -Connection $first.Connection
        $record = Get-ErrorRecord { $connector | Set-SdeAlmConnector -Name 'Elsewhere' -Connection $second.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeServerConnectionMismatch,*'
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.Exception.Message | Should -Match ([regex]::Escape($first.Connection.Server))
        Get-RequestLine $second.Scenario | Should -BeNullOrEmpty
        Get-MethodCount $first.Scenario 'PATCH' | Should -Be 0
    }

    It 'reports an unknown id as a non-terminating ObjectNotFound' {
        $server = New-TestServer
        Set-SdeAlmConnector 77 -Name 'x' -Connection $server.Connection -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SdeAlmConnectorNotFound,*'
    }
}

Describe 'New-SdeAlmConnection' {
    It 'creates ALM connections from CSV rows with one catalog read and one read of each distinct connector' {
        $server = New-TestServer
        $csv = Join-Path $TestDrive 'projects.csv'
        1..30 | ForEach-Object { [pscustomobject]@{ ProjectId = 100 + $_; Alias = "Team $_"; JiraKey = "K$_"; ConnectorId = if ($_ % 2) { 1 } else { 3 } } } |
            Export-Csv -Path $csv
        $made = @(Import-Csv $csv | Select-Object ProjectId, Alias, ConnectorId, @{ n = 'Setting'; e = { @{ alm_project = $_.JiraKey } } } |
                New-SdeAlmConnection -Connection $server.Connection)
        $made.Count | Should -Be 30
        @($made.Id) | Should -Be @(5..34)
        $made[0].ProjectId | Should -Be 101
        $made[0].Alias | Should -Be 'Team 1'
        $made[1].PluginId | Should -Be 'github'
        $lines = Get-RequestLine $server.Scenario
        @($lines | Where-Object { $_ -like 'GET *' }) | Should -Be @('GET api/v2/plugins/alm/', 'GET api/v2/connectors/alm/1/', 'GET api/v2/connectors/alm/3/')
        @($lines | Where-Object { $_ -eq 'POST api/v2/connections/alm/' }).Count | Should -Be 30
        $stored = (Get-Store $server.Scenario).connections | Where-Object project -EQ 107
        $stored.params.alm_project | Should -Be 'K7'
        $stored.connector | Should -Be 1
    }

    It 'takes the README form with -ConnectorId and a frequency' {
        $server = New-TestServer
        $rows = [pscustomobject]@{ ProjectId = 7; Alias = 'Seven'; JiraKey = 'SEV' }
        $made = $rows | Select-Object ProjectId, Alias, @{ n = 'Setting'; e = { @{ alm_project = $_.JiraKey } } } |
            New-SdeAlmConnection -ConnectorId 1 -Frequency Daily -Connection $server.Connection
        $made.Frequency | Should -Be 'daily'
        $made.Settings.alm_project | Should -Be 'SEV'
    }

    It 'refuses a row without its required project field and still creates the others' {
        $server = New-TestServer
        $rows = @(
            [pscustomobject]@{ ProjectId = 1; Alias = 'Good'; Setting = @{ alm_project = 'G' } }
            [pscustomobject]@{ ProjectId = 2; Alias = 'Bad'; Setting = @{ alm_projet = 'B' } }
            [pscustomobject]@{ ProjectId = 3; Alias = 'Also good'; Setting = @{ alm_project = 'A' } }
        )
        $made = $rows | New-SdeAlmConnection -ConnectorId 1 -Connection $server.Connection -ErrorVariable problems -ErrorAction SilentlyContinue
        @($made.Alias) | Should -Be @('Good', 'Also good')
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SdeAlmSettingInvalid,*'
        $problems[0].Exception.Message | Should -Match "Did you mean 'alm_project'"
        Get-MethodCount $server.Scenario 'POST' | Should -Be 2
    }

    It 'reports an unknown connector once per row without reading it again' {
        $server = New-TestServer
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ ProjectId = $_; Alias = "A$_"; Setting = @{ alm_project = 'X' } } }
        $rows | New-SdeAlmConnection -ConnectorId 99 -Connection $server.Connection -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 3
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SdeAlmConnectorNotFound,*'
        @(Get-RequestLine $server.Scenario | Where-Object { $_ -like '*connectors/alm/99/' }).Count | Should -Be 1
        Get-MethodCount $server.Scenario 'POST' | Should -Be 0
    }

    It 'sends one POST after a 502 and says how to check whether the ALM connection was created' {
        $server = New-TestServer 'writefail=502'
        $record = Get-ErrorRecord { New-SdeAlmConnection 12 1 'Maybe' -Setting @{ alm_project = 'M' } -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeWriteOutcomeUnknown,*'
        $record.Exception.Message | Should -Match 'Get-SdeAlmConnection -ProjectId 12'
        Get-MethodCount $server.Scenario 'POST' | Should -Be 1
    }

    It 'reports a 403 as PermissionDenied naming the "Edit ALM connections" permission' {
        $server = New-TestServer 'noparams'
        $record = Get-ErrorRecord { New-SdeAlmConnection 12 1 'Not allowed' -Setting @{ alm_project = 'N' } -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdePermissionDenied,*'
        $record.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $record.Exception.Message | Should -Match 'Edit ALM connections'
        Get-MethodCount $server.Scenario 'POST' | Should -Be 1
    }

    It 'sends the POST again after a 429, two in all' {
        $server = New-TestServer 'writethrottle=429', 'retryafter=0'
        (New-SdeAlmConnection 12 1 'Throttled' -Setting @{ alm_project = 'T' } -Connection $server.Connection).Alias | Should -Be 'Throttled'
        Get-MethodCount $server.Scenario 'POST' | Should -Be 2
    }

    It 'creates 100 ALM connections from ForEach-Object -Parallel on one shared server connection, without loss or duplicates' {
        $server = New-TestServer
        $shared = $server.Connection
        $manifest = $script:ModuleManifest
        $made = 1..100 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:manifest
            New-SdeAlmConnection -ProjectId (1000 + $_) -ConnectorId 1 -Alias "Parallel $_" -Setting @{ alm_project = "P$_" } -Connection $using:shared
        }
        @($made).Count | Should -Be 100
        $stored = @((Get-Store $server.Scenario).connections | Where-Object project -GE 1000)
        $stored.Count | Should -Be 100
        @($stored.project | Sort-Object -Unique).Count | Should -Be 100
        @($stored.id | Sort-Object -Unique).Count | Should -Be 100
        Get-MethodCount $server.Scenario 'POST' | Should -Be 100
    }
}

Describe 'Set-SdeAlmConnection' {
    It 'changes alias, frequency and one setting, keeping the others' {
        $server = New-TestServer
        $updated = Set-SdeAlmConnection 1 -Alias 'Payments' -Frequency Weekly -Setting @{ alm_issue_type = 'Task' } -PassThru -Connection $server.Connection
        $updated.Alias | Should -Be 'Payments'
        $updated.Frequency | Should -Be 'weekly'
        $stored = (Get-Store $server.Scenario).connections | Where-Object id -EQ 1
        $stored.params.alm_issue_type | Should -Be 'Task'
        $stored.params.alm_project | Should -Be 'PAY'
        $stored.params.alm_parent_issue | Should -Be 'PAY-1'
    }

    It 'sends nothing when nothing differs' {
        $server = New-TestServer
        Get-SdeAlmConnection 2 -Connection $server.Connection | Set-SdeAlmConnection -Alias 'Mobile JIRA' -Frequency weekly -Setting @{ sde_min_priority = '7' }
        Get-MethodCount $server.Scenario 'PATCH' | Should -Be 0
    }

    It 'refuses to merge settings it may not read, so nothing is wiped' {
        $server = New-TestServer 'noparams'
        $record = Get-ErrorRecord { Set-SdeAlmConnection 1 -Setting @{ alm_project = 'NEW' } -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdePermissionDenied,*'
        $record.Exception.Message | Should -Match 'Edit ALM connections'
        Get-MethodCount $server.Scenario 'PATCH' | Should -Be 0
    }
}

Describe 'Current SD Elements releases (issue-tracker paths)' {
    It 'moves to the issue-tracker paths after one 404, says so, and remembers it for the server connection' {
        $server = New-TestServer 'issuetracker'
        $setting = @{ issue_tracker_server = 'jira.test.example'; issue_tracker_user = 'u'; issue_tracker_pass = (New-Secret) }
        $verbose = New-SdeAlmConnector 'Current' jira $setting -Connection $server.Connection -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String
        $verbose | Should -Match 'issue-tracker'
        $null = Get-SdeAlmConnector -Connection $server.Connection
        $null = Get-SdeAlmConnection -ProjectId 1 -Connection $server.Connection
        Get-RequestLine $server.Scenario | Should -Be @(
            'GET api/v2/plugins/alm/'
            'POST api/v2/connectors/alm/'
            'POST api/v2/connectors/issue-tracker/'
            'GET api/v2/connectors/issue-tracker/'
            'GET api/v2/plugins/alm/'
            'GET api/v2/connections/issue-tracker/?project=1'
            'GET api/v2/plugins/alm/'
        )
        $connector = Get-SdeAlmConnector 4 -Connection $server.Connection
        $connector.Settings.issue_tracker_pass | Should -BeOfType [securestring]
        Get-SecretText $connector.Settings.issue_tracker_pass | Should -Be $NewSecret
    }

    It 'checks settings against that server''s own field names' {
        $server = New-TestServer 'issuetracker'
        $record = Get-ErrorRecord { New-SdeAlmConnector 'Old names' jira (New-JiraSetting) -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmSettingInvalid,*'
        $record.Exception.Message | Should -Match "'alm_server' is not a field of plugin 'jira'"
        $record.Exception.Message | Should -Match 'issue_tracker_server: The field is required'
    }

    It 'changes an ALM connection whose params hold last_successful_run, which is no catalog field, and keeps it out of the check' {
        $server = New-TestServer 'issuetracker'
        $changed = Set-SdeAlmConnection 1 -Setting @{ issue_tracker_project = 'PAY2' } -PassThru -Connection $server.Connection
        $changed.Settings.issue_tracker_project | Should -Be 'PAY2'
        $changed.Settings.Contains('last_successful_run') | Should -BeTrue
        $stored = (Get-Store $server.Scenario).connections | Where-Object id -EQ 1
        ($stored.params.issue_tracker_project, $stored.params.issue_tracker_parent_issue) | Should -Be @('PAY2', 'PAY-1')
        $record = Get-ErrorRecord { Set-SdeAlmConnection 1 -Setting @{ last_successful_run = 'x' } -Connection $server.Connection }
        $record.Exception.Message | Should -Match "last_successful_run: 'last_successful_run' is not a field of plugin 'jira'"
    }

    It 'reports a 404 on both paths as ObjectNotFound that suggests the context root' {
        $server = New-TestServer 'status=404'
        $record = Get-ErrorRecord { Get-SdeAlmConnector -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmApiNotFound,*'
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $record.Exception.Message | Should -Match 'context root'
        Get-RequestLine $server.Scenario | Should -Be @('GET api/v2/connectors/alm/', 'GET api/v2/connectors/issue-tracker/')
    }
}

Describe 'Tab completion of connectors' {
    BeforeAll {
        # The newest server connection is the current one, which completion uses.
        $script:Server = New-TestServer
    }

    It 'completes <Line> with connector ids, the name as tooltip' -ForEach @(
        @{ Line = 'Get-SdeAlmConnector ' }
        @{ Line = 'Set-SdeAlmConnector -Id ' }
        @{ Line = 'New-SdeAlmConnection -ProjectId 1 -ConnectorId ' }
    ) {
        $completions = @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
        @($completions.CompletionText) | Should -Be @('1', '2', '3')
        @($completions.ListItemText) | Should -Be @('1 Jira Cloud', '2 Trac (on premises)', '3 GitHub')
        $completions[0].ToolTip | Should -Be 'Jira Cloud (jira)'
    }

    It 'completes an id from the start of a connector name' {
        $line = 'Set-SdeAlmConnector -Id Tra'
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Be @('2')
    }

    It 'completes -PluginId of the connector cmdlets with catalog ids' {
        $line = 'New-SdeAlmConnector -Name x -PluginId ji'
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Be @('jira')
    }
}
