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
    ) {
        $object = & $Command
        $lines = ($object | Out-String -Width 250) -split "`n" | ForEach-Object TrimEnd | Where-Object { $_ }
        $headers = -split $lines[0]
        $headers.Count | Should -BeGreaterThan 4
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
