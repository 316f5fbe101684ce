# The binding audit of issue 17 ("No silent wrong answers"): every cmdlet with a pipeline parameter
# (ValueFromPipeline or ValueFromPipelineByPropertyName) and the objects a user may pipe to it by
# mistake. Each row says what the object binds to, shown by what comes out or by the error that names
# the bound values, or that it is refused and with which error. No piped object may reach a parameter
# as its ToString(): before the audit, a connector piped to Get-SdeAlmPlugin looked up the plugin
# '1 Jira Cloud', and a job piped to Get-SdeAlmConnection listed every ALM connection of its project.
#
# Refusals: a typed parameter refuses what it cannot take with PowerShell's InputObjectNotBound (or
# InputObjectMissingMandatory when a row lacks a mandatory property); a text parameter refuses with
# ParameterArgumentTransformationError and a message of SdeAlm's saying what it takes. Both are
# InvalidArgument or InvalidData, never NotSpecified, and do not stop the other piped objects.

BeforeDiscovery {
    # The objects piped in each row; BeforeAll reads them from the simulator's seeded store.
    $inputs = 'AlmJob', 'AlmConnector', 'AlmConnection', 'AlmPluginField', 'AlmConnectionTestResult', 'AlmPlugin', 'String', 'CsvRow', 'Int'
    $notBound = 'InputObjectNotBound'
    $notText = 'ParameterArgumentTransformationError'

    function Row {
        # One cell of the audit: -Output lists what comes out (see Format-AuditItem), -Refused the
        # ErrorId of the one error, -Binds says in words what the piped object became.
        param([string] $Cmdlet, [string] $Piped, [string] $Binds, [string[]] $Output = @(), [string] $Refused, [string] $Message = '*')
        @{ Cmdlet = $Cmdlet; Piped = $Piped; Binds = $Binds; Output = $Output; Refused = $Refused; Message = $Message }
    }

    function Refused {
        # A row for each input the cmdlet refuses with one error id, but those named in -Except.
        param([string] $Cmdlet, [string] $ErrorId, [string[]] $Except, [string] $Binds = 'refused')
        foreach ($piped in $inputs | Where-Object { $_ -notin $Except }) { Row $Cmdlet $piped $Binds -Refused $ErrorId }
    }

    $script:Audit = @(
        # Job 3 ran ALM connection 2 of project 2, which also has ALM connection 3.
        Row Get-SdeAlmConnection AlmJob '-Job: the ALM connection it ran (not its project''s)' -Output 'ALM connection 2'
        Row Get-SdeAlmConnection AlmConnection '-InputObject: read again' -Output 'ALM connection 3'
        Row Get-SdeAlmConnection CsvRow '-ProjectId 1 (by property name)' -Output 'ALM connection 1'
        Refused Get-SdeAlmConnection $notBound -Except AlmJob, AlmConnection, CsvRow

        Row Get-SdeAlmJob AlmConnection '-InputObject: its jobs' -Output 'job 7', 'job 2'
        Refused Get-SdeAlmJob $notBound -Except AlmConnection

        Row Get-SdeAlmPlugin AlmConnector '-Id jira (its PluginId)' -Output 'plugin jira'
        Row Get-SdeAlmPlugin AlmConnection '-Id trac (its PluginId)' -Output 'plugin trac'
        Row Get-SdeAlmPlugin AlmPluginField '-Id trac (its PluginId)' -Output 'plugin trac'
        Row Get-SdeAlmPlugin AlmPlugin '-Id github (its Id, not its ToString)' -Output 'plugin github'
        Row Get-SdeAlmPlugin String '-Id github' -Output 'plugin github'
        Row Get-SdeAlmPlugin CsvRow '-Id jira (its PluginId column)' -Output 'plugin jira'
        Row Get-SdeAlmPlugin AlmJob 'refused: no PluginId, and its Id is a number' -Refused $notText -Message '*This is an AlmJob, without a PluginId property and with an Id that is the Int32 3, not text.'
        Row Get-SdeAlmPlugin AlmConnectionTestResult 'refused: no PluginId' -Refused $notText -Message '*This is an AlmConnectionTestResult, without a PluginId property.'
        Row Get-SdeAlmPlugin Int 'refused: not text' -Refused $notText -Message '*This is the Int32 3.'

        Row Get-SdeAlmPluginField AlmConnector '-PluginId jira' -Output 'field jira/alm_server'
        Row Get-SdeAlmPluginField AlmConnection '-PluginId trac' -Output 'field trac/alm_server'
        Row Get-SdeAlmPluginField AlmPluginField '-PluginId trac' -Output 'field trac/alm_server'
        Row Get-SdeAlmPluginField AlmPlugin '-InputObject: the plugin itself, not read again' -Output 'field github/alm_server'
        Row Get-SdeAlmPluginField String '-PluginId github' -Output 'field github/alm_server'
        Row Get-SdeAlmPluginField CsvRow '-PluginId jira' -Output 'field jira/alm_server'
        Refused Get-SdeAlmPluginField $notText -Except AlmConnector, AlmConnection, AlmPluginField, AlmPlugin, String, CsvRow

        foreach ($cmdlet in 'New-SdeAlmPluginSetting', 'Test-SdeAlmPluginSetting') {
            Row $cmdlet AlmConnector '-PluginId jira' -Output 'setting jira'
            Row $cmdlet AlmConnection '-PluginId trac' -Output 'setting trac'
            Row $cmdlet AlmPluginField '-PluginId trac' -Output 'setting trac'
            Row $cmdlet AlmPlugin '-InputObject: the plugin itself' -Output 'setting github'
            Row $cmdlet String '-PluginId github' -Output 'setting github'
            Row $cmdlet CsvRow '-PluginId jira' -Output 'setting jira'
            Refused $cmdlet $notText -Except AlmConnector, AlmConnection, AlmPluginField, AlmPlugin, String, CsvRow
        }

        Row Invoke-SdeRestMethod String '-Path github: sent, and the server has no such path' -Refused SdeResourceNotFound -Message '*/github was not found*'
        Refused Invoke-SdeRestMethod $notText -Except String -Binds 'refused: not text'

        # ALM connection 3 is 'Legacy Trac' of project 2 through connector 2; the CSV row names project 1.
        Row New-SdeAlmConnection AlmConnection 'ProjectId, ConnectorId, Alias, Frequency and Settings by property name: a copy (nothing sent under -WhatIf)'
        Row New-SdeAlmConnection CsvRow 'ProjectId, ConnectorId, Alias by property name, refused for want of settings' -Refused SdeAlmSettingInvalid -Message "*ALM connection 'Csv Alias' of project 1 *"
        Row New-SdeAlmConnection AlmJob 'ProjectId only: refused' -Refused InputObjectMissingMandatory
        Row New-SdeAlmConnection AlmConnector 'Settings only: refused' -Refused InputObjectMissingMandatory
        Refused New-SdeAlmConnection $notBound -Except AlmConnection, CsvRow, AlmJob, AlmConnector

        Row New-SdeAlmConnector AlmConnector 'Name, PluginId, Inaccessible and Settings by property name: a copy (nothing sent under -WhatIf)'
        foreach ($piped in 'AlmConnection', 'AlmPluginField', 'AlmPlugin', 'CsvRow') {
            Row New-SdeAlmConnector $piped 'Name or PluginId by property name, but no Setting: refused' -Refused InputObjectMissingMandatory
        }
        Refused New-SdeAlmConnector $notBound -Except AlmConnector, AlmConnection, AlmPluginField, AlmPlugin, CsvRow

        Row Set-SdeAlmConnection AlmConnection '-InputObject (nothing differs, nothing sent)' -Output 'ALM connection 3'
        Refused Set-SdeAlmConnection $notBound -Except AlmConnection
        Row Set-SdeAlmConnector AlmConnector '-InputObject (nothing differs, nothing sent)' -Output 'connector 1'
        Refused Set-SdeAlmConnector $notBound -Except AlmConnector

        Row Test-SdeAlmConnection AlmConnection '-InputObject' -Output 'test connection 3: True'
        Refused Test-SdeAlmConnection $notBound -Except AlmConnection
        Row Test-SdeAlmConnector AlmConnector '-InputObject' -Output 'test connector 1: True'
        Refused Test-SdeAlmConnector $notBound -Except AlmConnector

        Row Start-SdeAlmSync AlmConnection '-InputObject (nothing queued under -WhatIf)'
        Refused Start-SdeAlmSync $notBound -Except AlmConnection

        Row Remove-SdeAlmConnection AlmConnection '-InputObject (read, nothing sent under -WhatIf)'
        Refused Remove-SdeAlmConnection $notBound -Except AlmConnection
        Row Remove-SdeAlmConnector AlmConnector '-InputObject (read, nothing sent under -WhatIf)'
        Refused Remove-SdeAlmConnector $notBound -Except AlmConnector

        # Only the entries of a plan from Compare-SdeAlmConfiguration (none of these inputs) bind.
        Refused Set-SdeAlmConfiguration $notBound

        Refused Select-SdeConnection $notBound
        Refused Disconnect-Sde $notBound
    )
}

BeforeAll {
    . $PSScriptRoot/common.ps1

    # How each cmdlet runs in the audit: writes under -WhatIf or with values that change nothing.
    $script:Invocation = @{
        'Get-SdeAlmConnection'     = @{}
        'Get-SdeAlmJob'            = @{}
        'Get-SdeAlmPlugin'         = @{}
        'Get-SdeAlmPluginField'    = @{ Name = 'alm_serv*' }
        'New-SdeAlmPluginSetting'  = @{}
        'Test-SdeAlmPluginSetting' = @{ Setting = @{} }
        'Invoke-SdeRestMethod'     = @{}
        'New-SdeAlmConnection'     = @{ WhatIf = $true }
        'New-SdeAlmConnector'      = @{ WhatIf = $true }
        'Set-SdeAlmConnection'     = @{ Alias = 'Legacy Trac'; PassThru = $true }
        'Set-SdeAlmConnector'      = @{ Name = 'Jira Cloud'; PassThru = $true }
        'Test-SdeAlmConnection'    = @{}
        'Test-SdeAlmConnector'     = @{}
        'Start-SdeAlmSync'         = @{ WhatIf = $true }
        'Remove-SdeAlmConnection'  = @{ WhatIf = $true }
        'Remove-SdeAlmConnector'   = @{ WhatIf = $true }
        'Set-SdeAlmConfiguration'  = @{ WhatIf = $true }
        'Select-SdeConnection'     = @{}
        'Disconnect-Sde'           = @{}
    }

    function Format-AuditItem {
        # What came out, in a word and its identity.
        param($Item)
        switch ($Item) {
            { $_ -is [SdeAlm.Model.AlmPlugin] } { "plugin $($_.Id)"; break }
            { $_ -is [SdeAlm.Model.AlmPluginField] } { "field $($_.PluginId)/$($_.Name)"; break }
            { $_ -is [SdeAlm.Settings.AlmPluginSetting] } { "setting $($_.PluginId)"; break }
            { $_ -is [SdeAlm.Model.AlmPluginSettingTestResult] } { "setting $($_.PluginId)"; break }
            { $_ -is [SdeAlm.Model.AlmConnection] } { "ALM connection $($_.Id)"; break }
            { $_ -is [SdeAlm.Model.AlmConnector] } { "connector $($_.Id)"; break }
            { $_ -is [SdeAlm.Model.AlmJob] } { "job $($_.Id)"; break }
            { $_ -is [SdeAlm.Model.AlmConnectionTestResult] } { "test $($_.Target): $($_.Success)"; break }
            default { $_.GetType().Name }
        }
    }

    $script:Scenario = New-Scenario
    $script:Current = Connect-TestSde $Scenario
    $script:Inputs = @{
        AlmJob                  = Get-SdeAlmJob -Id 3
        AlmConnector            = Get-SdeAlmConnector -Id 1
        AlmConnection           = Get-SdeAlmConnection -Id 3
        AlmPluginField          = Get-SdeAlmPluginField trac -Name alm_server
        AlmConnectionTestResult = Test-SdeAlmConnection -Id 1
        AlmPlugin               = Get-SdeAlmPlugin github
        String                  = 'github'
        CsvRow                  = "PluginId,ProjectId,ConnectorId,Alias,Name`njira,1,1,Csv Alias,Csv Name" | ConvertFrom-Csv
        Int                     = 3
    }
}

AfterAll {
    Disconnect-Sde -All
}

Describe 'The binding audit' {
    It 'covers every cmdlet with a pipeline parameter, with each input once' {
        $piping = @(Get-Command -Module SdeAlm -CommandType Cmdlet | Where-Object {
                $_.Parameters.Values.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName }
            } | ForEach-Object Name | Sort-Object)
        @($Audit.Cmdlet | Sort-Object -Unique) | Should -Be $piping
        @($Invocation.Keys | Sort-Object) | Should -Be $piping
        foreach ($cmdlet in $piping) {
            @($Audit | Where-Object Cmdlet -EQ $cmdlet | ForEach-Object Piped | Sort-Object) |
                Should -Be @($Inputs.Keys | Sort-Object) -Because "$cmdlet needs one row per input"
        }
    }

    It '<Cmdlet> takes <Piped>: <Binds>' -ForEach $Audit {
        $parameters = $Invocation[$Cmdlet]
        $problems = $null
        $actual = @($Inputs[$Piped] | & $Cmdlet @parameters -ErrorVariable problems -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        @($actual | ForEach-Object { Format-AuditItem $_ }) | Should -Be $Output
        if ($Refused) {
            @($problems).Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike "$Refused,*"
            $problems[0].CategoryInfo.Category | Should -Not -Be 'NotSpecified'
            "$($problems[0].Exception.Message)" | Should -BeLike $Message
        }
        else {
            @($problems) | Should -BeNullOrEmpty
        }

        # A refused object changes nothing: the current server connection stays current and open.
        [object]::ReferenceEquals((Get-SdeConnection), $Current) | Should -BeTrue
        $Current.IsOpen | Should -BeTrue
    }

    It 'sent no write, only the POSTs of the connectivity tests' {
        $journal = Invoke-RestMethod -Uri "$($SimulatorUrl)_sim/requests?prefix=$([uri]::EscapeDataString($Scenario))&detail=1"
        @($journal.requests | Where-Object method -NE 'GET' | ForEach-Object { "$($_.method) $($_.path)" }) |
            Should -Be @('POST api/v2/connections/testalm/', 'POST api/v2/connections/testalm/', 'POST api/v2/connectors/testalm/')
    }
}

Describe 'The same rules for values given on the command line' {
    It 'takes plugin ids, plugins and objects with a PluginId in one -Id list' {
        @((Get-SdeAlmPlugin -Id 'trac', $Inputs.AlmConnector, $Inputs.AlmPlugin).Id) | Should -Be @('trac', 'jira', 'github')
        (New-SdeAlmPluginSetting -PluginId $Inputs.AlmConnection).PluginId | Should -Be 'trac'
        @((Get-SdeAlmPluginField -PluginId $Inputs.AlmPlugin -Name alm_server).PluginId) | Should -Be @('github')
    }

    It 'refuses a job given to -Id, naming what -Id takes' {
        $err = Get-ErrorRecord { Get-SdeAlmPlugin -Id $Inputs.AlmJob }
        $err.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,SdeAlm.Commands.GetSdeAlmPluginCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -BeLike '*A plugin id is text, a plugin from Get-SdeAlmPlugin, or an object with a PluginId property*This is an AlmJob*'
    }

    It 'names a refused row by its property names, never by its values' {
        $row = [pscustomobject]@{ Server = 'jira.example.com'; Password = 'hunter2' }
        $err = Get-ErrorRecord { $row | Get-SdeAlmPluginField }
        $err.Exception.Message | Should -BeLike '*This is an object with the properties Server, Password, without a PluginId property.'
        $err.Exception.Message | Should -Not -Match 'hunter2'
    }

    It 'takes a URL as a [uri] in -Path, piped or given' {
        $url = [uri]"$(Get-ScenarioUrl $Scenario)api/v2/users/me/"
        ($url | Invoke-SdeRestMethod).username | Should -Be 'admin'
        (Invoke-SdeRestMethod -Path ([uri]'api/v2/users/me/')).username | Should -Be 'admin'
    }
}
