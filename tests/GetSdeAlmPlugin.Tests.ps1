BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Catalog = Get-RawCatalog
    $script:Ids = @($Catalog.id)
}

Describe 'Get-SdeAlmPlugin' {
    BeforeEach {
        # Some tests connect elsewhere; each starts from a plain current connection.
        $null = Connect-TestSde
    }
    AfterAll {
        Disconnect-Sde
    }

    It 'lists every plugin in catalog order' {
        $plugins = Get-SdeAlmPlugin
        $plugins | ForEach-Object { $_ | Should -BeOfType SdeAlm.Model.AlmPlugin }
        @($plugins.Id) | Should -Be $Ids
        @($plugins.Name) | Should -Be @($Catalog.name)
        @($plugins.ShortName) | Should -Be @($Catalog.short_name)
        @($plugins.Command) | Should -Be @($Catalog.command)
    }

    It 'keeps every section and field of the documented Trac plugin' {
        $raw = $Catalog | Where-Object id -eq trac
        $trac = Get-SdeAlmPlugin -Id trac
        $trac.Sections.Count | Should -Be $raw.sections.Count
        for ($i = 0; $i -lt $raw.sections.Count; $i++) {
            $section = $trac.Sections[$i]
            $section.PluginId | Should -Be 'trac'
            $section.Label | Should -Be $raw.sections[$i].label
            $section.Optional | Should -Be $raw.sections[$i].optional
            @($section.Fields.Name) | Should -Be @($raw.sections[$i].fields.name)
        }
    }

    It 'fetches an exact id from /plugins/alm/{id}/ (<Form>)' -ForEach @(
        @{ Form = 'named'; Run = { Get-SdeAlmPlugin -Id jira } }
        @{ Form = 'positional'; Run = { Get-SdeAlmPlugin jira } }
        @{ Form = 'pipeline'; Run = { 'jira' | Get-SdeAlmPlugin } }
        @{ Form = 'by property name'; Run = { [pscustomobject]@{ Id = 'jira' } | Get-SdeAlmPlugin } }
    ) {
        $scenario = New-Scenario
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
        $PSDefaultParameterValues['Get-SdeAlmPlugin:Connection'] = $connection
        try {
            $plugin = & $Run
        }
        finally {
            $PSDefaultParameterValues.Remove('Get-SdeAlmPlugin:Connection')
        }
        $plugin.Id | Should -Be 'jira'
        $plugin.Name | Should -Be ($Catalog | Where-Object id -eq jira).name
        (Get-SimulatorRequest $scenario).count | Should -Be 1
        Disconnect-Sde -Connection $connection
    }

    It 'returns several ids in the order given' {
        @((Get-SdeAlmPlugin -Id github, trac).Id) | Should -Be @('github', 'trac')
        @(('empty', 'jira' | Get-SdeAlmPlugin).Id) | Should -Be @('empty', 'jira')
    }

    It 'filters the list with wildcards in -Id' {
        $expected = @(Select-Expected $Ids { $_ -like '*i*' })
        @((Get-SdeAlmPlugin -Id '*i*').Id) | Should -Be $expected
        @((Get-SdeAlmPlugin -Id 'TR*').Id) | Should -Be @('trac')
    }

    It 'filters on Name with wildcards in -Name' {
        $expected = @(Select-Expected $Catalog { $_.name -like '*a*' } | ForEach-Object id)
        @((Get-SdeAlmPlugin -Name '*a*').Id) | Should -Be $expected
        @((Get-SdeAlmPlugin -Name 'jira', 'git*').Id) | Should -Be @('jira', 'github')
        Get-SdeAlmPlugin -Id trac -Name 'JIRA' -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @($problems.FullyQualifiedErrorId) | Should -Be @('SdeFilterNoMatch,SdeAlm.Commands.GetSdeAlmPluginCommand')
        $problems[0].Exception.Message | Should -BeLike "No ALM plugin named by -Id matches -Name 'JIRA'.*"
    }

    It 'reports an unknown id as ObjectNotFound and still returns the others' {
        $plugins = Get-SdeAlmPlugin -Id trac, no-such-plugin, jira -ErrorVariable problems -ErrorAction SilentlyContinue
        @($plugins.Id) | Should -Be @('trac', 'jira')
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SdeAlmPluginNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be 'no-such-plugin'
        $problems[0].Exception.Message | Should -Match "no-such-plugin"
        $problems[0].Exception.Message | Should -Match 'Get-SdeAlmPlugin'
    }

    It 'returns nothing and no error when a wildcard matches nothing' {
        Get-SdeAlmPlugin -Id 'zzz*' -ErrorVariable problems | Should -BeNullOrEmpty
        $problems.Count | Should -Be 0
    }

    It 'follows next links through every page' {
        $scenario = New-Scenario 'page=2'
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
        @((Get-SdeAlmPlugin -Connection $connection).Id) | Should -Be $Ids
        (Get-SimulatorRequest $scenario).count | Should -Be ([math]::Ceiling($Ids.Count / 2))
        Disconnect-Sde -Connection $connection
    }

    It 'uses -Connection instead of the current connection' {
        $scenario = New-Scenario
        $other = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
        $null = Connect-TestSde
        @((Get-SdeAlmPlugin -Connection $other).Id) | Should -Be $Ids
        (Get-SimulatorRequest $scenario).count | Should -Be 1
        Disconnect-Sde -Connection $other
    }
}

Describe 'Plugin objects' {
    BeforeAll {
        $null = Connect-TestSde
        $script:Fields = Get-SdeAlmPlugin -Id kitchen-sink | Get-SdeAlmPluginField
        $script:RawFields = Get-RawField ($Catalog | Where-Object id -eq kitchen-sink)
    }
    AfterAll {
        Disconnect-Sde
    }

    It 'gives Default as plain .NET values of the JSON type' {
        foreach ($raw in $RawFields) {
            $field = $Fields | Where-Object Name -eq $raw.Field.name
            $value = $raw.Field.default
            if ($null -eq $value) {
                $field.Default | Should -BeNullOrEmpty -Because $raw.Field.name
                $field.PSObject.Properties['Default'].Value | Should -Be $null
            }
            elseif ($value -is [pscustomobject]) {
                $field.Default | Should -BeOfType System.Collections.Specialized.OrderedDictionary
                @($field.Default.Keys) | Should -Be @($value.PSObject.Properties.Name)
            }
            else {
                $field.Default.GetType().Name | Should -BeIn @('String', 'Boolean', 'Int64', 'Double') -Because $raw.Field.name
                $field.Default | Should -Be $value -Because $raw.Field.name
                ($field.Default -is [bool]) | Should -Be ($value -is [bool]) -Because $raw.Field.name
                ($field.Default -is [string]) | Should -Be ($value -is [string]) -Because $raw.Field.name
            }
        }
    }

    It 'keeps every property of every field' {
        foreach ($raw in $RawFields) {
            $field = $Fields | Where-Object Name -eq $raw.Field.name
            $field.PluginId | Should -Be 'kitchen-sink'
            $field.Section | Should -Be $raw.Section
            $field.Label | Should -Be $raw.Field.label
            $field.Description | Should -Be $raw.Field.description
            $field.FieldType | Should -Be $raw.Field.field_type
            $field.ReadOnly | Should -Be $raw.Field.readonly
            $field.MaxLength | Should -Be $raw.Field.max_length
            $field.Required | Should -Be $raw.Field.required
            $field.Deprecated | Should -Be $raw.Field.deprecated
            $field.Placeholder | Should -Be $raw.Field.placeholder
            @($field.Scope) | Should -Be @($raw.Field.scope)
            $field.HelpText | Should -Be $raw.Field.help_text
            @($field.Options.Value) | Should -Be @($raw.Field.options.value)
            @($field.Options.Label) | Should -Be @($raw.Field.options.label)
            @($field.Options.Disabled) | Should -Be @($raw.Field.options.disabled)
        }
    }

    It 'passes unknown field types through and keeps unicode text' {
        # kitchen-sink's date_range is a type no version of the catalog documents: it comes through as sent.
        $dateRange = Get-SdeAlmPluginField -PluginId kitchen-sink -Name ks_date_range
        $dateRange.FieldType | Should -BeExactly 'date_range'
        $dateRange.Default.from | Should -Be '2024-01-01'
        $azure = Get-SdeAlmPlugin -Id azure-devops | Get-SdeAlmPluginField
        $rawAzure = Get-RawField ($Catalog | Where-Object id -eq azure-devops)
        @($azure.Label) | Should -Be @($rawAzure.Field.label)
        @($azure.Section) | Should -Be @($rawAzure.Section)
    }

    It 'returns a plugin with no sections as an empty plugin' {
        $empty = Get-SdeAlmPlugin -Id empty
        $empty.Id | Should -Be 'empty'
        $empty.Sections.Count | Should -Be 0
        Get-SdeAlmPluginField -PluginId empty | Should -BeNullOrEmpty
    }
}

Describe 'Plugin counts as properties' {
    BeforeAll {
        $null = Connect-TestSde
    }
    AfterAll {
        Disconnect-Sde
    }

    It 'gives every plugin SectionCount, FieldCount and RequiredCount, the number of its required fields, which Required repeats' {
        $rows = Get-SdeAlmPlugin | ForEach-Object { '{0} {1} {2} {3} {4}' -f $_.Id, $_.SectionCount, $_.FieldCount, $_.RequiredCount, $_.Required }
        $rows | Should -Be @('trac 5 13 5 5', 'jira 6 22 6 6', 'github 6 16 4 4', 'azure-devops 6 14 6 6', 'kitchen-sink 5 25 1 1', 'empty 0 0 0 0')
        (Get-SdeAlmPlugin -Id trac).RequiredCount | Should -BeOfType [int]
    }

    It 'keeps the plugins with at least one required field under Where required' {
        @((Get-SdeAlmPlugin | Where required).Id) | Should -Be @('trac', 'jira', 'github', 'azure-devops', 'kitchen-sink')
    }

    It 'filters, sorts and selects on the counts' {
        @((Get-SdeAlmPlugin | Where-Object RequiredCount -gt 4).Id) | Should -Be @('trac', 'jira', 'azure-devops')
        @((Get-SdeAlmPlugin | Where-Object Required -gt 4).Id) | Should -Be @('trac', 'jira', 'azure-devops')
        @((Get-SdeAlmPlugin | Sort-Object RequiredCount, Id).Id) | Should -Be @('empty', 'kitchen-sink', 'github', 'trac', 'azure-devops', 'jira')
        @((Get-SdeAlmPlugin | Sort-Object FieldCount).Id) | Should -Be @('empty', 'trac', 'azure-devops', 'github', 'jira', 'kitchen-sink')
        $selected = Get-SdeAlmPlugin -Id github | Select-Object Id, Required
        "$($selected.Id) $($selected.Required)" | Should -Be 'github 4'
    }

    It 'does not let a script change what the catalog said' {
        $plugin = Get-SdeAlmPlugin -Id trac
        { $plugin.Id = 'other' } | Should -Throw -ExpectedMessage '*ReadOnly*'
        { $plugin.RequiredCount = 0 } | Should -Throw -ExpectedMessage '*ReadOnly*'
        { $plugin.Required = 0 } | Should -Throw -ExpectedMessage '*ReadOnly*'
        { $plugin.Sections[0].Fields[0].Required = $false } | Should -Throw -ExpectedMessage '*ReadOnly*'
        { $plugin.Sections[0] = $null } | Should -Throw
        $plugin.Id | Should -Be 'trac'
        $plugin.Sections[0].Fields[0].Required | Should -BeTrue
        $plugin.Sections.Length | Should -Be 5
    }
}
