# Issue 17: a filter value without wildcards that matches nothing is not silent. As Get-Process -Name
# does, each such value of -Name, -Alias, -PluginId, -Section and -FieldType is one non-terminating
# ObjectNotFound error (SdeFilterNoMatch) over the whole input, at the end, with a near value when
# there is one, or saying which other filter left it out; a wildcard that matches nothing stays silent.

BeforeAll {
    . $PSScriptRoot/common.ps1

    function Invoke-Filter {
        # Runs a command and returns what it wrote and the errors it raised, in the order they came.
        param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
        $ErrorActionPreference = 'Continue'
        $all = @(& $ScriptBlock 2>&1)
        [pscustomobject]@{
            Output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Problems = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            Sequence = @($all | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error' } else { $_.Name } })
        }
    }
}

Describe 'A literal filter value that matches nothing' {
    BeforeAll {
        $null = Connect-TestSde (New-Scenario)
    }
    AfterAll {
        Disconnect-Sde -All
    }

    It 'is one ObjectNotFound error with the nearest name: Get-SdeAlmPluginField trac -Name alm_sever' {
        $result = Invoke-Filter { Get-SdeAlmPluginField trac -Name alm_sever }
        $result.Output | Should -BeNullOrEmpty
        $result.Problems.Count | Should -Be 1
        $result.Problems[0].FullyQualifiedErrorId | Should -Be 'SdeFilterNoMatch,SdeAlm.Commands.GetSdeAlmPluginFieldCommand'
        $result.Problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Problems[0].TargetObject | Should -Be 'alm_sever'
        $result.Problems[0].Exception.Message | Should -BeExactly "No field of trac matches -Name 'alm_sever'. Did you mean 'alm_server'?"
    }

    It 'names the parameter and the value: Get-SdeAlmPluginField trac -<Parameter> <Value>' -ForEach @(
        @{ Parameter = 'Section'; Value = 'Nope' }
        @{ Parameter = 'FieldType'; Value = 'bogus' }
    ) {
        $arguments = @{ $Parameter = $Value }
        $result = Invoke-Filter { Get-SdeAlmPluginField trac @arguments }
        $result.Output | Should -BeNullOrEmpty
        @($result.Problems.FullyQualifiedErrorId) | Should -Be @('SdeFilterNoMatch,SdeAlm.Commands.GetSdeAlmPluginFieldCommand')
        $result.Problems[0].TargetObject | Should -Be $Value
        $result.Problems[0].Exception.Message | Should -BeLike "No field of trac matches -$Parameter '$Value'. *"
    }

    It 'suggests the connector name: Get-SdeAlmConnector -Name ''Jira Clod''' {
        $result = Invoke-Filter { Get-SdeAlmConnector -Name 'Jira Clod' }
        $result.Output | Should -BeNullOrEmpty
        @($result.Problems.FullyQualifiedErrorId) | Should -Be @('SdeFilterNoMatch,SdeAlm.Commands.GetSdeAlmConnectorCommand')
        $result.Problems[0].Exception.Message | Should -BeExactly "No ALM connector matches -Name 'Jira Clod'. Did you mean 'Jira Cloud'?"
    }

    It 'says so for -PluginId of connectors and ALM connections, -Alias, and -Name of plugins' {
        $messages = @(
            (Invoke-Filter { Get-SdeAlmConnector -PluginId jiraa }).Problems
            (Invoke-Filter { Get-SdeAlmConnection -PluginId githb }).Problems
            (Invoke-Filter { Get-SdeAlmConnection -Alias 'Legacy Trak' }).Problems
            (Invoke-Filter { Get-SdeAlmPlugin -Name 'Azure DevOp' }).Problems
        ) | ForEach-Object { $_.Exception.Message }
        $messages | Should -Be @(
            "No ALM connector matches -PluginId 'jiraa'. Did you mean 'jira'?"
            "No ALM connection matches -PluginId 'githb'. Did you mean 'github'?"
            "No ALM connection matches -Alias 'Legacy Trak'. Did you mean 'Legacy Trac'?"
            "No ALM plugin matches -Name 'Azure DevOp'. Did you mean 'Azure DevOps'?"
        )
    }

    It 'names what was read when -Id or -ProjectId narrowed it' {
        $messages = @(
            (Invoke-Filter { Get-SdeAlmConnector -Id 1 -Name 'GitHub' }).Problems
            (Invoke-Filter { Get-SdeAlmConnection -ProjectId 2 -Alias 'Payments JIRA' }).Problems
            (Invoke-Filter { Get-SdeAlmJob -Succeeded $false | Get-SdeAlmConnection -Alias 'Website GitHub' }).Problems
        ) | ForEach-Object { $_.Exception.Message }
        $messages.Count | Should -Be 3
        $messages[0] | Should -BeLike "No ALM connector with -Id 1 matches -Name 'GitHub'.*"
        $messages[1] | Should -BeLike "No ALM connection of project 2 matches -Alias 'Payments JIRA'.*"
        $messages[2] | Should -BeLike "No ALM connection of the piped jobs matches -Alias 'Website GitHub'.*"
    }

    It 'says which other filter left out a value that exists: -Name alm_server -Scope project' {
        $result = Invoke-Filter { Get-SdeAlmPluginField trac -Name alm_server -Scope project }
        $result.Output | Should -BeNullOrEmpty
        @($result.Problems.Exception.Message) | Should -Be @("A field of trac matches -Name 'alm_server', but none also matches -Scope project.")
        $result = Invoke-Filter { Get-SdeAlmPluginField trac -Name alm_server, alm_project -Section 'Conn*' -Required }
        @($result.Output.Name) | Should -Be @('alm_server')
        @($result.Problems.Exception.Message) | Should -Be @("A field of trac matches -Name 'alm_project', but none also matches -Section 'Conn*' and -Required.")
    }

    It 'is judged over the whole input: one error for all piped plugins, none when one plugin has it' {
        $result = Invoke-Filter { Get-SdeAlmPlugin | Get-SdeAlmPluginField -Name alm_sever }
        @($result.Problems.Exception.Message) | Should -Be @("No field of the 6 plugins matches -Name 'alm_sever'. Did you mean 'alm_server'?")
        $result = Invoke-Filter { 'empty', 'trac' | Get-SdeAlmPluginField -Name alm_server }
        @($result.Output | ForEach-Object { "$($_.PluginId)/$($_.Name)" }) | Should -Be @('trac/alm_server')
        $result.Problems | Should -BeNullOrEmpty
    }

    It 'comes at the end, after everything the other values found' {
        $result = Invoke-Filter { Get-SdeAlmPluginField trac, jira -Name alm_sever, alm_server, ALM_SEVER }
        $result.Sequence | Should -Be @('alm_server', 'alm_server', 'error')
        $result.Problems[0].TargetObject | Should -Be 'alm_sever'
    }

    It 'is not an error for a section given as its label '''' or its view name (general)' {
        (Invoke-Filter { Get-SdeAlmPluginField trac -Section '' }).Problems | Should -BeNullOrEmpty
        (Invoke-Filter { Get-SdeAlmPluginField trac -Section '(General)' }).Problems | Should -BeNullOrEmpty
    }
}

Describe 'A wildcard that matches nothing' {
    BeforeAll {
        $null = Connect-TestSde (New-Scenario)
    }
    AfterAll {
        Disconnect-Sde -All
    }

    It 'stays silent: <Case>' -ForEach @(
        @{ Case = 'Get-SdeAlmPluginField -Name'; Command = { Get-SdeAlmPluginField trac -Name 'nope*' } }
        @{ Case = 'Get-SdeAlmPluginField -Section'; Command = { Get-SdeAlmPluginField trac -Section 'Nope?' } }
        @{ Case = 'Get-SdeAlmConnector -Name'; Command = { Get-SdeAlmConnector -Name '*Clod*' } }
        @{ Case = 'Get-SdeAlmConnection -Alias'; Command = { Get-SdeAlmConnection -Alias '[xyz]*' } }
        @{ Case = 'Get-SdeAlmPlugin -Name'; Command = { Get-SdeAlmPlugin -Name 'zz*' } }
        @{ Case = 'Get-SdeAlmPlugin -Id'; Command = { Get-SdeAlmPlugin -Id 'zzz*' } }
    ) {
        $result = Invoke-Filter $Command
        $result.Output | Should -BeNullOrEmpty
        $result.Problems | Should -BeNullOrEmpty
    }

    It 'leaves a literal unknown plugin id an error, as it was' {
        $result = Invoke-Filter { Get-SdeAlmPlugin -Id 'zzz*', 'jirra' }
        @($result.Problems.FullyQualifiedErrorId) | Should -Be @('SdeAlmPluginNotFound,SdeAlm.Commands.GetSdeAlmPluginCommand')
    }
}
