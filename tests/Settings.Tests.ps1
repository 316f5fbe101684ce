BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Catalog = @(Get-RawCatalog)

    function Get-RawPluginField {
        # The raw fields of one plugin, in catalog order.
        param([string] $PluginId)
        Get-RawField -Catalog $Catalog | Where-Object PluginId -eq $PluginId | ForEach-Object Field
    }

    # The keys a template holds (settable: named, neither read-only nor deprecated, within the scope), read off the fixtures.
    $script:TemplateKeys = @{
        'trac'                 = @('alm_project', 'alm_method', 'alm_server', 'alm_context_root', 'alm_user', 'alm_pass', 'conflict_policy', 'how_tos_in_scope', 'sde_min_priority', 'sde_statuses_in_scope', 'alm_phases', 'sde_tags_filter', 'sde_verification_filter')
        'trac/system'          = @('alm_method', 'alm_server', 'alm_context_root', 'alm_user', 'alm_pass', 'conflict_policy', 'how_tos_in_scope', 'sde_min_priority', 'sde_statuses_in_scope', 'alm_phases', 'sde_tags_filter', 'sde_verification_filter')
        'trac/project'         = @('alm_project')
        'jira/project'         = @('alm_project', 'alm_parent_issue', 'alm_issue_type')
        'github'               = @('alm_project', 'alm_method', 'alm_server', 'alm_context_root', 'alm_api_token', 'alm_issue_label', 'alm_project_milestone', 'alm_assignee', 'alm_close_reason', 'conflict_policy', 'how_tos_in_scope', 'alm_sync_comments', 'sde_min_priority', 'sde_statuses_in_scope', 'alm_phases')
        'github/project'       = @('alm_project', 'alm_issue_label', 'alm_project_milestone', 'alm_assignee')
        'azure-devops/project' = @('alm_project', 'alm_area_path', 'alm_work_item_type', 'alm_iteration_path')
        'kitchen-sink'         = @('ks_required', 'ks_string', 'ks_masked', 'ks_text', 'ks_textarea', 'ks_radio', 'ks_select', 'ks_checkbox', 'ks_boolean', 'ks_integer', 'ks_date_range', 'ks_default_null', 'ks_default_string', 'ks_default_true', 'ks_default_false', 'ks_default_int', 'ks_default_float', 'ks_default_checkbox', 'ks_default_empty', 'ks_disabled_options', 'ks_all_disabled', 'ks_extra')
        'kitchen-sink/project' = @('ks_required')
        'empty'                = @()
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
        foreach ($field in Get-RawPluginField $PluginId | Where-Object { $_.required -and $setting.Contains($_.name) }) {
            if ([string]::IsNullOrWhiteSpace([string]$setting[$field.name])) {
                $setting[$field.name] = Get-FillValue $field
            }
        }
        $setting
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
    $script:Unknown = $AllRaw | Where-Object { $_.Field.name -eq 'ks_date_range' }
}

Describe 'New-SdeAlmPluginSetting' {
    BeforeEach {
        $null = Connect-TestSde
    }
    AfterAll {
        Disconnect-Sde
    }

    It 'returns an ordered dictionary with one key per settable field of <_>, in catalog order' -ForEach @('trac', 'github', 'kitchen-sink', 'empty') {
        $template = New-SdeAlmPluginSetting $_
        $template | Should -BeOfType System.Collections.Specialized.OrderedDictionary
        @($template.Keys) | Should -Be $TemplateKeys[$_]
    }

    It 'leaves out read-only and deprecated fields' {
        $flagged = @($AllRaw | Where-Object { $_.Field.readonly -or $_.Field.deprecated })
        $flagged.Count | Should -BeGreaterThan 0
        foreach ($entry in $flagged) {
            (New-SdeAlmPluginSetting $entry.PluginId).Contains($entry.Field.name) | Should -BeFalse
        }
    }

    It 'keeps only the fields of -Scope <_>' -ForEach @('trac/system', 'trac/project', 'jira/project', 'github/project', 'azure-devops/project', 'kitchen-sink/project') {
        $pluginId, $scope = $_ -split '/'
        @((New-SdeAlmPluginSetting $pluginId -Scope $scope).Keys) | Should -Be $TemplateKeys[$_]
    }

    It 'values each field by its default in its natural type' {
        $template = New-SdeAlmPluginSetting kitchen-sink
        $expected = [ordered]@{
            ks_string = 'plain'; ks_text = "line one`nline two"; ks_radio = 'b'; ks_select = '2'; ks_checkbox = 'x,z'
            ks_boolean = $true; ks_integer = [long]7; ks_default_string = 'hello'; ks_default_true = $true; ks_default_false = $false
            ks_default_int = [long]42; ks_default_float = 2.5; ks_default_checkbox = 'red,blue'; ks_default_empty = ''
        }
        foreach ($name in $expected.Keys) {
            $template[$name] | Should -BeExactly $expected[$name] -Because $name
            $template[$name].GetType() | Should -Be $expected[$name].GetType() -Because $name
        }
        foreach ($name in 'ks_required', 'ks_masked', 'ks_textarea', 'ks_default_null', 'ks_all_disabled') {
            $template[$name] | Should -BeNullOrEmpty -Because "$name has no default"
        }
        # A structured default of a type this version does not know stays structured.
        @($template['ks_date_range'].Keys) | Should -Be @('from', 'to')
        @($template['ks_date_range'].Values) | Should -Be @('2024-01-01', '2024-12-31')
        (New-SdeAlmPluginSetting jira)['alm_verify_ssl'] | Should -BeOfType bool
        (New-SdeAlmPluginSetting jira)['alm_max_results'] | Should -BeOfType long
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
        @($templates[0].Keys) | Should -Be @((New-SdeAlmPluginSetting -PluginId jira).Keys)
        $templates[0].PluginId | Should -Be 'jira'
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

    It 'says which plugin and scope it is for without a key of its own' {
        $template = New-SdeAlmPluginSetting TRAC -Scope Project
        $template | Should -BeOfType SdeAlm.Settings.AlmPluginSetting
        $template.PluginId | Should -BeExactly 'trac'
        $template.Scope | Should -BeExactly 'project'
        @($template.Keys) | Should -Be @('alm_project')
        (New-SdeAlmPluginSetting trac).Scope | Should -BeNullOrEmpty
    }

    It 'shows the plugin id above its names and values' {
        $lines = @(Get-SdeAlmPlugin trac, jira | New-SdeAlmPluginSetting -Scope project | Out-String -Width 80) -split '\r?\n' | ForEach-Object TrimEnd | Where-Object { $_ }
        $lines | Should -Be @(
            'PluginId: trac   Scope: project'
            'Name        Value'
            '----        -----'
            'alm_project'
            'PluginId: jira   Scope: project'
            'Name             Value'
            '----             -----'
            'alm_project'
            'alm_parent_issue'
            'alm_issue_type   Bug'
        )
    }

    It 'works wherever an [ordered] dictionary does' {
        $template = New-SdeAlmPluginSetting jira -Scope project
        $template['alm_project'] = 'SEC'
        $template['ALM_PROJECT'] | Should -Be 'SEC'
        $template.alm_project | Should -Be 'SEC'
        $template[0] | Should -Be 'SEC'
        $template | ConvertTo-Json -Compress | Should -BeExactly '{"alm_project":"SEC","alm_parent_issue":null,"alm_issue_type":"Bug"}'
        function Show-Splat { param($alm_project, $alm_parent_issue, $alm_issue_type) "$alm_project/$alm_issue_type" }
        Show-Splat @template | Should -Be 'SEC/Bug'
        Test-SdeAlmPluginSetting jira $template -Scope project -Quiet | Should -BeTrue
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
        It 'reports every required field of <PluginId> that is missing and has no default, as an error' -ForEach @(
            @{ PluginId = 'trac'; Expected = @('alm_project', 'alm_server', 'alm_user', 'alm_pass') }
            @{ PluginId = 'jira'; Expected = @('alm_project', 'alm_server', 'alm_user', 'alm_pass') }
            @{ PluginId = 'github'; Expected = @('alm_project', 'alm_api_token') }
            @{ PluginId = 'azure-devops'; Expected = @('alm_project', 'alm_organization', 'alm_pass') }
            @{ PluginId = 'kitchen-sink'; Expected = @('ks_required') }
            @{ PluginId = 'empty'; Expected = @() }
        ) {
            $result = Test-SdeAlmPluginSetting $PluginId @{}
            @($result.Problems | Where-Object Severity -eq 'Error' | ForEach-Object Field) | Should -Be $Expected
            $result.Problems | ForEach-Object { $_.Message | Should -BeLike 'The field is required but missing.*' }
            $result.IsValid | Should -Be ($Expected.Count -eq 0)
        }

        It 'counts a required field with a catalog default as given when it is left out, not when it is empty' {
            # trac's alm_method is required and defaults to https: the server applies the default.
            $setting = New-ValidSetting trac
            $setting.Remove('alm_method')
            Test-SdeAlmPluginSetting trac $setting -Quiet | Should -BeTrue
            $setting['alm_method'] = ''
            (Get-Problem trac $setting alm_method).Message | Should -BeLike '*required*empty*'
        }

        It 'reports a required field whose value is <Name>' -ForEach @(
            @{ Name = 'an empty string'; Value = '' }
            @{ Name = 'blank'; Value = '   ' }
            @{ Name = '$null'; Value = $null }
            @{ Name = 'an empty list'; Value = @() }
        ) {
            $field = 'alm_server'
            $setting = New-ValidSetting trac
            $setting[$field] = $Value
            $problems = Get-Problem trac $setting $field
            $problems.Count | Should -Be 1
            $problems[0].Severity | Should -Be 'Error'
            $problems[0].Message | Should -BeLike '*required*empty*'
        }

        It 'checks only the required fields of -Scope <Scope> of <PluginId>' -ForEach @(
            @{ PluginId = 'trac'; Scope = 'project'; Expected = @('alm_project') }
            @{ PluginId = 'trac'; Scope = 'system'; Expected = @('alm_server', 'alm_user', 'alm_pass') }
            @{ PluginId = 'azure-devops'; Scope = 'system'; Expected = @('alm_organization', 'alm_pass') }
            @{ PluginId = 'kitchen-sink'; Scope = 'project'; Expected = @('ks_required') }
        ) {
            @((Test-SdeAlmPluginSetting $PluginId @{} -Scope $Scope).Problems.Field) | Should -Be $Expected
        }
    }

    Context 'keys' {
        It 'reports <Key>, no field of <PluginId>, and suggests <Nearest>' -ForEach @(
            @{ PluginId = 'trac'; Key = 'alm_sever'; Nearest = 'alm_server' }
            @{ PluginId = 'trac'; Key = 'alm_projct'; Nearest = 'alm_project' }
            @{ PluginId = 'trac'; Key = 'alm_usr'; Nearest = 'alm_user' }
            @{ PluginId = 'jira'; Key = 'how_to_in_scope'; Nearest = 'how_tos_in_scope' }
            @{ PluginId = 'jira'; Key = 'SDE_MIN_PRIO'; Nearest = 'sde_min_priority' }
            @{ PluginId = 'github'; Key = 'alm_token'; Nearest = 'alm_api_token' }
        ) {
            $problems = Get-Problem $PluginId @{ $Key = 'x' } $Key
            $problems.Count | Should -Be 1
            $problems[0].Severity | Should -Be 'Error'
            $problems[0].Message | Should -BeExactly "'$Key' is not a field of plugin '$PluginId'. Did you mean '$Nearest'?"
        }

        It 'suggests no field for <Key>, unlike every field of <PluginId>, and says where the fields are listed' -ForEach @(
            @{ PluginId = 'trac'; Key = 'bugzilla' }
            @{ PluginId = 'kitchen-sink'; Key = 'alm_project' }
        ) {
            $problems = Get-Problem $PluginId @{ $Key = 'x' } $Key
            $problems.Count | Should -Be 1
            $problems[0].Severity | Should -Be 'Error'
            $problems[0].Message | Should -BeExactly "'$Key' is not a field of plugin '$PluginId'. Get-SdeAlmPluginField -PluginId $PluginId lists its fields."
        }

        It 'checks alm_* settings against a catalog of issue-tracker names as that catalog spells them, and says so' {
            $scenario = New-Scenario 'issuetracker'
            $current = Connect-TestSde $scenario
            $setting = [ordered]@{ alm_project = 'P'; alm_server = 's'; alm_user = 'u'; alm_pass = 'p'; conflict_policy = 'alm'; alm_sever = 'x' }
            $verbose = @(Test-SdeAlmPluginSetting trac $setting -Connection $current -Verbose 4>&1)
            $result = @($verbose | Where-Object { $_ -is [SdeAlm.Model.AlmPluginSettingTestResult] })[0]
            $messages = @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            $messages | Should -Contain "Plugin 'trac': alm_server -> issue_tracker_server: this server uses the issue-tracker names"
            $messages | Should -Contain "Plugin 'trac': conflict_policy: 'alm' -> 'issue_tracker': this server uses the issue-tracker names"
            @($result.Problems | ForEach-Object { "$($_.Field): $($_.Message)" }) | Should -Be @("alm_sever: 'alm_sever' is not a field of plugin 'trac'. Did you mean 'issue_tracker_server'?")
            $setting.Remove('alm_sever')
            $setting.alm_method = 'ftp'
            @((Test-SdeAlmPluginSetting trac $setting -Connection $current).Problems.Field) | Should -Be @('issue_tracker_method')
        }

        It 'says so when the plugin has no fields' {
            (Get-Problem empty @{ x = 1 } x).Message | Should -BeExactly "'x' is not a field of plugin 'empty', which has no fields."
        }

        It 'matches keys to fields in any case, as PowerShell does' {
            Get-Problem trac @{ ALM_SERVER = 'x' } ALM_SERVER | Should -BeNullOrEmpty
            $upper = [ordered]@{}
            foreach ($entry in (New-ValidSetting trac).GetEnumerator()) { $upper[$entry.Key.ToUpperInvariant()] = $entry.Value }
            Test-SdeAlmPluginSetting trac $upper -Quiet | Should -BeTrue
        }

        It 'reports a field given twice in different case' {
            $setting = [System.Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
            $setting['alm_server'] = 'a'; $setting['ALM_Server'] = 'b'
            $problems = Get-Problem trac $setting ALM_Server
            $problems.Count | Should -Be 1
            $problems[0].Message | Should -BeExactly "'alm_server' and 'ALM_Server' differ only in case, and setting keys are compared without regard to case: give the setting once."
        }

        It 'warns about a key of the other scope, naming where it belongs, and leaves the settings valid' {
            $setting = New-ValidSetting trac system
            $setting['alm_project'] = 'P'
            $result = Test-SdeAlmPluginSetting trac $setting -Scope system
            $result.IsValid | Should -BeTrue
            $result.Problems.Count | Should -Be 1
            $result.Problems[0].Field | Should -Be 'alm_project'
            $result.Problems[0].Severity | Should -Be 'Warning'
            $result.Problems[0].Message | Should -BeExactly "The field is set in a project's ALM connection (project scope), not in a system ALM connector (system scope); it would be sent as given."
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

        It 'reports a dictionary, a date and a list given to text and secret fields, naming what each field takes' {
            $result = Test-SdeAlmPluginSetting trac @{ alm_server = @{ a = 1 }; alm_user = (Get-Date); alm_pass = @(1, 2) }
            $result.IsValid | Should -BeFalse
            @($result.Problems | Where-Object Field -In 'alm_server', 'alm_user', 'alm_pass' | ForEach-Object { "$($_.Severity) $($_.Field): $($_.Message)" }) | Should -Be @(
                'Error alm_server: A string field takes text, not a dictionary.'
                'Error alm_user: A string field takes text, not a date.'
                'Error alm_pass: A masked_string field takes text or a SecureString, not a list.'
            )
        }

        It 'reports <Name> given to a <Type> field without showing the value' -ForEach @(
            @{ Name = 'a dictionary'; Type = 'select'; Field = 'ks_select'; Value = @{ secret = 'hidden-value' } }
            @{ Name = 'a nested object from ConvertFrom-Json'; Type = 'radio'; Field = 'ks_radio'; Value = ('{"v":"hidden-value"}' | ConvertFrom-Json) }
            @{ Name = 'a list holding a dictionary'; Type = 'checkbox'; Field = 'ks_checkbox'; Value = @('x', @{ v = 'hidden-value' }) }
            @{ Name = 'a date'; Type = 'integer'; Field = 'ks_integer'; Value = [datetime]'2026-12-02' }
            @{ Name = 'a SecureString'; Type = 'boolean'; Field = 'ks_boolean'; Value = (ConvertTo-SecureString 'hidden-value' -AsPlainText -Force) }
        ) {
            $problems = Get-Problem kitchen-sink @{ $Field = $Value } $Field
            $problems.Count | Should -Be 1
            $problems[0].Severity | Should -Be 'Error'
            $problems[0].Message | Should -BeLike "A* $Type field takes *, not a*"
            $problems[0].Message | Should -Not -Match 'hidden-value'
        }

        It 'reports a secret''s stand-in (<Name>) as an error of its field' -ForEach @(
            @{ Name = 'the mask of views'; Value = '********' }
            @{ Name = 'ConvertTo-Json of a SecureString'; Value = ((ConvertTo-SecureString 'pw' -AsPlainText -Force) | ConvertTo-Json | ConvertFrom-Json -AsHashtable) }
            @{ Name = 'its type name'; Value = 'System.Security.SecureString' }
        ) {
            $setting = New-ValidSetting trac
            $setting.alm_pass = $Value
            $problems = Get-Problem trac $setting alm_pass
            $problems.Count | Should -Be 1
            $problems[0].Severity | Should -Be 'Error'
            $problems[0].Message | Should -BeLike 'The value is *, not a secret: SdeAlm never writes a secret''s text out*'
        }

        It 'accepts what the server itself sends: numbers for selects and text, lists for checkboxes, SecureStrings for secrets' {
            $setting = New-ValidSetting kitchen-sink
            $setting.ks_select = [long]2
            $setting.ks_string = 42
            $setting.ks_checkbox = [object[]]@('x', 'z')
            $setting.ks_masked = ConvertTo-SecureString 's3cret' -AsPlainText -Force
            $setting.ks_boolean = 'True'
            Test-SdeAlmPluginSetting kitchen-sink $setting -Quiet | Should -BeTrue
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

        It 'shows each problem on a line of its own under the plugin id by default' {
            $text = Test-SdeAlmPluginSetting trac @{ alm_method = 'ftp'; alm_sever = 'x'; alm_project = 'P'; alm_server = 's'; alm_user = 'u'; alm_pass = 'p' } | Out-String -Width 250
            $printed = @($text -split '\r?\n' | Where-Object { $_.Trim() })
            # Messages wrap at word boundaries to the console's width, continuing 8 columns in.
            $printed | ForEach-Object { $_.Length | Should -BeLessThan ([Math]::Max(40, $Host.UI.RawUI.WindowSize.Width)) }
            $lines = [Collections.Generic.List[string]]::new()
            foreach ($line in $printed) {
                if ($line -match '^ {8}\S') { $lines[$lines.Count - 1] += ' ' + $line.Trim() } else { $lines.Add($line) }
            }
            $lines[0] | Should -Match '^PluginId: trac\s+IsValid: False$'
            $lines[1] | Should -BeExactly "Error   alm_method: 'ftp' is not one of the field's values. Choose one of: https, http."
            $lines[2] | Should -BeExactly "Error   alm_sever: 'alm_sever' is not a field of plugin 'trac'. Did you mean 'alm_server'?"
            $lines.Count | Should -Be 3
        }

        It 'says there are no problems when there are none' {
            $lines = @(Test-SdeAlmPluginSetting trac (New-ValidSetting trac) | Out-String -Width 200) -split '\r?\n' | Where-Object { $_.Trim() }
            $lines | Should -Be @('PluginId: trac   IsValid: True', 'No problems.')
        }
    }
}
