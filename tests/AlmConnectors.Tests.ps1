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

    It 'writes Settings to CSV and [string] as key=value text with secrets as ********, and keeps them a dictionary for scripts' {
        $server = New-TestServer
        $connector = Get-SdeAlmConnector 1 -Connection $server.Connection
        (Get-SdeAlmConnection 2 -Connection $server.Connection | ConvertTo-Csv | ConvertFrom-Csv).Settings | Should -BeExactly 'alm_project=MOB; sde_min_priority=7'
        $row = $connector | ConvertTo-Csv | ConvertFrom-Csv
        $row.Settings | Should -Match '^alm_method=https; alm_server=jira\.example\.com; alm_context_root=; alm_verify_ssl=true; alm_user=sde-bot@example\.com; alm_pass=\*{8}; alm_issue_type=Bug; '
        $row.Settings | Should -Not -Match 'System\.|jira-secret'
        "$($connector.Settings)" | Should -BeExactly $row.Settings

        $connector.Settings -is [System.Collections.IDictionary] | Should -BeTrue
        $connector.Settings['ALM_PASS'] | Should -BeOfType [securestring]
        $connector.Settings.alm_server | Should -Be 'jira.example.com'
        $connector.Settings[1] | Should -Be 'jira.example.com'
        @($connector.Settings.GetEnumerator() | Select-Object -First 2 | ForEach-Object { "$($_.Key)=$($_.Value)" }) | Should -Be @('alm_method=https', 'alm_server=jira.example.com')
        $json = $connector.Settings | ConvertTo-Json -Compress | ConvertFrom-Json
        @($json.PSObject.Properties.Name) | Should -Be @($connector.Settings.Keys)
        $json.alm_max_results | Should -Be 100
        { $connector.Settings.alm_server = 'other.example.com' } | Should -Throw '*read-only*'
        $connector.Settings.alm_server | Should -Be 'jira.example.com'
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

    It 'shows a table of Id, ProjectId, Alias, PluginId, ConnectorId, Frequency' {
        $server = New-TestServer
        $table = Get-SdeAlmConnection 1 -Connection $server.Connection | Format-Table | Out-String -Width 200
        $table | Should -Match 'Id\s+ProjectId\s+Alias\s+PluginId\s+ConnectorId\s+Frequency'
        $table | Should -Match '1\s+1\s+Payments JIRA\s+jira\s+1\s+daily'
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

Describe 'Secrets given back as settings' {
    BeforeAll {
        function ConvertTo-OrderedSetting {
            # The properties of an object (an Import-Csv row, a ConvertFrom-Json object) as an [ordered] dictionary, values as they are.
            param($InputObject)
            $setting = [ordered]@{}
            foreach ($property in $InputObject.PSObject.Properties) { $setting[$property.Name] = $property.Value }
            $setting
        }
    }

    It 'refuses a secret that went through <Form>, naming the field, and sends nothing, even with -SkipValidation' -ForEach @(
        @{ Form = 'ConvertTo-Json | ConvertFrom-Json -AsHashtable'; Read = { param($c) ($c | ConvertTo-Json -Depth 5 | ConvertFrom-Json -AsHashtable).Settings } }
        @{ Form = 'ConvertTo-Json at its default -Depth'; Read = { param($c) ($c | ConvertTo-Json | ConvertFrom-Json -AsHashtable).Settings } }
        @{ Form = 'ConvertFrom-Json objects, as Windows PowerShell reads JSON'; Read = { param($c) ConvertTo-OrderedSetting ($c | ConvertTo-Json -Depth 5 | ConvertFrom-Json).Settings } }
        @{ Form = 'Export-Csv and Import-Csv'; Read = {
                param($c)
                $path = Join-Path $TestDrive "settings-$([guid]::NewGuid().ToString('n')).csv"
                [pscustomobject]$c.Settings | Export-Csv -Path $path
                ConvertTo-OrderedSetting (Import-Csv -Path $path)
            }
        }
        @{ Form = 'the Format-List view'; Read = {
                param($c)
                $setting = [ordered]@{}
                foreach ($match in [regex]::Matches(($c | Format-List | Out-String -Width 300), '(?m)^(?:Settings\s*:\s*|\s+)(\w+) = (.*?)\s*$')) {
                    $setting[$match.Groups[1].Value] = $match.Groups[2].Value
                }
                $setting
            }
        }
    ) {
        $server = New-TestServer
        $connector = Get-SdeAlmConnector 1 -Connection $server.Connection
        $setting = & $Read $connector
        $setting.Contains('alm_pass') | Should -BeTrue
        $setting.Contains('alm_server') | Should -BeTrue
        foreach ($skip in @{}, @{ SkipValidation = $true }) {
            $record = Get-ErrorRecord { New-SdeAlmConnector 'Copy' jira $setting -Connection $server.Connection @skip }
            $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmSettingInvalid,*'
            $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $record.Exception.Message | Should -Match 'alm_pass: The value is .*, not a secret'
            $record.Exception.Message | Should -Not -Match 'jira-secret-T0ken'
            $record = Get-ErrorRecord { Set-SdeAlmConnector 1 -Setting $setting -Connection $server.Connection @skip }
            $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmSettingInvalid,*'
            $record.Exception.Message | Should -Match 'alm_pass: The value is'
        }
        @((Get-Journal $server.Scenario).requests | Where-Object method -NE 'GET') | Should -BeNullOrEmpty
        ((Get-Store $server.Scenario).connectors | Where-Object id -EQ 1).params.alm_pass | Should -Be 'jira-secret-T0ken'
        $connector.Settings['alm_pass'] | Should -BeOfType [securestring]
    }

    It 'takes the secret back from Export-Clixml and Import-Clixml, which keep the SecureString itself' {
        # (On Linux and macOS, PowerShell writes a SecureString to Clixml unencrypted, as hex UTF-16: the file holds the secret.)
        $server = New-TestServer
        $path = Join-Path $TestDrive 'connector.clixml'
        Get-SdeAlmConnector 1 -Connection $server.Connection | Export-Clixml -Path $path
        $back = Import-Clixml -Path $path
        $back.Settings['alm_pass'] | Should -BeOfType [securestring]
        $copy = New-SdeAlmConnector 'From Clixml' jira $back.Settings -Connection $server.Connection
        $copy.Settings['alm_pass'] | Should -BeOfType [securestring]
        ((Get-Store $server.Scenario).connectors | Where-Object id -EQ $copy.Id).params.alm_pass | Should -Be 'jira-secret-T0ken'
    }
}

Describe 'Settings as objects' {
    It 'takes the object ConvertFrom-Json makes (Windows PowerShell has no -AsHashtable), in its property order' {
        $server = New-TestServer
        $json = '{"alm_server": "jira.test.example", "alm_user": "bot@example.com", "alm_pass": "json-S3cret", "how_tos_in_scope": true, "alm_phases": ["requirements", "testing"]}'
        $new = New-SdeAlmConnector 'From JSON' jira ($json | ConvertFrom-Json) -Connection $server.Connection
        $new.Settings['alm_pass'] | Should -BeOfType [securestring]
        $stored = (Get-Store $server.Scenario).connectors | Where-Object id -EQ $new.Id
        @($stored.params.PSObject.Properties.Name)[0..4] | Should -Be @('alm_server', 'alm_user', 'alm_pass', 'how_tos_in_scope', 'alm_phases')
        $stored.params.alm_pass | Should -Be 'json-S3cret'
        $stored.params.alm_phases | Should -Be 'requirements,testing'
        Set-SdeAlmConnector $new.Id -Setting ('{"alm_user": "other@example.com"}' | ConvertFrom-Json) -Connection $server.Connection
        ((Get-Store $server.Scenario).connectors | Where-Object id -EQ $new.Id).params.alm_user | Should -Be 'other@example.com'
        Test-SdeAlmPluginSetting jira ($json | ConvertFrom-Json) -Scope system -Connection $server.Connection -Quiet | Should -BeTrue
    }

    It 'judges a nested object from ConvertFrom-Json by the field''s type, without showing it' {
        $server = New-TestServer
        $setting = '{"alm_server": {"host": "hidden.example.com"}, "alm_user": "u", "alm_pass": "p"}' | ConvertFrom-Json
        $record = Get-ErrorRecord { New-SdeAlmConnector 'Nested' jira $setting -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmSettingInvalid,*'
        $record.Exception.Message | Should -Match 'alm_server: A string field takes text, not an object with properties \(PSCustomObject\)\.'
        $record.Exception.Message | Should -Not -Match 'hidden'
        Get-MethodCount $server.Scenario 'POST' | Should -Be 0
    }

    It 'refuses <Name> for -Setting of <Command>, naming its type and never its value' -ForEach @(
        @{ Name = 'text'; Command = 'New-SdeAlmConnector'; Run = { param($c) New-SdeAlmConnector 'x' jira 'alm_pass=hidden-S3cret' -Connection $c }; Type = 'text \(a String\)' }
        @{ Name = 'a list'; Command = 'Set-SdeAlmConnector'; Run = { param($c) Set-SdeAlmConnector 1 -Setting @(@{ alm_pass = 'hidden-S3cret' }) -Connection $c }; Type = 'a list \(Object\[\]\)' }
        # Its -Setting shares position 0 with -PluginId of another set: PowerShell's conversion error carries the refusal.
        @{ Name = 'a number'; Command = 'Test-SdeAlmPluginSetting'; Run = { param($c) Test-SdeAlmPluginSetting jira 42 -Connection $c }; Type = 'a System.Int32'; ErrorId = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument' }
        @{ Name = 'text'; Command = 'Test-SdeAlmPluginSetting'; Run = { param($c) Test-SdeAlmPluginSetting -PluginId jira -Setting 'alm_pass=hidden-S3cret' -Connection $c }; Type = 'text \(a String\)'; ErrorId = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument' }
        @{ Name = 'a SecureString'; Command = 'Test-SdeAlmConnector'; Run = { param($c) Test-SdeAlmConnector -PluginId jira -Setting (ConvertTo-SecureString 'hidden-S3cret' -AsPlainText -Force) -Connection $c }; Type = 'a System.Security.SecureString' }
        @{ Name = 'a CSV row''s text, piped'; Command = 'New-SdeAlmConnection'; Run = { param($c) [pscustomobject]@{ ProjectId = 5; ConnectorId = 1; Alias = 'x'; Setting = 'alm_project=hidden-S3cret' } | New-SdeAlmConnection -Connection $c }; Type = 'text \(a String\)' }
        @{ Name = 'a date'; Command = 'Set-SdeAlmConnection'; Run = { param($c) Set-SdeAlmConnection 1 -Setting (Get-Date) -Connection $c }; Type = 'a System.DateTime' }
    ) {
        $server = New-TestServer
        $record = Get-ErrorRecord { & $Run $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike "$(if ($ErrorId) { $ErrorId } else { 'ParameterArgumentTransformationError' }),*"
        $record.CategoryInfo.Category | Should -Be $(if ($Category) { $Category } else { 'InvalidData' })
        $record.Exception.Message | Should -Match "-Setting takes a dictionary of settings .* or an object from ConvertFrom-Json, not $Type\."
        $record.Exception.Message | Should -Not -Match 'hidden-S3cret'
        @((Get-Journal $server.Scenario).requests | Where-Object method -NE 'GET') | Should -BeNullOrEmpty
    }
}

Describe 'Copies' {
    It 'copies an ALM connection into another project: Get-SdeAlmConnection -Id 1 | New-SdeAlmConnection -ProjectId 77, secrets included' {
        $server = New-TestServer
        # A project-level secret, so that the copy has one to carry (a warning: alm_pass is a system field).
        Set-SdeAlmConnection 1 -Setting @{ alm_pass = (New-Secret) } -Connection $server.Connection -WarningAction SilentlyContinue
        $copy = Get-SdeAlmConnection -Id 1 -Connection $server.Connection | New-SdeAlmConnection -ProjectId 77 -WarningAction SilentlyContinue
        $copy.ProjectId | Should -Be 77
        $store = Get-Store $server.Scenario
        $original = $store.connections | Where-Object id -EQ 1
        $stored = $store.connections | Where-Object id -EQ $copy.Id
        $stored.project | Should -Be 77
        $stored.connector | Should -Be $original.connector
        $stored.alias | Should -Be 'Payments JIRA'
        $stored.frequency | Should -Be 'daily'
        ($stored.params | ConvertTo-Json -Compress) | Should -Be ($original.params | ConvertTo-Json -Compress)
        $stored.params.alm_pass | Should -Be $NewSecret
        @($store.connections | Where-Object project -EQ 1).Count | Should -Be 1
    }

    It 'copies a connector: Get-SdeAlmConnector -Id <Id> | New-SdeAlmConnector -Name copy, secrets and reachability included' -ForEach @(
        @{ Id = 1; Secret = 'alm_pass' }
        @{ Id = 2; Secret = 'alm_pass' }
        @{ Id = 3; Secret = 'alm_api_token' }
    ) {
        $server = New-TestServer
        $copy = Get-SdeAlmConnector -Id $Id -Connection $server.Connection | New-SdeAlmConnector -Name copy
        $copy.Name | Should -Be 'copy'
        $store = Get-Store $server.Scenario
        $original = $store.connectors | Where-Object id -EQ $Id
        $stored = $store.connectors | Where-Object id -EQ $copy.Id
        $stored.system.id | Should -Be $original.system.id
        $stored.inaccessible | Should -Be $original.inaccessible
        ($stored.params | ConvertTo-Json -Compress) | Should -Be ($original.params | ConvertTo-Json -Compress)
        $stored.params.$Secret | Should -BeIn $SeededSecrets
    }

    It 'leaves the server''s own keys (last_successful_run) out of a copy on a current server, and says so' {
        $server = New-TestServer 'issuetracker'
        $source = Get-SdeAlmConnection -Id 1 -Connection $server.Connection
        $source.Settings.Contains('last_successful_run') | Should -BeTrue
        $VerbosePreference = 'Continue'
        $verbose = @($source | New-SdeAlmConnection -ProjectId 77 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $VerbosePreference = 'SilentlyContinue'
        $verbose | Should -Contain "ALM connection 'Payments JIRA' of project 77: last_successful_run: left out, not a field of plugin 'jira' on this server: the settings are those of a connector or ALM connection as read, where such a key is the server's own record, not a setting."
        $stored = (Get-Store $server.Scenario).connections | Where-Object project -EQ 77
        $stored.params.issue_tracker_project | Should -Be 'PAY'
        # The same copy from a script's own dictionary still refuses the key, as a typo would be.
        $own = [ordered]@{}
        foreach ($entry in $source.Settings.GetEnumerator()) { $own[$entry.Key] = $entry.Value }
        $record = Get-ErrorRecord { New-SdeAlmConnection 78 1 'Own' -Setting $own -Connection $server.Connection }
        $record.Exception.Message | Should -Match "last_successful_run: 'last_successful_run' is not a field of plugin 'jira'"
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

    It 'refuses a value of the wrong shape, even one PowerShell could turn into text, and sends nothing' {
        $server = New-TestServer
        $setting = New-JiraSetting
        $setting.alm_server = @{ host = 'jira.test.example' }
        $setting.alm_phases = @('requirements', (Get-Date))
        $record = Get-ErrorRecord { New-SdeAlmConnector 'Shapes' jira $setting -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmSettingInvalid,*'
        $record.Exception.Message | Should -Match 'alm_server: A string field takes text, not a dictionary\.'
        $record.Exception.Message | Should -Match 'alm_phases: A checkbox field takes option values, as a list or as comma-separated text, not a list that holds a date\.'
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

    It 'refuses to merge settings the server did not show, even with -SkipValidation, so nothing is wiped' {
        # Sent alone, the partial params would replace the stored ones whole: the simulator accepts them for github.
        $server = New-TestServer 'noconnectorparams'
        $record = Get-ErrorRecord { Set-SdeAlmConnector 3 -Setting @{ alm_api_token = (New-Secret) } -SkipValidation -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdePermissionDenied,*'
        $record.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $record.Exception.Message | Should -Match 'did not show the settings of ALM connector 3'
        $record.Exception.Message | Should -Match 'Nothing was sent'
        @((Get-Journal $server.Scenario).requests | Where-Object method -NE 'GET') | Should -BeNullOrEmpty
        $stored = (Get-Store $server.Scenario).connectors | Where-Object id -EQ 3
        $stored.params.alm_close_reason | Should -Be 'completed'
        $stored.params.alm_api_token | Should -Be 'ghp_simulatorToken0123456789'
        # What needs no merge still goes.
        Set-SdeAlmConnector 3 -Name 'GitHub.com' -SkipValidation -Connection $server.Connection
        ((Get-Store $server.Scenario).connectors | Where-Object id -EQ 3).name | Should -Be 'GitHub.com'
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

    It 'judges only what it is given: the server''s own keys (last_successful_run) and values pass' {
        $server = New-TestServer 'issuetracker'
        $before = Get-SdeAlmConnection 1 -Connection $server.Connection
        $before.Settings.Contains('last_successful_run') | Should -BeTrue
        $updated = $before | Set-SdeAlmConnection -Setting @{ issue_tracker_issue_type = 'Task' } -PassThru
        $updated.Settings.issue_tracker_issue_type | Should -Be 'Task'
        $stored = (Get-Store $server.Scenario).connections | Where-Object id -EQ 1
        $stored.params.issue_tracker_issue_type | Should -Be 'Task'
        $stored.params.issue_tracker_project | Should -Be 'PAY'
        Get-MethodCount $server.Scenario 'PATCH' | Should -Be 1
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
        $record = Get-ErrorRecord { New-SdeAlmConnector 'Old names' jira @{ alm_user = 'u'; alm_pass = (New-Secret) } -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmSettingInvalid,*'
        $record.Exception.Message | Should -Match 'issue_tracker_server: The field is required but missing'
        $record.Exception.Message | Should -Not -Match 'alm_user|alm_pass'
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

Describe 'Scripts written for the other generation of names' {
    BeforeAll {
        function Get-VerboseText {
            # The verbose records a command writes, as text.
            param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
            $VerbosePreference = 'Continue'
            @(& $ScriptBlock 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        }

        function Get-ParamName {
            # The param names the store holds for a connector or ALM connection: what the server was sent.
            param($Stored)
            @($Stored.params.PSObject.Properties.Name)
        }
    }

    It 'creates a connector from alm_* settings on a server of issue-tracker names, sending only its names, and says so' {
        $server = New-TestServer 'issuetracker'
        $setting = New-JiraSetting
        $setting.conflict_policy = 'alm'
        $setting.alm_phases = 'requirements', 'testing'
        $verbose = Get-VerboseText { $null = New-SdeAlmConnector 'Old script' jira $setting -Connection $server.Connection }
        $verbose | Should -Contain "ALM connector 'Old script': alm_server -> issue_tracker_server: this server uses the issue-tracker names"
        $verbose | Should -Contain "ALM connector 'Old script': alm_pass -> issue_tracker_pass: this server uses the issue-tracker names"
        $verbose | Should -Contain "ALM connector 'Old script': conflict_policy: 'alm' -> 'issue_tracker': this server uses the issue-tracker names"
        $stored = (Get-Store $server.Scenario).connectors | Where-Object id -EQ 4
        Get-ParamName $stored | Where-Object { $_ -like 'alm_*' } | Should -BeNullOrEmpty
        $stored.params.issue_tracker_server | Should -Be 'jira.test.example'
        $stored.params.issue_tracker_user | Should -Be 'bot@example.com'
        $stored.params.issue_tracker_pass | Should -Be $NewSecret
        $stored.params.issue_tracker_phases | Should -Be 'requirements,testing'
        $stored.params.conflict_policy | Should -Be 'issue_tracker'
    }

    It 'changes a connector and an ALM connection with alm_* settings, keeping the server''s names' {
        $server = New-TestServer 'issuetracker'
        $verbose = Get-VerboseText { Set-SdeAlmConnector 1 -Setting @{ alm_server = 'jira2.example.com'; conflict_policy = 'alm' } -Connection $server.Connection }
        $verbose | Should -Contain "ALM connector 1 'Jira Cloud': alm_server -> issue_tracker_server: this server uses the issue-tracker names"
        $verbose = Get-VerboseText { Set-SdeAlmConnection 1 -Setting @{ alm_issue_type = 'Task' } -Connection $server.Connection }
        $verbose | Should -Contain "ALM connection 1 'Payments JIRA': alm_issue_type -> issue_tracker_issue_type: this server uses the issue-tracker names"
        $store = Get-Store $server.Scenario
        $connector = $store.connectors | Where-Object id -EQ 1
        Get-ParamName $connector | Where-Object { $_ -like 'alm_*' } | Should -BeNullOrEmpty
        $connector.params.issue_tracker_server | Should -Be 'jira2.example.com'
        $connector.params.conflict_policy | Should -Be 'issue_tracker'
        $connector.params.issue_tracker_pass | Should -Be 'jira-secret-T0ken'
        $connection = $store.connections | Where-Object id -EQ 1
        Get-ParamName $connection | Where-Object { $_ -like 'alm_*' } | Should -BeNullOrEmpty
        $connection.params.issue_tracker_issue_type | Should -Be 'Task'
        $connection.params.issue_tracker_project | Should -Be 'PAY'
    }

    It 'creates an ALM connection from alm_* settings, unchecked too' {
        $server = New-TestServer 'issuetracker'
        $made = New-SdeAlmConnection 77 1 'Old script' -Setting ([ordered]@{ alm_project = 'OLD'; alm_parent_issue = 'OLD-1' }) -SkipValidation -Connection $server.Connection
        $made.Settings.issue_tracker_project | Should -Be 'OLD'
        $stored = (Get-Store $server.Scenario).connections | Where-Object id -EQ $made.Id
        @(Get-ParamName $stored) | Should -Be @('issue_tracker_project', 'issue_tracker_parent_issue')
    }

    It 'sends issue_tracker_* settings to a server of ALM names as its alm_* names' {
        $server = New-TestServer
        $verbose = Get-VerboseText { Set-SdeAlmConnection 1 -Setting @{ issue_tracker_issue_type = 'Task' } -Connection $server.Connection }
        $verbose | Should -Contain "ALM connection 1 'Payments JIRA': issue_tracker_issue_type -> alm_issue_type: this server uses the ALM names of SD Elements 4.x and 5.x"
        $stored = (Get-Store $server.Scenario).connections | Where-Object id -EQ 1
        $stored.params.alm_issue_type | Should -Be 'Task'
        Get-ParamName $stored | Where-Object { $_ -like 'issue_tracker_*' } | Should -BeNullOrEmpty
    }

    It 'tests unsaved alm_* settings against a server of issue-tracker names as that server spells them' {
        # Such a server has no testalm path: the check passes (translated), then the test is not offered.
        $server = New-TestServer 'issuetracker'
        $verbose = [System.Collections.Generic.List[string]]::new()
        $thrown = $null
        try {
            Test-SdeAlmConnector -PluginId jira -Setting (New-JiraSetting) -Connection $server.Connection -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $verbose.Add($_.Message) }
        }
        catch { $thrown = $_ }
        $verbose | Should -Contain "ALM connector 'SdeAlm connectivity test': alm_user -> issue_tracker_user: this server uses the issue-tracker names"
        $thrown.FullyQualifiedErrorId | Should -BeLike 'SdeAlmApiNotFound,*'
        Get-RequestLine $server.Scenario | Should -Contain 'POST api/v2/connectors/testalm/'
    }

    It 'still refuses a name neither generation knows, suggesting the server''s name' {
        $server = New-TestServer 'issuetracker'
        $setting = New-JiraSetting
        $setting.alm_sever = 'typo.example.com'
        $record = Get-ErrorRecord { New-SdeAlmConnector 'Typo' jira $setting -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmSettingInvalid,*'
        $record.Exception.Message | Should -Match "alm_sever: 'alm_sever' is not a field of plugin 'jira'\. Did you mean 'issue_tracker_server'\?"
        Get-MethodCount $server.Scenario 'POST' | Should -Be 0
    }

    It 'refuses a field given under both names, even with -SkipValidation' {
        $server = New-TestServer 'issuetracker'
        $record = Get-ErrorRecord { Set-SdeAlmConnector 1 -Setting ([ordered]@{ issue_tracker_server = 'a.example.com'; alm_server = 'b.example.com' }) -SkipValidation -Connection $server.Connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmSettingInvalid,*'
        $record.Exception.Message | Should -Match "issue_tracker_server: 'issue_tracker_server' and 'alm_server' name one field on this server"
        Get-MethodCount $server.Scenario 'PATCH' | Should -Be 0
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
        @{ Line = 'Remove-SdeAlmConnector ' }
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

Describe 'Remove-SdeAlmConnection and Remove-SdeAlmConnector' {
    It 'asks before it removes anything: ConfirmImpact High, -WhatIf and -Confirm for <Name>' -ForEach @(
        @{ Name = 'Remove-SdeAlmConnection' }
        @{ Name = 'Remove-SdeAlmConnector' }
    ) {
        $attribute = (Get-Command $Name).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'High'
    }

    It 'removes an ALM connection by id, and its jobs with it: one GET, then one DELETE' {
        $server = New-TestServer
        $verbose = Remove-SdeAlmConnection 3 -Connection $server.Connection -Confirm:$false -Verbose 4>&1 | ForEach-Object Message
        $verbose | Should -Contain "Removed ALM connection 3 'Legacy Trac' of project 2 on $($server.Connection.Server)."
        $store = Get-Store $server.Scenario
        @($store.connections.id) | Should -Be @(1, 2, 4)
        @($store.jobs | Where-Object connection -EQ 3) | Should -BeNullOrEmpty
        @(Get-RequestLine $server.Scenario | Where-Object { $_ -like '* api/v2/connections/*' }) |
            Should -Be @('GET api/v2/connections/alm/3/', 'DELETE api/v2/connections/alm/3/')
    }

    It 'sends nothing under -WhatIf, and reads what it would remove' {
        $server = New-TestServer
        Get-SdeAlmConnection -Connection $server.Connection | Remove-SdeAlmConnection -WhatIf
        Remove-SdeAlmConnector 1, 2, 3 -Connection $server.Connection -WhatIf
        Get-MethodCount $server.Scenario 'DELETE' | Should -Be 0
        @((Get-Store $server.Scenario).connections.id) | Should -Be @(1, 2, 3, 4)
        @((Get-Store $server.Scenario).connectors.id) | Should -Be @(1, 2, 3)
    }

    It 'reports removing twice as ObjectNotFound, without sending the second DELETE' {
        $server = New-TestServer
        $connection = Get-SdeAlmConnection 4 -Connection $server.Connection
        $connection | Remove-SdeAlmConnection -Confirm:$false
        $connection | Remove-SdeAlmConnection -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        @($problems.FullyQualifiedErrorId) | Should -Be @('SdeAlmConnectionNotFound,SdeAlm.Commands.RemoveSdeAlmConnectionCommand')
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be 4
        Get-MethodCount $server.Scenario 'DELETE' | Should -Be 1
    }

    It 'goes on after an unknown id and removes the others' {
        $server = New-TestServer
        Remove-SdeAlmConnection 77, 4 -Connection $server.Connection -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        @($problems.FullyQualifiedErrorId) | Should -Be @('SdeAlmConnectionNotFound,SdeAlm.Commands.RemoveSdeAlmConnectionCommand')
        @((Get-Store $server.Scenario).connections.id) | Should -Be @(1, 2, 3)
    }

    It 'removes a piped connector from the server it was read from, once no ALM connection uses it' {
        $first = New-TestServer
        $second = New-TestServer
        Get-SdeAlmConnection 4 -Connection $first.Connection | Remove-SdeAlmConnection -Confirm:$false
        Get-SdeAlmConnector 3 -Connection $first.Connection | Remove-SdeAlmConnector -Confirm:$false
        @((Get-Store $first.Scenario).connectors.id) | Should -Be @(1, 2)
        Get-RequestLine $second.Scenario | Should -BeNullOrEmpty
    }

    It 'gives the server''s words for a connector still used by ALM connections, and goes on' {
        $server = New-TestServer
        Remove-SdeAlmConnection 4 -Connection $server.Connection -Confirm:$false
        Get-SdeAlmConnector 1, 3 -Connection $server.Connection | Remove-SdeAlmConnector -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        @($problems.FullyQualifiedErrorId) | Should -Be @('SdeBadRequest,SdeAlm.Commands.RemoveSdeAlmConnectorCommand')
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $problems[0].Exception.Message | Should -BeLike '*The server said: Cannot delete connector "Jira Cloud": it is used by 2 ALM connection(s) (1, 2). Remove those ALM connections first (Get-SdeAlmConnection | Where-Object ConnectorId -EQ 1 | Remove-SdeAlmConnection), or point them at another connector.'
        @((Get-Store $server.Scenario).connectors.id) | Should -Be @(1, 2)
    }

    It 'says the server does not allow removing through the API when DELETE is <Answer>, and stops' -ForEach @(
        @{ Answer = '405'; Option = 'nodelete'; Words = 'DELETE answered 405 (method not allowed)' }
        @{ Answer = '404 for an ALM connection that exists'; Option = 'deletenotfound'; Words = 'DELETE answered 404 although ALM connection 3 exists' }
    ) {
        $server = New-TestServer $Option
        $record = Get-ErrorRecord { Get-SdeAlmConnection 3, 4 -Connection $server.Connection | Remove-SdeAlmConnection -Confirm:$false }
        $record.FullyQualifiedErrorId | Should -Be 'SdeAlmRemoveNotAllowed,SdeAlm.Commands.RemoveSdeAlmConnectionCommand'
        $record.CategoryInfo.Category | Should -Be 'NotImplemented'
        $record.TargetObject | Should -Be 3
        $record.Exception.Message | Should -BeExactly ("SD Elements at $($server.Connection.Server) does not allow removing an ALM connection through its API: $Words. " +
            "SD Elements does not document removing ALM connections through the API; remove ALM connection 3 in SD Elements' web interface.")
        Get-MethodCount $server.Scenario 'DELETE' | Should -Be 1 -Because 'every ALM connection would fail alike, so the command stops'
        @((Get-Store $server.Scenario).connections.id) | Should -Be @(1, 2, 3, 4)
    }

    It 'sends one DELETE after a 502 and says the ALM connection may have been removed, and how to check' {
        $server = New-TestServer 'writefail=502'
        $record = Get-ErrorRecord { Remove-SdeAlmConnection 4 -Connection $server.Connection -Confirm:$false }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeWriteOutcomeUnknown,*'
        $record.Exception.Message | Should -Match 'Run Get-SdeAlmConnection -Id 4 to see whether it was removed\.$'
        Get-MethodCount $server.Scenario 'DELETE' | Should -Be 1
        @((Get-Store $server.Scenario).connections.id) | Should -Be @(1, 2, 3)
    }

    It 'names the "Edit ALM connections" permission on a 403' {
        $server = New-TestServer 'noparams'
        $record = Get-ErrorRecord { Remove-SdeAlmConnection 4 -Connection $server.Connection -Confirm:$false }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdePermissionDenied,*'
        $record.Exception.Message | Should -Match 'Edit ALM connections'
    }

    It 'refuses a piped connector with -Connection to another server, before any request' {
        $first = New-TestServer
        $second = New-TestServer
        $connector = Get-SdeAlmConnector 3 -Connection $first.Connection
        $record = Get-ErrorRecord { $connector | Remove-SdeAlmConnector -Connection $second.Connection -Confirm:$false }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeServerConnectionMismatch,*'
        Get-RequestLine $second.Scenario | Should -BeNullOrEmpty
        Get-MethodCount $first.Scenario 'DELETE' | Should -Be 0
    }

    It 'uses the issue-tracker paths of current releases' {
        $server = New-TestServer 'issuetracker'
        Remove-SdeAlmConnection 4 -Connection $server.Connection -Confirm:$false
        Remove-SdeAlmConnector 3 -Connection $server.Connection -Confirm:$false
        @(Get-RequestLine $server.Scenario | Where-Object { $_ -like 'DELETE *' }) |
            Should -Be @('DELETE api/v2/connections/issue-tracker/4/', 'DELETE api/v2/connectors/issue-tracker/3/')
    }
}
