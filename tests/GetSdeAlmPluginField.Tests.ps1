BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:AllRaw = @(Get-RawField)
}

Describe 'Get-SdeAlmPluginField' {
    BeforeEach {
        # Some tests connect elsewhere; each starts from a plain current connection.
        $null = Connect-TestSde
    }
    AfterAll {
        Disconnect-Sde
    }

    It 'reads plugin objects from the pipeline with exactly one request in all' {
        $scenario = New-Scenario
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
        $required = Get-SdeAlmPlugin -Connection $connection | Get-SdeAlmPluginField | Where-Object Required
        (Get-SimulatorRequest $scenario).count | Should -Be 1
        $expected = Select-Expected $AllRaw { $_.Field.required }
        @($required | ForEach-Object { "$($_.PluginId)/$($_.Name)" }) | Should -Be @($expected | ForEach-Object { "$($_.PluginId)/$($_.Field.name)" })
        Disconnect-Sde -Connection $connection
    }

    It 'returns every field of every plugin when no plugin is named' {
        $fields = Get-SdeAlmPluginField
        $fields | ForEach-Object { $_ | Should -BeOfType SdeAlm.Model.AlmPluginField }
        @($fields | ForEach-Object { "$($_.PluginId)/$($_.Section)/$($_.Name)" }) |
            Should -Be @($AllRaw | ForEach-Object { "$($_.PluginId)/$($_.Section)/$($_.Field.name)" })
    }

    It 'takes plugin ids as strings (<Form>)' -ForEach @(
        @{ Form = 'named'; Run = { Get-SdeAlmPluginField -PluginId jira } }
        @{ Form = 'positional'; Run = { Get-SdeAlmPluginField jira } }
        @{ Form = 'pipeline'; Run = { 'jira' | Get-SdeAlmPluginField } }
        @{ Form = 'by property name'; Run = { [pscustomobject]@{ PluginId = 'jira' } | Get-SdeAlmPluginField } }
    ) {
        $fields = & $Run
        @($fields.Name) | Should -Be @($AllRaw | Where-Object PluginId -eq jira | ForEach-Object { $_.Field.name })
        $fields | ForEach-Object { $_.PluginId | Should -Be 'jira' }
    }

    It 'takes wildcards in -PluginId' {
        $fields = Get-SdeAlmPluginField -PluginId 'j*', 'git*'
        @($fields.PluginId | Select-Object -Unique) | Should -Be @('jira', 'github')
    }

    It 'reports an unknown plugin id as ObjectNotFound and goes on' {
        $fields = Get-SdeAlmPluginField -PluginId nope, trac -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be 'nope'
        @($fields.PluginId | Select-Object -Unique) | Should -Be @('trac')
    }

    It 'filters on -Name with wildcards' {
        $expected = Select-Expected $AllRaw { $_.Field.name -like 'alm_p*' -or $_.Field.name -eq 'conflict_policy' }
        $fields = Get-SdeAlmPluginField -Name 'ALM_P*', 'conflict_policy'
        @($fields | ForEach-Object { "$($_.PluginId)/$($_.Name)" }) | Should -Be @($expected | ForEach-Object { "$($_.PluginId)/$($_.Field.name)" })
    }

    It 'filters on -Section with wildcards' {
        $expected = Select-Expected $AllRaw { $_.Section -like 'Cred*' }
        @((Get-SdeAlmPluginField -Section 'cred*').Name) | Should -Be @($expected.Field.name)
        $general = Select-Expected @($AllRaw | Where-Object PluginId -EQ 'trac') { $null -eq $_.Section }
        @((Get-SdeAlmPluginField trac -Section '').Name) | Should -Be @($general | ForEach-Object { $_.Field.name })
    }

    It 'filters on -Scope <Scope>' -ForEach @(@{ Scope = 'system' }, @{ Scope = 'project' }) {
        $expected = Select-Expected $AllRaw { $_.Field.scope -contains $Scope }
        $fields = Get-SdeAlmPluginField -Scope $Scope
        @($fields | ForEach-Object { "$($_.PluginId)/$($_.Name)" }) | Should -Be @($expected | ForEach-Object { "$($_.PluginId)/$($_.Field.name)" })
    }

    It 'rejects a -Scope that is neither system nor project' {
        $err = Get-ErrorRecord { Get-SdeAlmPluginField -Scope global }
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'filters on -FieldType' {
        $expected = Select-Expected $AllRaw { $_.Field.field_type -in 'radio', 'select' }
        @((Get-SdeAlmPluginField -FieldType radio, select).Name) | Should -Be @($expected.Field.name)
        @((Get-SdeAlmPluginField -FieldType '*string').FieldType | Select-Object -Unique) | Should -Be @('string', 'masked_string')
    }

    It 'keeps only required fields with -Required, combined with the other filters' {
        $expected = Select-Expected @($AllRaw | Where-Object PluginId -EQ 'trac') { $_.Field.required -and $_.Field.scope -contains 'system' }
        @((Get-SdeAlmPluginField trac -Required -Scope system).Name) | Should -Be @($expected.Field.name)
    }
}

Describe 'Field values as text' {
    BeforeAll {
        $null = Connect-TestSde
    }
    AfterAll {
        Disconnect-Sde
    }

    It 'keeps Scope and Options as collections that scripts index' {
        $field = Get-SdeAlmPluginField kitchen-sink -Name ks_required
        $field.Scope[0] | Should -Be 'system'
        $field.Scope[1] | Should -Be 'project'
        $field.Scope.Count | Should -Be 2
        $field.Scope -contains 'project' | Should -BeTrue
        $radio = Get-SdeAlmPluginField kitchen-sink -Name ks_radio
        $radio.Options[0].Label | Should -Be 'Option A'
        $radio.Options[1].Value | Should -Be 'b'
    }

    It 'writes readable text to CSV: joined scopes and options, structured defaults as key=value text' {
        $rows = Get-SdeAlmPluginField kitchen-sink -Name ks_required, ks_checkbox, ks_date_range | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $byName = @{}
        foreach ($row in $rows) { $byName[$row.Name] = $row }
        $byName['ks_required'].Scope | Should -Be 'system, project'
        $byName['ks_checkbox'].Options | Should -Be 'x, y, z'
        $byName['ks_checkbox'].Default | Should -Be 'x,z'
        $byName['ks_date_range'].Default | Should -Be 'from=2024-01-01; to=2024-12-31'
        $text = Get-SdeAlmPlugin | Get-SdeAlmPluginField | ConvertTo-Csv -NoTypeInformation | Out-String
        $text | Should -Not -Match 'System\.|SdeAlm\.Model'
    }

    It 'keeps a structured default a dictionary for scripts' {
        $field = Get-SdeAlmPluginField kitchen-sink -Name ks_date_range
        $field.Default['to'] | Should -Be '2024-12-31'
        $field.Default.From | Should -Be '2024-01-01'
        ($field | ConvertTo-Json -Depth 3 | ConvertFrom-Json).Default.to | Should -Be '2024-12-31'
    }
}
