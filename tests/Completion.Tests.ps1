BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Catalog = @(Get-RawCatalog)
    $script:AllRaw = @(Get-RawField -Catalog $Catalog)

    function Get-Completion {
        # What Tab offers at the end of a command line: the texts inserted and the texts listed.
        param([string] $Line)
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | Where-Object ResultType -eq 'ParameterValue')
    }
}

Describe 'Tab completion' {
    BeforeEach {
        $null = Connect-TestSde
    }
    AfterAll {
        Disconnect-Sde
    }

    Context 'plugin ids' {
        It 'completes <Line> with the matching ids of the catalog' -ForEach @(
            @{ Line = 'Get-SdeAlmPlugin -Id j'; Prefix = 'j' }
            @{ Line = 'Get-SdeAlmPlugin '; Prefix = '' }
            @{ Line = 'Get-SdeAlmPluginField -PluginId '; Prefix = '' }
            @{ Line = 'Get-SdeAlmPluginField a'; Prefix = 'a' }
            @{ Line = 'New-SdeAlmPluginSetting -PluginId t'; Prefix = 't' }
            @{ Line = 'Test-SdeAlmPluginSetting g'; Prefix = 'g' }
        ) {
            $expected = @($Catalog.id | Where-Object { $_ -like "$Prefix*" })
            $expected.Count | Should -BeGreaterThan 0
            $completions = Get-Completion $Line
            @($completions.CompletionText) | Should -Be $expected
            @($completions.ToolTip) | Should -Be @($Catalog | Where-Object { $_.id -like "$Prefix*" } | ForEach-Object name)
        }

        It 'completes after a wildcard in the word' {
            @((Get-Completion 'Get-SdeAlmPlugin -Id *ub').CompletionText) | Should -Be @(Select-Expected $Catalog.id { $_ -like '*ub*' })
        }

        It 'uses the -Connection on the line rather than the current one' {
            $scenario = New-Scenario
            $other = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
            $null = Connect-TestSde
            $completions = Get-Completion 'Get-SdeAlmPlugin -Connection $other -Id j'
            @($completions.CompletionText) | Should -Be @($Catalog.id | Where-Object { $_ -like 'j*' })
            (Get-SimulatorRequest $scenario).count | Should -Be 1
            Disconnect-Sde -Connection $other
        }
    }

    Context 'field names and sections' {
        It 'completes -Section from the plugin named on the line: <Line>' -ForEach @(
            @{ Line = 'Get-SdeAlmPluginField -PluginId trac -Section Cre'; Expected = @('Credentials') }
            @{ Line = 'Get-SdeAlmPluginField trac -Section '; Expected = @("'(general)'", "'Connection Details'", 'Credentials', 'Synchronization', "'Tasks to Synchronize'") }
            @{ Line = 'Get-SdeAlmPluginField azure-devops -Section '; Expected = @("'(general)'", "'Connexion 🔌'", "'Identifiants 🔑'", "'Éléments de travail'", 'Synchronisation', "'Tâches à synchroniser'") }
            @{ Line = 'Get-SdeAlmPluginField -PluginId kitchen-sink -Section ''Field'; Expected = @("'Field Types'") }
            @{ Line = 'Get-SdeAlmPluginField -PluginId kitchen-sink -Section ''(g'; Expected = @("'(general)'") }
        ) {
            @((Get-Completion $Line).CompletionText) | Should -Be $Expected
        }

        It 'finds the unlabeled section by the (general) it completes to' {
            @(Get-SdeAlmPluginField jira -Section '(general)' | ForEach-Object Name) | Should -Be @('alm_project', 'alm_parent_issue')
            @(Get-SdeAlmPluginField jira -Section '(general)' | ForEach-Object Section) | Should -Be @($null, $null)
        }

        It 'completes -FieldType with the types of the plugin on the line' {
            @((Get-Completion 'Get-SdeAlmPluginField trac -FieldType ').CompletionText) | Should -Be @('boolean', 'checkbox', 'masked_string', 'radio', 'select', 'string')
            @((Get-Completion 'Get-SdeAlmPluginField -FieldType mas').CompletionText) | Should -Be @('masked_string')
        }

        It 'completes Get-SdeAlmPlugin -Name with plugin names, quoted when needed' {
            @((Get-Completion 'Get-SdeAlmPlugin -Name ').CompletionText) | Should -Be @('Trac', 'JIRA', 'GitHub', "'Azure DevOps'", "'Kitchen Sink'", "'Empty Plugin'")
            @((Get-Completion 'Get-SdeAlmPlugin -Name az').ToolTip) | Should -Be @('azure-devops')
        }

        It 'quotes section labels that contain spaces' {
            $spaced = @(($Catalog | Where-Object id -eq trac).sections.label | Where-Object { $_ -match ' ' })
            $spaced.Count | Should -BeGreaterThan 0
            $completions = Get-Completion 'Get-SdeAlmPluginField trac -Section '
            foreach ($label in $spaced) {
                $completions.CompletionText | Should -Contain "'$label'"
            }
        }

        It 'completes -Name from the plugin named on the line' {
            $expected = @(Select-Expected @($AllRaw | Where-Object PluginId -EQ 'trac') { $_.Field.name -like 'alm_*' } | ForEach-Object { $_.Field.name })
            @((Get-Completion 'Get-SdeAlmPluginField trac -Name alm_').CompletionText) | Should -Be $expected
        }

        It 'completes -Name within the -Section and -Scope already on the line' {
            $jira = @($AllRaw | Where-Object PluginId -EQ 'jira')
            $expected = @(Select-Expected $jira { $_.Section -eq 'Credentials' } | ForEach-Object { $_.Field.name })
            @((Get-Completion 'Get-SdeAlmPluginField jira -Section Credentials -Name ').CompletionText) | Should -Be $expected
            $expected = @(Select-Expected $jira { $_.Field.scope -contains 'project' } | ForEach-Object { $_.Field.name })
            @((Get-Completion 'Get-SdeAlmPluginField jira -Scope project -Name ').CompletionText) | Should -Be $expected
        }

        It 'completes -Name from every plugin, each name once, when no plugin is named' {
            $expected = @(Select-Expected $AllRaw.Field.name { $_ -like 'alm_p*' } | Select-Object -Unique)
            @((Get-Completion 'Get-SdeAlmPluginField -Name alm_p').CompletionText) | Should -Be $expected
        }

        It 'completes from plugins named by a wildcard' {
            $expected = @(Select-Expected $AllRaw { $_.PluginId -like 'j*' -and $_.Section -like 'S*' } | ForEach-Object Section | Select-Object -Unique)
            @((Get-Completion 'Get-SdeAlmPluginField j* -Section S').ListItemText) | Should -Be $expected
        }
    }

    Context 'cache and failures' {
        It 'asks the server at most once for two Tabs on one connection' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
            $before = (Get-SimulatorRequest $scenario).count
            $first = Get-Completion 'Get-SdeAlmPlugin -Id '
            $second = Get-Completion 'Get-SdeAlmPluginField trac -Section '
            $first.Count | Should -Be $Catalog.Count
            $second.Count | Should -BeGreaterThan 0
            ((Get-SimulatorRequest $scenario).count - $before) | Should -BeLessOrEqual 1
        }

        It 'does not make Get-SdeAlmPlugin use the completion cache' {
            $scenario = New-Scenario
            $null = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
            $null = Get-Completion 'Get-SdeAlmPlugin -Id '
            $afterTab = (Get-SimulatorRequest $scenario).count
            $null = Get-SdeAlmPlugin
            $null = Get-SdeAlmPlugin
            ((Get-SimulatorRequest $scenario).count - $afterTab) | Should -Be 2
        }

        It 'keeps a cache per connection' {
            $first = New-Scenario
            $second = New-Scenario
            $null = Connect-TestSde $first -Parameters @{ SkipValidation = $true }
            $null = Get-Completion 'Get-SdeAlmPlugin -Id '
            $null = Connect-TestSde $second -Parameters @{ SkipValidation = $true }
            $null = Get-Completion 'Get-SdeAlmPlugin -Id '
            (Get-SimulatorRequest $first).count | Should -Be 1
            (Get-SimulatorRequest $second).count | Should -Be 1
        }

        It 'offers nothing, without an error, when not connected' {
            Disconnect-Sde
            $Error.Clear()
            Get-Completion 'Get-SdeAlmPlugin -Id ' | Should -BeNullOrEmpty
            Get-Completion 'Get-SdeAlmPluginField -PluginId trac -Section ' | Should -BeNullOrEmpty
            $Error.Count | Should -Be 0
        }

        It 'offers nothing, without an error, when the server fails' {
            $null = Connect-TestSde (New-Scenario 'status=500') -Parameters @{ SkipValidation = $true; MaximumRetryCount = 0 }
            $Error.Clear()
            Get-Completion 'Get-SdeAlmPlugin -Id ' | Should -BeNullOrEmpty
            $Error.Count | Should -Be 0
        }

        It 'gives up within a few seconds on a server that does not answer' {
            $null = Connect-TestSde (New-Scenario 'delay=20000') -Parameters @{ SkipValidation = $true }
            $clock = [Diagnostics.Stopwatch]::StartNew()
            Get-Completion 'Get-SdeAlmPlugin -Id ' | Should -BeNullOrEmpty
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 8
        }
    }
}
