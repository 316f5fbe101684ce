BeforeAll {
    . $PSScriptRoot/common.ps1
}

Describe 'Plugin ids' {
    BeforeEach {
        $null = Connect-TestSde
    }
    AfterAll {
        Disconnect-Sde
    }

    It 'matches ids without regard to case, exact ids and wildcards alike' {
        @(Get-SdeAlmPlugin TRAC*, JIRA | ForEach-Object Id) | Should -Be @('trac', 'jira')
        @(Get-SdeAlmPluginField -PluginId GitHub -Name alm_method | ForEach-Object PluginId) | Should -Be @('github')
        (New-SdeAlmPluginSetting Kitchen-Sink).PluginId | Should -BeExactly 'kitchen-sink'
        (Test-SdeAlmPluginSetting AZURE-DEVOPS @{}).PluginId | Should -BeExactly 'azure-devops'
    }

    It 'returns a plugin once when two spellings of its id are given' {
        @(Get-SdeAlmPlugin jira, JIRA, ji* | ForEach-Object Id) | Should -Be @('jira')
    }

    It 'suggests the nearest id for an unknown one, in a message about the id' {
        $err = Get-ErrorRecord { Get-SdeAlmPlugin jirra }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeAlmPluginNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be 'jirra'
        $err.Exception.Message | Should -BeLike "There is no ALM plugin with id 'jirra' on *. Did you mean 'jira'? Run Get-SdeAlmPlugin to list the ids."
        $err.Exception.InnerException | Should -BeNullOrEmpty
    }

    It 'suggests nothing for an id unlike every plugin id' {
        $err = Get-ErrorRecord { Get-SdeAlmPlugin bugzilla }
        $err.FullyQualifiedErrorId | Should -BeLike 'SdeAlmPluginNotFound,*'
        $err.Exception.Message | Should -BeLike "There is no ALM plugin with id 'bugzilla' on *. Run Get-SdeAlmPlugin to list the ids."
    }

    It 'goes on after an unknown id' {
        $plugins = @(Get-SdeAlmPlugin nope, trac -ErrorVariable problems -ErrorAction SilentlyContinue)
        @($plugins.Id) | Should -Be @('trac')
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -BeLike "*'nope'*"
    }
}
