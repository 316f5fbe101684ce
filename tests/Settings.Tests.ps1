BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Catalog = @(Get-RawCatalog)

    function Get-RawPluginField {
        # The raw fields of one plugin, in catalog order.
        param([string] $PluginId)
        Get-RawField -Catalog $Catalog | Where-Object PluginId -eq $PluginId | ForEach-Object Field
    }

    function Get-SettableRawField {
        # What a template holds: fields that are neither read-only nor deprecated, within the scope.
        param([string] $PluginId, [string] $Scope)
        Get-RawPluginField $PluginId | Where-Object { -not $_.readonly -and -not $_.deprecated -and (-not $Scope -or $_.scope -contains $Scope) }
    }

    function Get-FillValue {
        # A valid value for a required field that has no default: its first enabled option, or its placeholder, or 'x'.
        param($Field)
        $option = @($Field.options | Where-Object { -not $_.disabled })[0]
        if ($option) { return [string]$option.value }
        if ($Field.field_type -eq 'boolean') { return $true }
        if ($Field.field_type -eq 'integer') { return 1 }
        if ($Field.placeholder) { return [string]$Field.placeholder }
        'x'
    }

    function New-ValidSetting {
        # The plugin's template with the required blanks filled.
        param([string] $PluginId, [string] $Scope)
        $parameters = @{ PluginId = $PluginId }
        if ($Scope) { $parameters.Scope = $Scope }
        $setting = New-SdeAlmPluginSetting @parameters
        foreach ($field in Get-SettableRawField $PluginId $Scope) {
            if ($field.required -and [string]::IsNullOrWhiteSpace([string]$setting[$field.name])) {
                $setting[$field.name] = Get-FillValue $field
            }
        }
        $setting
    }

    function Get-EditDistance {
        # Levenshtein distance ignoring case: the test's own oracle for the suggested field name.
        param([string] $From, [string] $To)
        $source = $From.ToUpperInvariant(); $target = $To.ToUpperInvariant()
        $d = [int[, ]]::new($source.Length + 1, $target.Length + 1)
        for ($i = 0; $i -le $source.Length; $i++) { $d[$i, 0] = $i }
        for ($j = 0; $j -le $target.Length; $j++) { $d[0, $j] = $j }
        for ($i = 1; $i -le $source.Length; $i++) {
            for ($j = 1; $j -le $target.Length; $j++) {
                $cost = if ($source[$i - 1] -ceq $target[$j - 1]) { 0 } else { 1 }
                $d[$i, $j] = [Math]::Min([Math]::Min($d[($i - 1), $j] + 1, $d[$i, ($j - 1)] + 1), $d[($i - 1), ($j - 1)] + $cost)
            }
        }
        $d[$source.Length, $target.Length]
    }

    function Get-Problem {
        # The problems Test-SdeAlmPluginSetting reports for one field of a setting.
        param([string] $PluginId, [System.Collections.IDictionary] $Setting, [string] $Field)
        @((Test-SdeAlmPluginSetting $PluginId $Setting).Problems | Where-Object { $_.Field -ceq $Field })
    }

    # Fields picked from the raw catalog by what they are, so the tests follow the fixtures.
    $script:AllRaw = @(Get-RawField -Catalog $Catalog)
    $script:Radio = $AllRaw | Where-Object { $_.Field.field_type -eq 'radio' -and -not $_.Field.readonly -and -not $_.Field.deprecated -and @($_.Field.options | Where-Object { -not $_.disabled }).Count } | Select-Object -First 1
    $script:NumericSelect = $AllRaw | Where-Object { $_.Field.field_type -eq 'select' -and $_.Field.options.Count -and @($_.Field.options.value) -match '^\d+$' } | Select-Object -First 1
    $script:Checkbox = $AllRaw | Where-Object { $_.Field.field_type -eq 'checkbox' -and @($_.Field.options | Where-Object { -not $_.disabled }).Count -ge 2 } | Select-Object -First 1
    $script:DisabledOption = $AllRaw | Where-Object { $_.Field.field_type -in 'radio', 'select' -and ($_.Field.options.disabled -contains $true) -and ($_.Field.options.disabled -contains $false) } | Select-Object -First 1
    $script:Boolean = $AllRaw | Where-Object { $_.Field.field_type -eq 'boolean' -and -not $_.Field.readonly -and -not $_.Field.deprecated } | Select-Object -First 1
    $script:Integer = $AllRaw | Where-Object { $_.Field.field_type -eq 'integer' -and -not $_.Field.readonly } | Select-Object -First 1
    $script:Limited = $AllRaw | Where-Object { $_.Field.field_type -in 'string', 'text' -and $_.Field.max_length } | Select-Object -First 1
    $script:ReadOnly = $AllRaw | Where-Object { $_.Field.readonly -and -not $_.Field.deprecated } | Select-Object -First 1
    $script:Deprecated = $AllRaw | Where-Object { $_.Field.deprecated -and -not $_.Field.readonly } | Select-Object -First 1
    $script:KnownTypes = 'string', 'masked_string', 'text', 'textarea', 'radio', 'select', 'checkbox', 'boolean', 'integer'
    $script:Unknown = $AllRaw | Where-Object { $_.Field.field_type -notin $KnownTypes } | Select-Object -First 1
}

Describe 'New-SdeAlmPluginSetting' {
    BeforeEach {
        $null = Connect-TestSde
    }
    AfterAll {
        Disconnect-Sde
    }

    It 'returns an ordered dictionary with one key per settable field of <_>, in catalog order' -ForEach @('trac', 'jira', 'github', 'azure-devops', 'kitchen-sink', 'empty') {
        $template = New-SdeAlmPluginSetting $_
        $template | Should -BeOfType System.Collections.Specialized.OrderedDictionary
        @($template.Keys) | Should -Be @(Get-SettableRawField $_ | ForEach-Object name)
    }

    It 'leaves out read-only and deprecated fields' {
        $flagged = @($AllRaw | Where-Object { $_.Field.readonly -or $_.Field.deprecated })
        $flagged.Count | Should -BeGreaterThan 0
        foreach ($entry in $flagged) {
            (New-SdeAlmPluginSetting $entry.PluginId).Contains($entry.Field.name) | Should -BeFalse
        }
    }

    It 'keeps only the fields of -Scope <_>' -ForEach @('system', 'project') {
        foreach ($plugin in $Catalog) {
            $template = New-SdeAlmPluginSetting $plugin.id -Scope $_
            @($template.Keys) | Should -Be @(Get-SettableRawField $plugin.id $_ | ForEach-Object name)
        }
    }

    It 'values each field by its default in its natural type' {
        foreach ($plugin in $Catalog) {
            $template = New-SdeAlmPluginSetting $plugin.id
            foreach ($field in Get-SettableRawField $plugin.id) {
                $value = $template[$field.name]
                if ($null -eq $field.default) {
                    $value | Should -BeNullOrEmpty -Because "$($plugin.id)/$($field.name) has no default"
                    continue
                }
                switch ($field.field_type) {
                    'boolean' { $value | Should -BeOfType bool; $value | Should -Be ([bool]::Parse("$($field.default)")) }
                    'checkbox' { $value | Should -BeOfType string; $value | Should -BeExactly (@($field.default) -join ',') }
                    'integer' { $value | Should -BeOfType long; $value | Should -Be $field.default }
                    { $_ -notin $KnownTypes } {
                        # A structured default of a future type stays structured.
                        @($value.Keys) | Should -Be @($field.default.PSObject.Properties.Name)
                        @($value.Values) | Should -Be @($field.default.PSObject.Properties.Value)
                    }
                    default { $value | Should -Be $field.default; $value.GetType() | Should -Be $field.default.GetType() }
                }
            }
        }
    }

    It 'keeps numbers as numbers and the comma text of checkboxes as given' {
        $numbers = @($AllRaw | Where-Object { $_.Field.default -is [long] -or $_.Field.default -is [int] -or $_.Field.default -is [double] })
        $numbers.Count | Should -BeGreaterThan 1
        foreach ($entry in $numbers) {
            $value = (New-SdeAlmPluginSetting $entry.PluginId)[$entry.Field.name]
            ($value -is [long] -or $value -is [double]) | Should -BeTrue -Because "$($entry.Field.name) defaults to the number $($entry.Field.default)"
            $value | Should -Be $entry.Field.default
        }
        $checkboxes = @($AllRaw | Where-Object { $_.Field.field_type -eq 'checkbox' -and "$($_.Field.default)".Contains(',') })
        $checkboxes.Count | Should -BeGreaterThan 0
        foreach ($entry in $checkboxes) {
            (New-SdeAlmPluginSetting $entry.PluginId)[$entry.Field.name] | Should -BeExactly $entry.Field.default
        }
    }

    It 'takes the plugin as <Form>' -ForEach @(
        @{ Form = 'a plugin object from the pipeline'; Run = { Get-SdeAlmPlugin jira | New-SdeAlmPluginSetting } }
        @{ Form = 'an object with a PluginId property'; Run = { [pscustomobject]@{ PluginId = 'jira' } | New-SdeAlmPluginSetting } }
        @{ Form = 'a string from the pipeline'; Run = { 'jira' | New-SdeAlmPluginSetting } }
        @{ Form = 'a named -PluginId'; Run = { New-SdeAlmPluginSetting -PluginId jira } }
    ) {
        $templates = @(& $Run)
        $templates.Count | Should -Be 1
        @($templates[0].Keys) | Should -Be @(Get-SettableRawField jira | ForEach-Object name)
    }

    It 'builds the template of a piped plugin without another request' {
        $scenario = New-Scenario
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
        $templates = @(Get-SdeAlmPlugin -Connection $connection | New-SdeAlmPluginSetting)
        $templates.Count | Should -Be $Catalog.Count
        (Get-SimulatorRequest $scenario).count | Should -Be 1
        Disconnect-Sde -Connection $connection
    }

    It 'reports an unknown plugin id like the Get cmdlets do, and goes on' {
        $templates = @('nope', 'trac' | New-SdeAlmPluginSetting -ErrorVariable problems -ErrorAction SilentlyContinue)
        $expected = Get-ErrorRecord { Get-SdeAlmPlugin nope }
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be ($expected.FullyQualifiedErrorId -replace 'GetSdeAlmPluginCommand', 'NewSdeAlmPluginSettingCommand')
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be 'nope'
        $templates.Count | Should -Be 1
    }

    It 'does not expand wildcards: a plugin id is exact' {
        $err = Get-ErrorRecord { New-SdeAlmPluginSetting 'tr*' }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeAlmPluginNotFound,*'
    }

    It 'fails with SdeNotConnected when there is no connection' {
        Disconnect-Sde
        $err = Get-ErrorRecord { New-SdeAlmPluginSetting trac }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeNotConnected,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
    }
}

Describe 'Test-SdeAlmPluginSetting' {
    BeforeEach {
        $null = Connect-TestSde
    }
    AfterAll {
        Disconnect-Sde
    }

    Context 'results' {
        It 'validates the template of <_> once the required blanks are filled' -ForEach @('trac', 'jira', 'github', 'azure-devops', 'kitchen-sink', 'empty') {
            $result = Test-SdeAlmPluginSetting $_ (New-ValidSetting $_)
            $result.Problems | Should -BeNullOrEmpty
            $result.IsValid | Should -BeTrue
        }

        It 'validates the -Scope <_> template of every plugin with the same -Scope' -ForEach @('system', 'project') {
            foreach ($plugin in $Catalog) {
                $result = Test-SdeAlmPluginSetting $plugin.id (New-ValidSetting $plugin.id $_) -Scope $_
                $result.Problems | Should -BeNullOrEmpty -Because $plugin.id
            }
        }

        It 'returns PluginId, IsValid and Problems with Field, Severity and Message' {
            $result = Test-SdeAlmPluginSetting trac @{ no_such_field = 1 }
            $result | Should -BeOfType SdeAlm.Model.AlmPluginSettingTestResult
            @($result.PSObject.Properties.Name) | Should -Be @('PluginId', 'IsValid', 'Problems')
            $result.PluginId | Should -Be 'trac'
            $result.IsValid | Should -BeFalse
            $problem = $result.Problems | Where-Object Field -eq 'no_such_field'
            @($problem.PSObject.Properties.Name) | Should -Be @('Field', 'Severity', 'Message')
            $problem.Severity | Should -Be 'Error'
            $problem.Message | Should -Not -BeNullOrEmpty
        }

        It 'returns only $true or $false with -Quiet' {
            $valid = Test-SdeAlmPluginSetting trac (New-ValidSetting trac) -Quiet
            $invalid = Test-SdeAlmPluginSetting trac @{} -Quiet
            $valid | Should -BeOfType bool
            $valid | Should -BeTrue
            $invalid | Should -BeOfType bool
            $invalid | Should -BeFalse
        }

        It 'takes the plugin as <Form>' -ForEach @(
            @{ Form = 'a plugin object from the pipeline'; Run = { param($s) Get-SdeAlmPlugin trac | Test-SdeAlmPluginSetting -Setting $s } }
            @{ Form = 'a plugin object and a positional setting'; Run = { param($s) Get-SdeAlmPlugin trac | Test-SdeAlmPluginSetting $s } }
            @{ Form = 'an object with a PluginId property'; Run = { param($s) [pscustomobject]@{ PluginId = 'trac' } | Test-SdeAlmPluginSetting -Setting $s } }
            @{ Form = 'a string from the pipeline'; Run = { param($s) 'trac' | Test-SdeAlmPluginSetting $s } }
        ) {
            $results = @(& $Run @{ alm_sever = 'x' })
            $results.Count | Should -Be 1
            $results[0].PluginId | Should -Be 'trac'
            $results[0].Problems.Field | Should -Contain 'alm_sever'
        }

        It 'reports an unknown plugin id as ObjectNotFound and goes on' {
            $results = @('nope', 'trac' | Test-SdeAlmPluginSetting -Setting @{} -ErrorVariable problems -ErrorAction SilentlyContinue)
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'SdeAlmPluginNotFound,*'
            $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $results.PluginId | Should -Be 'trac'
        }

        It 'accepts an [ordered] dictionary as well as a hashtable' {
            $ordered = [ordered]@{ alm_sever = 'x' }
            (Test-SdeAlmPluginSetting trac $ordered).Problems.Field | Should -Contain 'alm_sever'
        }
    }

    Context 'required fields' {
        It 'reports every required field that is missing, as an error' {
            foreach ($plugin in $Catalog) {
                $required = @(Get-SettableRawField $plugin.id | Where-Object required | ForEach-Object name)
                $result = Test-SdeAlmPluginSetting $plugin.id @{}
                @($result.Problems | Where-Object Severity -eq 'Error' | ForEach-Object Field) | Should -Be $required -Because $plugin.id
                $result.IsValid | Should -Be ($required.Count -eq 0)
            }
        }

        It 'reports a required field whose value is <Name>' -ForEach @(
            @{ Name = 'an empty string'; Value = '' }
            @{ Name = 'blank'; Value = '   ' }
            @{ Name = '$null'; Value = $null }
            @{ Name = 'an empty list'; Value = @() }
        ) {
            $field = (Get-SettableRawField trac | Where-Object required | Select-Object -First 1).name
            $setting = New-ValidSetting trac
            $setting[$field] = $Value
            $problems = Get-Problem trac $setting $field
            $problems.Count | Should -Be 1
            $problems[0].Severity | Should -Be 'Error'
            $problems[0].Message | Should -BeLike '*required*empty*'
        }

        It 'checks only the required fields of -Scope <_>' -ForEach @('system', 'project') {
            foreach ($plugin in $Catalog) {
                $required = @(Get-SettableRawField $plugin.id $_ | Where-Object required | ForEach-Object name)
                $result = Test-SdeAlmPluginSetting $plugin.id @{} -Scope $_
                @($result.Problems.Field) | Should -Be $required -Because "$($plugin.id) at $_ scope"
            }
        }
    }

    Context 'keys' {
        It 'reports a key that is no field of the plugin and suggests the nearest field name' {
            foreach ($plugin in $Catalog | Where-Object { $_.sections.fields }) {
                $names = @(Get-RawPluginField $plugin.id | ForEach-Object name)
                foreach ($name in $names) {
                    $typo = $name.Remove([int]($name.Length / 2), 1)
                    if ($names -ccontains $typo) { continue }
                    # The nearest names by edit distance, worked out here independently; the first of them is expected.
                    $distances = $names | ForEach-Object { [pscustomobject]@{ Name = $_; Distance = Get-EditDistance $typo $_ } }
                    $nearest = ($distances | Sort-Object Distance -Stable | Select-Object -First 1).Name
                    $problems = Get-Problem $plugin.id @{ $typo = 'x' } $typo
                    $problems.Count | Should -Be 1
                    $problems[0].Severity | Should -Be 'Error'
                    $problems[0].Message | Should -BeLike "*not a field*Did you mean '$nearest'?*"
                }
            }
            (Get-Problem trac @{ alm_sever = 'x' } alm_sever).Message | Should -BeLike "*Did you mean 'alm_server'?*"
        }

        It 'compares keys exactly, as the server does, and suggests the right spelling' {
            $problems = Get-Problem trac @{ ALM_SERVER = 'x' } ALM_SERVER
            $problems.Count | Should -Be 1
            $problems[0].Message | Should -BeLike "*Did you mean 'alm_server'?*"
        }
    }

    Context 'values' {
        It 'reports a radio or select value that is not one of the option values' {
            $field = $Radio.Field
            $problems = Get-Problem $Radio.PluginId @{ $field.name = 'no-such-option' } $field.name
            $problems.Count | Should -Be 1
            $problems[0].Severity | Should -Be 'Error'
            $problems[0].Message | Should -BeLike "*'no-such-option'*"
            foreach ($option in $field.options | Where-Object { -not $_.disabled }) {
                Get-Problem $Radio.PluginId @{ $field.name = $option.value } $field.name | Should -BeNullOrEmpty
            }
        }

        It 'compares option values as text, so 7 and ''7'' both match' {
            $field = $NumericSelect.Field
            $value = @($field.options | Where-Object { -not $_.disabled -and $_.value -match '^\d+$' })[0].value
            Get-Problem $NumericSelect.PluginId @{ $field.name = [int]$value } $field.name | Should -BeNullOrEmpty
            Get-Problem $NumericSelect.PluginId @{ $field.name = "$value" } $field.name | Should -BeNullOrEmpty
            Get-Problem $NumericSelect.PluginId @{ $field.name = [int]$value + 1000 } $field.name | Should -HaveCount 1
        }

        It 'reports a list given to a radio or select field' {
            $field = $Radio.Field
            $problems = Get-Problem $Radio.PluginId @{ $field.name = @($field.options.value) } $field.name
            $problems.Count | Should -Be 1
            $problems[0].Message | Should -BeLike '*one value*'
        }

        It 'reports each checkbox value that is not an option, naming it, given as <Form>' -ForEach @(
            @{ Form = 'a list'; AsText = $false }
            @{ Form = 'comma-separated text'; AsText = $true }
        ) {
            $field = $Checkbox.Field
            $values = @($field.options | Where-Object { -not $_.disabled } | ForEach-Object value) + 'bogus-1' + 'bogus-2'
            $value = if ($AsText) { $values -join ',' } else { $values }
            $problems = Get-Problem $Checkbox.PluginId @{ $field.name = $value } $field.name
            $problems.Count | Should -Be 2
            $problems[0].Message | Should -BeLike "*'bogus-1'*"
            $problems[1].Message | Should -BeLike "*'bogus-2'*"
            $problems.Severity | Should -Be @('Error', 'Error')
        }

        It 'accepts checkbox values that are all options' {
            $field = $Checkbox.Field
            $enabled = @($field.options | Where-Object { -not $_.disabled } | ForEach-Object value)
            Get-Problem $Checkbox.PluginId @{ $field.name = $enabled } $field.name | Should -BeNullOrEmpty
            Get-Problem $Checkbox.PluginId @{ $field.name = $enabled -join ', ' } $field.name | Should -BeNullOrEmpty
        }

        It 'reports a disabled option that is chosen' {
            $field = $DisabledOption.Field
            $disabled = @($field.options | Where-Object disabled)[0].value
            $problems = Get-Problem $DisabledOption.PluginId @{ $field.name = $disabled } $field.name
            $problems.Count | Should -Be 1
            $problems[0].Severity | Should -Be 'Error'
            $problems[0].Message | Should -BeLike "*'$disabled'*disabled*"
        }

        It 'accepts <Value> for a boolean' -ForEach @(
            @{ Value = $true }, @{ Value = $false }, @{ Value = 'true' }, @{ Value = 'false' }, @{ Value = 'True' }
        ) {
            Get-Problem $Boolean.PluginId @{ $Boolean.Field.name = $Value } $Boolean.Field.name | Should -BeNullOrEmpty
        }

        It 'reports <Value> for a boolean' -ForEach @(
            @{ Value = 'maybe' }, @{ Value = 'yes' }, @{ Value = 1 }, @{ Value = 0 }
        ) {
            $problems = Get-Problem $Boolean.PluginId @{ $Boolean.Field.name = $Value } $Boolean.Field.name
            $problems.Count | Should -Be 1
            $problems[0].Severity | Should -Be 'Error'
            $problems[0].Message | Should -BeLike "*'$Value'*Boolean*"
        }

        It 'reports text longer than the field''s maximum length, and accepts the maximum' {
            $field = $Limited.Field
            Get-Problem $Limited.PluginId @{ $field.name = 'a' * $field.max_length } $field.name | Should -BeNullOrEmpty
            $problems = Get-Problem $Limited.PluginId @{ $field.name = 'a' * ($field.max_length + 1) } $field.name
            $problems.Count | Should -Be 1
            $problems[0].Severity | Should -Be 'Error'
            $problems[0].Message | Should -BeLike "*$($field.max_length + 1)*$($field.max_length)*"
        }

        It 'reports an integer field value that is not a whole number' {
            $field = $Integer.Field
            Get-Problem $Integer.PluginId @{ $field.name = 3 } $field.name | Should -BeNullOrEmpty
            Get-Problem $Integer.PluginId @{ $field.name = '3' } $field.name | Should -BeNullOrEmpty
            $problems = Get-Problem $Integer.PluginId @{ $field.name = 'lots' } $field.name
            $problems.Count | Should -Be 1
            $problems[0].Message | Should -BeLike "*'lots'*whole number*"
        }

        It 'accepts any value for a field type it does not know' {
            $field = $Unknown.Field
            foreach ($value in 'anything', 42, $true, @(1, 2), @{ from = 'x' }, [datetime]::Now, ('z' * 10000)) {
                Get-Problem $Unknown.PluginId @{ $field.name = $value } $field.name | Should -BeNullOrEmpty
            }
        }
    }

    Context 'warnings' {
        It 'warns about setting a <Name> field but leaves the settings valid' -ForEach @(
            @{ Name = 'read-only'; Pick = { $ReadOnly }; Like = '*read-only*' }
            @{ Name = 'deprecated'; Pick = { $Deprecated }; Like = '*deprecated*' }
        ) {
            $entry = & $Pick
            $setting = New-ValidSetting $entry.PluginId
            $setting[$entry.Field.name] = 'x'
            $result = Test-SdeAlmPluginSetting $entry.PluginId $setting
            $result.Problems.Count | Should -Be 1
            $result.Problems[0].Field | Should -Be $entry.Field.name
            $result.Problems[0].Severity | Should -Be 'Warning'
            $result.Problems[0].Message | Should -BeLike $Like
            $result.IsValid | Should -BeTrue
            Test-SdeAlmPluginSetting $entry.PluginId $setting -Quiet | Should -BeTrue
        }
    }

    Context 'display' {
        It 'shows the problems one per line in Format-List' {
            $text = Test-SdeAlmPluginSetting trac @{ alm_method = 'ftp'; alm_sever = 'x' } | Format-List | Out-String -Width 250
            $text | Should -Match 'IsValid\s*:\s*False'
            $text | Should -Match "Error\s+alm_method: 'ftp'"
            $text | Should -Match "Error\s+alm_sever: .*Did you mean 'alm_server'\?"
        }

        It 'counts errors and warnings in the default table' {
            $setting = New-ValidSetting $ReadOnly.PluginId
            $setting[$ReadOnly.Field.name] = 'x'
            $setting['no_such_field'] = 1
            $lines = @(Test-SdeAlmPluginSetting $ReadOnly.PluginId $setting | Out-String -Width 200) -split '\r?\n' | Where-Object { $_.Trim() }
            $lines[0] | Should -Match '^PluginId\s+IsValid\s+Errors\s+Warnings$'
            $lines[2] | Should -Match "^$([regex]::Escape($ReadOnly.PluginId))\s+False\s+1\s+1$"
        }
    }
}
