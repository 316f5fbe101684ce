BeforeAll {
    . $PSScriptRoot/common.ps1
    $null = Connect-TestSde
    $script:Catalog = Get-RawCatalog
}

AfterAll {
    Disconnect-Sde
}

Describe 'Default views' {
    It 'shows plugins as a table of id, name and the count properties' {
        $lines = (Get-SdeAlmPlugin | Out-String -Width 200) -split "`n" | ForEach-Object TrimEnd
        $lines | Where-Object { $_ -match '^Id\s+Name\s+SectionCount\s+FieldCount\s+RequiredCount$' } | Should -Not -BeNullOrEmpty
        @($lines -match '^trac\s+Trac\s+5\s+13\s+5$').Count | Should -Be 1
        @($lines -match '^kitchen-sink\s+Kitchen Sink\s+5\s+25\s+1$').Count | Should -Be 1
        foreach ($plugin in $Catalog) {
            $fields = @(foreach ($section in $plugin.sections) { $section.fields })
            $required = @($fields | Where-Object required).Count
            $pattern = '^{0}\s+{1}\s+{2}\s+{3}\s+{4}$' -f [regex]::Escape($plugin.id), [regex]::Escape($plugin.name), @($plugin.sections).Count, $fields.Count, $required
            @($lines -match $pattern).Count | Should -Be 1 -Because $plugin.id
        }
    }

    It 'names every column of the <Type> table after a property of the object' -ForEach @(
        @{ Type = 'plugin'; Command = { Get-SdeAlmPlugin -Id trac } }
        @{ Type = 'field'; Command = { Get-SdeAlmPluginField trac -Name alm_method } }
        @{ Type = 'job'; Command = { Get-SdeAlmJob -Id 7 } }
        @{ Type = 'ALM connection'; Command = { Get-SdeAlmConnection 1 } }
        @{ Type = 'ALM connection with its last job'; Command = { Get-SdeAlmConnection 1 -IncludeLastJob } }
        @{ Type = 'connector'; Command = { Get-SdeAlmConnector 1 } }
        @{ Type = 'connectivity result'; Command = { Get-SdeAlmConnector 1 | Test-SdeAlmConnector } }
        @{ Type = 'server connection'; Command = { Get-SdeConnection } }
    ) {
        $object = & $Command
        $lines = ($object | Out-String -Width 250) -split "`n" | ForEach-Object TrimEnd | Where-Object { $_ -and $_ -notmatch '^\s*PluginId: ' }
        $headers = -split $lines[0]
        $headers.Count | Should -BeGreaterThan 2
        foreach ($header in $headers) {
            $object.PSObject.Properties.Name | Should -Contain $header
        }
    }

    It 'shows fields in one table per plugin, the plugin id once as its heading, after <Step>' -ForEach @(
        @{ Step = 'nothing'; Command = { Get-SdeAlmPluginField } }
        @{ Step = 'Where-Object'; Command = { Get-SdeAlmPlugin | Get-SdeAlmPluginField | Where-Object Required } }
        @{ Step = 'Format-Table'; Command = { Get-SdeAlmPluginField | Format-Table } }
    ) {
        $lines = Get-ConsoleLine $Command
        $plugins = @($Catalog | Where-Object { $_.sections.fields } | ForEach-Object id)
        @($lines -match '^\s*PluginId: ' | ForEach-Object { ($_ -split ': ')[1] }) | Should -Be $plugins
        @($lines -match '^Section\s+Name\s+FieldType\s+Required\s+Default').Count | Should -Be $plugins.Count
        @($lines -match '^-+\s+-+\s').Count | Should -Be $plugins.Count
        $lines | Should -Not -Match '^PluginId\s'
        $lines | Should -Not -Match 'Plugin / Section'
    }

    It 'shows the whole Section and Name, then FieldType, Required and Default at 80 columns' {
        $lines = Get-ConsoleLine { Get-SdeAlmPlugin | Get-SdeAlmPluginField }
        $lines | Where-Object Length -gt 79 | Should -BeNullOrEmpty
        @($lines -match '^Tasks to Synchronize\s+sde_verification_filter\s+checkbox\s+False\s+none,parti').Count | Should -Be 1
        @($lines -match '^Flags\s+ks_readonly_deprecated\s+boolean\s+False\s+False(\s|$)').Count | Should -Be 1
        @($lines -match '^Field Types\s+ks_date_range\s+date_range\s+False\s+from=2024').Count | Should -Be 1
        @($lines -match '^\(general\)\s+alm_project\s+string\s+True(\s|$)').Count | Should -Be 4
        @($lines -match '^Tâches à synchroniser\s+sde_min_priority\s').Count | Should -Be 1
    }

    It 'adds Label when the width allows' {
        $narrow = Get-ConsoleLine { Get-SdeAlmPluginField jira, trac -Required }
        $wide = Get-ConsoleLine { Get-SdeAlmPluginField jira, trac -Required } -Width 120
        $narrow | Where-Object { $_ -match '^Section\s+Name\s+FieldType\s+Required\s+Default\s+Label$' } | Should -Not -BeNullOrEmpty
        @($wide -match '^Credentials\s+alm_pass\s+masked_string\s+True\s+JIRA Password or API Token$').Count | Should -Be 1
        @($wide -match '^\(general\)\s+alm_project\s+string\s+True\s+Trac Milestone$').Count | Should -Be 1
    }

    It 'keeps the grouped table as the BySection view' {
        $text = Get-SdeAlmPluginField trac | Format-Table -View BySection | Out-String -Width 80
        $text | Should -Match ([regex]::Escape('Plugin / Section: trac / (general)'))
        $text | Should -Match ([regex]::Escape('Plugin / Section: trac / Connection Details'))
        $text | Should -Match 'Name\s+Label\s+FieldType\s+Required\s+Default'
        $text | Should -Match 'alm_method\s+Protocol\s+radio\s+True\s+https'
        $text | Should -Match 'sde_verification_filter\s'
    }

    It 'never shows type names or collection dumps: <Command>' -ForEach @(
        @{ Command = { Get-SdeAlmPlugin } }
        @{ Command = { Get-SdeAlmPluginField } }
        @{ Command = { (Get-SdeAlmPlugin -Id trac).Sections } }
        @{ Command = { (Get-SdeAlmPluginField trac -Name alm_method).Options } }
        @{ Command = { Get-SdeConnection } }
        @{ Command = { Get-SdeAlmPluginField trac -Name alm_method | Format-List } }
        @{ Command = { Get-SdeAlmPluginField kitchen-sink | Format-List } }
        @{ Command = { Get-SdeAlmPluginField kitchen-sink | Format-Table -View BySection } }
    ) {
        $text = & $Command | Out-String -Width 200
        $text | Should -Not -BeNullOrEmpty
        $text | Should -Not -Match 'SdeAlm\.Model'
        $text | Should -Not -Match '\{[^}]*(…|\.\.\.)\}'
    }
}

Describe 'Default views at 80 columns' {
    BeforeAll {
        # A store of its own, as seeded: jobs running, succeeded and failed, four ALM connections.
        $script:Scenario = New-Scenario
        $script:Server = Connect-TestSde $Scenario

        function Get-CellText {
            # The whole text of one cell of a table whose cells wrap: from the row's first line (the one
            # that matches -Row) and the lines under it that are blank before the column, the part under
            # the column's -Header, joined by -Separator (a space where words were wrapped).
            param([string[]] $Lines, [string] $Header, [string] $Row, [string] $Separator = ' ')
            $headerLine = @($Lines -match "(^|\s)$Header(\s|$)")[0]
            $start = [regex]::Match($headerLine, "(?<=^|\s)$Header(?=\s|$)").Index
            $after = [regex]::Match($headerLine.Substring($start + $Header.Length), '\S')
            $end = if ($after.Success) { $start + $Header.Length + $after.Index } else { [int]::MaxValue }
            $first = [array]::FindIndex($Lines, [Predicate[string]] { param($line) $line -match $Row })
            $first | Should -BeGreaterOrEqual 0 -Because "a row matches '$Row'"
            $parts = for ($index = $first; $index -lt $Lines.Count; $index++) {
                $line = $Lines[$index]
                if ($index -gt $first -and ($line.Length -eq 0 -or $line.Substring(0, [Math]::Min($start, $line.Length)).Trim())) { break }
                if ($line.Length -gt $start) { $line.Substring($start, [Math]::Min($end, $line.Length) - $start).Trim() }
            }
            @($parts | Where-Object { $_ }) -join $Separator
        }
    }

    AfterAll {
        Disconnect-Sde -Connection $Server
    }

    It 'tells running, succeeded and failed jobs apart and shows each message whole' {
        $lines = Get-ConsoleLine { Get-SdeAlmJob -Connection $Server }
        $lines | Where-Object Length -gt 79 | Should -BeNullOrEmpty
        $lines[1] | Should -Match '^\s*Id\s+AlmConnectionId\s+LastRun\s+Status\s+Message$'
        @($lines -match '^\s*6\s+2\s+\S+ \S+\s+Running$').Count | Should -Be 1
        @($lines -match '^\s*5\s+1\s+\S+ \S+\s+Succeeded\s+Synchronized').Count | Should -Be 1
        @($lines -match '^\s*4\s+1\s+\S+ \S+\s+Failed\s+Error: JIRA').Count | Should -Be 1
        Get-CellText $lines Message '^\s*7\s+3\s' | Should -BeExactly 'Error: could not connect to trac.corp.example: connection timed out.'
        Get-CellText $lines Message '^\s*4\s+1\s' | Should -BeExactly 'Error: JIRA answered 401 Unauthorized for user sde-bot@example.com.'
        Get-CellText $lines Message '^\s*1\s+1\s' | Should -BeExactly 'Synchronized 42 tasks: 3 created, 39 up to date.'
    }

    It 'gives jobs a Status to filter and sort on: Running, Succeeded or Failed' {
        $jobs = Get-SdeAlmJob -Connection $Server
        @($jobs | Where-Object Status -EQ Running | ForEach-Object Id) | Should -Be @(6)
        @($jobs | Where-Object Status -EQ Failed | ForEach-Object Id) | Should -Be @(7, 4, 2)
        @($jobs | Where-Object Status -EQ Succeeded | ForEach-Object Id) | Should -Be @(5, 3, 1)
        (Get-SdeAlmJob 6 -Connection $Server | ConvertTo-Csv | ConvertFrom-Csv).Status | Should -Be 'Running'
    }

    It 'shows the connector of each ALM connection, and LastJobSucceeded only when -IncludeLastJob read it' {
        $plain = Get-ConsoleLine { Get-SdeAlmConnection -Connection $Server }
        $plain[1] | Should -Match '^\s*Id\s+ProjectId\s+Alias\s+PluginId\s+ConnectorId\s+Frequency$'
        @($plain -match '^\s*3\s+2\s+Legacy Trac\s+trac\s+2\s+manually$').Count | Should -Be 1
        $withJob = Get-ConsoleLine { Get-SdeAlmConnection -IncludeLastJob -Connection $Server | Sort-Object Id -Descending }
        $withJob[1] | Should -Match '^\s*Id\s+ProjectId\s+Alias\s+PluginId\s+ConnectorId\s+Frequency\s+LastJobSucceeded$'
        @($withJob -match '^\s*3\s+2\s+Legacy Trac\s+trac\s+2\s+manually\s+False$').Count | Should -Be 1
        @($withJob -match '^\s*4\s+3\s+Website GitHub\s+github\s+3\s+hourly$').Count | Should -Be 1
        $withJob | Where-Object Length -gt 79 | Should -BeNullOrEmpty
        $connection = Get-SdeAlmConnection 1 -IncludeLastJob -Connection $Server
        $connection.PSObject.TypeNames[0] | Should -Be 'SdeAlm.Model.AlmConnection#IncludeLastJob'
        $connection | Should -BeOfType SdeAlm.Model.AlmConnection
        (Get-SdeAlmConnection 1 -Connection $Server).PSObject.TypeNames[0] | Should -Be 'SdeAlm.Model.AlmConnection'
    }

    It 'shows the whole reason of a failed connectivity test' {
        $setting = @{ alm_server = 'unreachable.example.com'; alm_user = 'sde-bot@example.com'; alm_pass = 'wrong' }
        $lines = Get-ConsoleLine { Test-SdeAlmConnector -PluginId jira -Setting $setting -Connection $Server }
        $lines | Where-Object Length -gt 79 | Should -BeNullOrEmpty
        @($lines -match '^Target\s+Success\s+Message$').Count | Should -Be 1
        Get-CellText $lines Message '^plugin jira \(unsaved\)\s+False\s' | Should -BeExactly 'Unable to connect to the ALM server unreachable.example.com: connection timed out.'
    }

    It 'shows the whole address of every server connection' {
        $long = "$($SimulatorUrl.TrimEnd('/'))/sde/context-root-of-a-longer-address/"
        $other = Connect-Sde -Server $long -Token (Get-TestToken) -AllowUnencryptedAuthentication -NotCurrent -SkipValidation
        try {
            $lines = Get-ConsoleLine { Get-SdeConnection -All }
            $lines | Where-Object Length -gt 79 | Should -BeNullOrEmpty
            @($lines -match '^IsCurrent\s+Server\s+User\s+ConnectedAt\s+IsOpen$').Count | Should -Be 1
            Get-CellText $lines Server '\(not validated\)' -Separator '' | Should -BeExactly $long
        }
        finally {
            Disconnect-Sde -Connection $other
        }
    }
}
