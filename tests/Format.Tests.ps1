BeforeAll {
    . $PSScriptRoot/common.ps1
    $null = Connect-TestSde
    $script:Catalog = Get-RawCatalog
}

AfterAll {
    Disconnect-Sde
}

Describe 'Default views' {
    It 'shows plugins as a table of id, name, command and field counts' {
        $lines = (Get-SdeAlmPlugin | Out-String -Width 200) -split "`n" | ForEach-Object TrimEnd
        $lines | Where-Object { $_ -match '^Id\s+Name\s+Command\s+Sections\s+Fields\s+Required$' } | Should -Not -BeNullOrEmpty
        foreach ($plugin in $Catalog) {
            $fields = @(foreach ($section in $plugin.sections) { $section.fields })
            $required = @($fields | Where-Object required).Count
            $pattern = '^{0}\s+{1}\s+{2}\s+{3}\s+{4}\s+{5}$' -f [regex]::Escape($plugin.id), [regex]::Escape($plugin.name), [regex]::Escape($plugin.command), @($plugin.sections).Count, $fields.Count, $required
            @($lines -match $pattern).Count | Should -Be 1 -Because $plugin.id
        }
    }

    It 'groups fields by plugin and section with name, label, type, required and default' {
        $text = Get-SdeAlmPluginField trac | Out-String -Width 200
        $raw = $Catalog | Where-Object id -eq trac
        foreach ($section in $raw.sections) {
            $label = if ($null -eq $section.label) { '(general)' } else { $section.label }
            $text | Should -Match ([regex]::Escape("Plugin / Section: trac / $label"))
        }
        $text | Should -Match 'Name\s+Label\s+FieldType\s+Required\s+Default'
        $method = $raw.sections.fields | Where-Object name -eq alm_method
        $text | Should -Match ('alm_method\s+{0}\s+{1}\s+True\s+{2}' -f $method.label, $method.field_type, $method.default)
    }

    It 'never shows type names or collection dumps: <Command>' -ForEach @(
        @{ Command = { Get-SdeAlmPlugin } }
        @{ Command = { Get-SdeAlmPluginField } }
        @{ Command = { (Get-SdeAlmPlugin -Id trac).Sections } }
        @{ Command = { (Get-SdeAlmPluginField trac -Name alm_method).Options } }
        @{ Command = { Get-SdeConnection } }
        @{ Command = { Get-SdeAlmPluginField trac -Name alm_method | Format-List } }
    ) {
        $text = & $Command | Out-String -Width 200
        $text | Should -Not -BeNullOrEmpty
        $text | Should -Not -Match 'SdeAlm\.Model'
        $text | Should -Not -Match '\{[^}]*(…|\.\.\.)\}'
    }
}
