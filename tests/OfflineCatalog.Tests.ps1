# Checks without a server (issue 21): a catalog exported to a file answers the plugin cmdlets and Tab
# completion with no connection, no token and no request; two catalogs (files or servers) compare.

BeforeAll {
    . $PSScriptRoot/common.ps1

    function Get-Journal {
        # Every request the simulator saw under a scenario prefix, in arrival order.
        param([string] $Scenario)
        @((Invoke-RestMethod -Uri "$($SimulatorUrl)_sim/requests?prefix=$([uri]::EscapeDataString($Scenario))&detail=1").requests)
    }

    function Get-Completion {
        param([string] $Line)
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | Where-Object ResultType -eq 'ParameterValue')
    }

    function ConvertTo-Comparable {
        # Everything a plugin or field object holds, as one text, to compare two readings of a catalog.
        param([Parameter(ValueFromPipeline)] $InputObject)
        end { ConvertTo-Json -InputObject @($input) -Depth 20 -Compress }
    }

    # Two exports made once: the default catalog (paginated, 2 per page, so the export merges three
    # pages) and the current-release one (issue_tracker_* names).
    $script:Folder = New-Item -ItemType Directory (Join-Path $TestDrive 'catalogs')
    $script:OldScenario = New-Scenario 'page=2'
    $script:NewScenario = New-Scenario 'issuetracker'
    $script:OldPath = Join-Path $Folder 'sde-5.json'
    $script:NewPath = Join-Path $Folder 'sde-2026.json'
    Export-SdeAlmPluginCatalog -Path $OldPath -Connection (Connect-TestSde $OldScenario -Parameters @{ SkipValidation = $true })
    Export-SdeAlmPluginCatalog -Path $NewPath -Connection (Connect-TestSde $NewScenario -Parameters @{ SkipValidation = $true })
    Disconnect-Sde -All
}

AfterAll {
    Disconnect-Sde -All
}

Describe 'Export-SdeAlmPluginCatalog' {
    It 'writes every page of the catalog as the API returned it, merged into one results list' {
        $requests = @(Get-Journal $OldScenario | Where-Object path -eq 'api/v2/plugins/alm/')
        @($requests.query) | Should -Be @('', 'page=2', 'page=3')
        $raw = @(Get-RawCatalog $NewScenario)
        $written = Get-Content -Raw $NewPath | ConvertFrom-Json
        @($written.PSObject.Properties.Name) | Should -Be @('results')
        ConvertTo-Json -InputObject @($written.results) -Depth 30 | Should -BeExactly (ConvertTo-Json -InputObject $raw -Depth 30)
        ConvertTo-Json -InputObject @((Get-Content -Raw $OldPath | ConvertFrom-Json).results) -Depth 30 | Should -BeExactly (ConvertTo-Json -InputObject @(Get-RawCatalog) -Depth 30)
    }

    It 'resolves -Path against the current PowerShell location, not the process directory' {
        $here = New-Item -ItemType Directory (Join-Path $TestDrive 'relative')
        $scenario = New-Scenario
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
        Push-Location $here
        try {
            [Environment]::CurrentDirectory | Should -Not -Be $here.FullName
            Export-SdeAlmPluginCatalog catalog.json -Connection $connection
            Export-SdeAlmPluginCatalog ./sub/../again.json -Connection $connection
        }
        finally { Pop-Location }
        Join-Path $here 'catalog.json' | Should -Exist
        Join-Path $here 'again.json' | Should -Exist
        Join-Path ([Environment]::CurrentDirectory) 'catalog.json' | Should -Not -Exist
        @(Get-ChildItem $here -Name) | Should -Be @('again.json', 'catalog.json') -Because 'no staging file is left'
    }

    It 'keeps an existing file with -NoClobber, before asking the server, and replaces it without' {
        $path = Join-Path $TestDrive 'kept.json'
        Set-Content -Path $path -Value 'mine'
        $scenario = New-Scenario
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
        $err = Get-ErrorRecord { Export-SdeAlmPluginCatalog -Path $path -NoClobber -Connection $connection }
        $err.FullyQualifiedErrorId | Should -Be 'SdeAlmCatalogFileExists,SdeAlm.Commands.ExportSdeAlmPluginCatalogCommand'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        $err.TargetObject | Should -Be $path
        $err.Exception.Message | Should -BeExactly "The file $path already exists, and -NoClobber keeps it: nothing was written. Give another -Path, or leave out -NoClobber to replace it."
        Get-Content -Raw $path | Should -BeExactly "mine$([Environment]::NewLine)"
        (Get-SimulatorRequest $scenario).count | Should -Be 0

        Export-SdeAlmPluginCatalog -Path $path -Connection $connection
        @((Get-Content -Raw $path | ConvertFrom-Json).results.id) | Should -Be @((Get-RawCatalog).id)
    }

    It 'writes and sends nothing with -WhatIf, and says what it would do' {
        $path = Join-Path $TestDrive 'whatif.json'
        $scenario = New-Scenario
        # What if goes to the host: a fresh pwsh prints it.
        $said = Invoke-FreshPwsh -Script @"
Import-Module '$ModuleManifest'
`$connection = Connect-Sde -Server '$(Get-ScenarioUrl $scenario)' -Token (ConvertTo-SecureString '$SimulatorToken' -AsPlainText -Force) -AllowUnencryptedAuthentication -SkipValidation
Export-SdeAlmPluginCatalog -Path '$path' -Connection `$connection -WhatIf
"@
        $said | Should -Be @("What if: Performing the operation `"Export the ALM plugin catalog of $(Get-ScenarioUrl $scenario)`" on target `"$path`".")
        $path | Should -Not -Exist
        (Get-SimulatorRequest $scenario).count | Should -Be 0
    }

    It 'refuses a path it cannot write, before asking the server: <Case>' -ForEach @(
        @{ Case = 'a folder'; Path = { $TestDrive }; Id = 'SdeAlmCatalogFileError'; Category = 'WriteError'; Message = 'is a folder' }
        @{ Case = 'a missing folder'; Path = { Join-Path $TestDrive 'nowhere/catalog.json' }; Id = 'SdeAlmCatalogFileError'; Category = 'WriteError'; Message = 'does not exist' }
        @{ Case = 'another provider'; Path = { 'Env:\catalog' }; Id = 'SdeAlmCatalogFileError'; Category = 'InvalidArgument'; Message = "-Path 'Env:\catalog' is on the Environment provider; a catalog is a file. Give a file system path." }
        @{ Case = 'an unknown drive'; Path = { 'nosuchdrive:\catalog.json' }; Id = 'SdeAlmCatalogFileNotFound'; Category = 'ObjectNotFound'; Message = "-Path 'nosuchdrive:\catalog.json' names no file" }
    ) {
        $scenario = New-Scenario
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
        $err = Get-ErrorRecord { Export-SdeAlmPluginCatalog -Path (& $Path) -Connection $connection }
        $err.FullyQualifiedErrorId | Should -Be "$Id,SdeAlm.Commands.ExportSdeAlmPluginCatalogCommand"
        $err.CategoryInfo.Category | Should -Be $Category
        $err.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($Message))*"
        (Get-SimulatorRequest $scenario).count | Should -Be 0
    }

    It 'refuses a server connection given as the path, rather than writing a file named after it' {
        $connection = Connect-TestSde (New-Scenario) -Parameters @{ SkipValidation = $true }
        Push-Location $TestDrive
        try { $err = Get-ErrorRecord { Export-SdeAlmPluginCatalog $connection } }
        finally { Pop-Location }
        $err.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,SdeAlm.Commands.ExportSdeAlmPluginCatalogCommand'
        $err.Exception.Message | Should -BeLike '*A file path is text, or a file from Get-Item or Get-ChildItem. This is a server connection (SdeConnection), which is given with -Connection*'
        @(Get-ChildItem $TestDrive -Filter '*@*') | Should -BeNullOrEmpty
    }

    It 'needs a connection like every data cmdlet' {
        Disconnect-Sde -All
        $err = Get-ErrorRecord { Export-SdeAlmPluginCatalog -Path (Join-Path $TestDrive 'none.json') }
        $err.FullyQualifiedErrorId | Should -Be 'SdeNotConnected,SdeAlm.Commands.ExportSdeAlmPluginCatalogCommand'
    }
}

Describe '-CatalogPath' {
    It 'answers <Command> exactly as the server that exported the file did (<Generation>)' -ForEach @(
        @{ Generation = 'alm_* names, paginated'; Command = 'Get-SdeAlmPlugin'; Run = { param($p) Get-SdeAlmPlugin @p } }
        @{ Generation = 'issue_tracker_* names'; Command = 'Get-SdeAlmPlugin'; Run = { param($p) Get-SdeAlmPlugin @p }; Current = $true }
        @{ Generation = 'alm_* names, paginated'; Command = 'Get-SdeAlmPlugin -Id'; Run = { param($p) Get-SdeAlmPlugin -Id jira, 'TRAC', '*e*' @p } }
        @{ Generation = 'alm_* names, paginated'; Command = 'Get-SdeAlmPluginField -Required'; Run = { param($p) Get-SdeAlmPluginField -Required @p } }
        @{ Generation = 'issue_tracker_* names'; Command = 'Get-SdeAlmPluginField -Required'; Run = { param($p) Get-SdeAlmPluginField -Required @p }; Current = $true }
        @{ Generation = 'alm_* names, paginated'; Command = 'New-SdeAlmPluginSetting'; Run = { param($p) 'trac', 'jira' | New-SdeAlmPluginSetting -Scope system @p } }
        @{ Generation = 'issue_tracker_* names'; Command = 'Test-SdeAlmPluginSetting'; Run = { param($p) Test-SdeAlmPluginSetting trac @{ alm_server = 'x'; conflict_policy = 'alm' } @p }; Current = $true }
    ) {
        $scenario, $path = if ($Current) { $NewScenario, $NewPath } else { $OldScenario, $OldPath }
        $connection = Connect-TestSde $scenario -Parameters @{ SkipValidation = $true }
        $online = & $Run @{ Connection = $connection }
        $before = (Get-SimulatorRequest $scenario).count
        $offline = & $Run @{ CatalogPath = $path }
        (Get-SimulatorRequest $scenario).count | Should -Be $before -Because 'a file needs no server, even with a current connection'
        @($offline).Count | Should -BeGreaterThan 0
        $offline | ConvertTo-Comparable | Should -BeExactly ($online | ConvertTo-Comparable)
    }

    It 'answers Get-SdeAlmPlugin, Get-SdeAlmPluginField -Required and Test-SdeAlmPluginSetting -Quiet in a fresh pwsh with no connection and no SDE_* variables' {
        $variables = @{}
        Get-ChildItem env: | Where-Object Name -like 'SDE*' | ForEach-Object { $variables[$_.Name] = $null }
        $variables.Count | Should -BeGreaterThan 0 -Because 'the test run sets SDEALM_TEST_URL and SDEALM_TEST_TOKEN, which the child must not see'
        $ids = (Get-RawCatalog $NewScenario).id -join ','
        $before = (Get-SimulatorRequest $NewScenario).count
        $lines = Invoke-FreshPwsh -Environment $variables -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
Set-Location '$Folder'
'variables: ' + @(Get-ChildItem env: | Where-Object Name -like 'SDE*').Count
'connection: ' + [bool](Get-SdeConnection)
'plugins: ' + ((Get-SdeAlmPlugin -CatalogPath ./sde-2026.json).Id -join ',')
'required: ' + ((Get-SdeAlmPluginField trac -CatalogPath ./sde-2026.json -Required).Name -join ',')
'valid: ' + (Test-SdeAlmPluginSetting trac @{ alm_project = 'P'; alm_server = 's'; alm_user = 'u'; alm_pass = 'p' } -CatalogPath ./sde-2026.json -Quiet)
'invalid: ' + (Test-SdeAlmPluginSetting trac @{ alm_project = 'P' } -CatalogPath ./sde-2026.json -Quiet)
try { Get-SdeAlmPlugin } catch { 'online: ' + `$_.FullyQualifiedErrorId }
"@
        $lines | Should -Be @(
            'variables: 0'
            'connection: False'
            "plugins: $ids"
            'required: issue_tracker_project,issue_tracker_method,issue_tracker_server,issue_tracker_user,issue_tracker_pass'
            'valid: True'
            'invalid: False'
            'online: SdeNotConnected,SdeAlm.Commands.GetSdeAlmPluginCommand'
        )
        (Get-SimulatorRequest $NewScenario).count | Should -Be $before
    }

    It 'checks settings of either generation against the file as against its server, and says so in -Verbose' {
        $settings = [ordered]@{ alm_project = 'P'; alm_server = 's'; alm_user = 'u'; alm_pass = 'p'; conflict_policy = 'alm' }
        $verbose = @(Test-SdeAlmPluginSetting trac $settings -CatalogPath $NewPath -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose[0].Message | Should -BeExactly "Read 6 ALM plugins from the catalog file $NewPath ($([math]::Round((Get-Item $NewPath).Length / 1KB, 1)) KB); nothing is sent to a server."
        @($verbose.Message) | Should -Contain "Plugin 'trac': conflict_policy: 'alm' -> 'issue_tracker': this server uses the issue-tracker names"
        Test-SdeAlmPluginSetting trac $settings -CatalogPath $NewPath -Quiet | Should -BeTrue
        (Test-SdeAlmPluginSetting trac @{ alm_sever = 's' } -CatalogPath $NewPath).Problems.Message | Should -Contain "'alm_sever' is not a field of plugin 'trac'. Did you mean 'issue_tracker_server'?"
    }

    It 'reads the file once for many piped records, and takes a file from Get-Item' {
        $ids = @('trac', 'jira', 'github', 'trac')
        $verbose = @($ids | Get-SdeAlmPluginField -CatalogPath (Get-Item $OldPath) -Required -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        @($verbose | Where-Object Message -like 'Read * ALM plugins from the catalog file*').Count | Should -Be 1
    }

    It 'reports an unknown id in the file, with the nearest one and the command that lists the ids' {
        $plugins = Get-SdeAlmPlugin -Id trac, jra -CatalogPath $OldPath -ErrorVariable problems -ErrorAction SilentlyContinue
        @($plugins.Id) | Should -Be @('trac')
        @($problems.FullyQualifiedErrorId) | Should -Be @('SdeAlmPluginNotFound,SdeAlm.Commands.GetSdeAlmPluginCommand')
        $problems[0].Exception.Message | Should -BeExactly "There is no ALM plugin with id 'jra' in the catalog file $OldPath. Did you mean 'jira'? Run Get-SdeAlmPlugin -CatalogPath '$OldPath' to list the ids."
    }

    It 'stops with one clear error for a file it cannot use: <Case>' -ForEach @(
        @{ Case = 'missing'; Content = $null; Id = 'SdeAlmCatalogFileNotFound'; Category = 'ObjectNotFound'; Message = 'There is no catalog file {0}. Check the path, or write the file with Export-SdeAlmPluginCatalog.' }
        @{ Case = 'a configuration document'; Content = '{"connectors": []}'; Id = 'SdeAlmCatalogFileInvalid'; Category = 'InvalidData'; Message = "The file {0} is not an ALM plugin catalog: the file has no 'results' list of plugins. Write a catalog with Export-SdeAlmPluginCatalog." }
        @{ Case = 'not JSON'; Content = 'id,name'; Id = 'SdeAlmCatalogFileInvalid'; Category = 'InvalidData'; Message = "The file {0} is not an ALM plugin catalog: 'i' is an invalid start of a value (line 1, byte 1). Write a catalog with Export-SdeAlmPluginCatalog." }
    ) {
        $path = Join-Path $TestDrive "unusable-$Case.json"
        if ($null -ne $Content) { Set-Content -Path $path -Value $Content }
        $problems = $null
        try { 'trac', 'jira', 'github' | Get-SdeAlmPluginField -CatalogPath $path -ErrorVariable problems }
        catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be "$Id,SdeAlm.Commands.GetSdeAlmPluginFieldCommand"
        $thrown.CategoryInfo.Category | Should -Be $Category
        $thrown.Exception.Message | Should -BeExactly ($Message -f $path)
        @($problems).Count | Should -Be 1 -Because 'the three records would fail alike: the command stops at the first'
    }

    It 'refuses -CatalogPath together with -Connection' {
        $connection = Connect-TestSde (New-Scenario) -Parameters @{ SkipValidation = $true }
        $err = Get-ErrorRecord { Get-SdeAlmPlugin -CatalogPath $OldPath -Connection $connection }
        $err.FullyQualifiedErrorId | Should -Be 'SdeAlmCatalogSourceConflict,SdeAlm.Commands.GetSdeAlmPluginCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeExactly '-CatalogPath and -Connection both say where to read the ALM plugin catalog: give one. With -CatalogPath the command reads the file and needs no connection.'
    }

    It 'refuses an object that is not a path, rather than reading a file named after it' {
        $err = Get-ErrorRecord { Get-SdeAlmPlugin -CatalogPath (Get-Date) }
        $err.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,SdeAlm.Commands.GetSdeAlmPluginCommand'
        $err.Exception.Message | Should -BeLike '*A file path is text, or a file from Get-Item or Get-ChildItem. This is a DateTime.*'
    }

    It 'completes plugin ids, sections and field names from the file on the line, relative to the current location, without a connection' {
        Disconnect-Sde -All
        Push-Location $Folder
        try {
            @((Get-Completion 'Get-SdeAlmPlugin -CatalogPath ./sde-2026.json -Id j').CompletionText) | Should -Be @('jira')
            @((Get-Completion 'Test-SdeAlmPluginSetting -CatalogPath sde-2026.json -PluginId ').CompletionText) | Should -Be @((Get-RawCatalog $NewScenario).id)
            @((Get-Completion 'Get-SdeAlmPluginField trac -CatalogPath ./sde-2026.json -Name issue_tracker_p').CompletionText) | Should -Be @('issue_tracker_project', 'issue_tracker_pass', 'issue_tracker_phases')
            @((Get-Completion 'Get-SdeAlmPluginField trac -CatalogPath ./sde-5.json -Name alm_p').CompletionText) | Should -Be @('alm_project', 'alm_pass', 'alm_phases')
            @((Get-Completion 'Get-SdeAlmPluginField trac -CatalogPath ./sde-5.json -Section Cre').CompletionText) | Should -Be @('Credentials')
            Get-Completion 'Get-SdeAlmPlugin -CatalogPath ./missing.json -Id ' | Should -BeNullOrEmpty
        }
        finally { Pop-Location }
    }
}

Describe 'Compare-SdeAlmPluginCatalog' {
    BeforeAll {
        $script:Changes = @(Compare-SdeAlmPluginCatalog -ReferencePath $OldPath -DifferencePath $NewPath)
        $script:Trac = @($Changes | Where-Object PluginId -eq trac)
    }

    It 'shows each renamed field as removed plus added, and nothing else for it' {
        $renamed = @(Get-RawField (Get-RawCatalog) | Where-Object { $_.Field.name -like 'alm_*' })
        $renamed.Count | Should -BeGreaterThan 20
        foreach ($field in $renamed) {
            $rows = @($Changes | Where-Object { $_.PluginId -eq $field.PluginId -and $_.Field -in $field.Field.name, ($field.Field.name -replace '^alm_', 'issue_tracker_') })
            @($rows | ForEach-Object { "$($_.Field) $($_.Change)" }) | Should -Be @("$($field.Field.name) Removed", "$($field.Field.name -replace '^alm_', 'issue_tracker_') Added")
            @($rows | Where-Object { $null -ne $_.Property -or $null -ne $_.Before -or $null -ne $_.After }) | Should -BeNullOrEmpty
        }
        @($Changes | Where-Object Change -ne 'Changed').Count | Should -Be (2 * $renamed.Count)
    }

    It "shows conflict_policy's default, placeholder and option values changed, with their values" {
        $policy = @($Trac | Where-Object Field -eq conflict_policy)
        @($policy | ForEach-Object { "$($_.Change) $($_.Property): $($_.Before.ToString()) -> $($_.After.ToString())" }) | Should -Be @(
            'Changed Default: alm -> issue_tracker'
            'Changed Options: alm, sde, timestamp -> issue_tracker, sde, timestamp'
            'Changed Placeholder: alm -> issue_tracker'
        )
        @($policy[1].After.Label) | Should -Be @('Trac', 'SD Elements', 'Last Status Change')
    }

    It 'lists no unchanged field and no unchanged plugin' {
        $changedFields = @($Changes | Where-Object Change -eq Changed | ForEach-Object { "$($_.PluginId)/$($_.Field)" } | Select-Object -Unique)
        $changedFields | Should -Be @(Select-Expected (Get-RawField | ForEach-Object { "$($_.PluginId)/$($_.Field.name)" }) { $_ -like '*/conflict_policy' })
        $Changes.PluginId | Should -Not -Contain 'empty'
        $Changes.PluginId | Should -Not -Contain 'kitchen-sink'
        $Changes.Field | Should -Not -Contain 'how_tos_in_scope'
        $Changes.Field | Should -Not -Contain 'sde_min_priority'
    }

    It 'prints at 80 columns one table per plugin, in the order of the form' {
        Get-ConsoleLine { $Trac } | Should -Be @(
            ''
            '   PluginId: trac'
            ''
            'Field                        Change  Property    Before          After'
            '-----                        ------  --------    ------          -----'
            'alm_project                  Removed'
            'alm_method                   Removed'
            'alm_server                   Removed'
            'alm_context_root             Removed'
            'alm_user                     Removed'
            'alm_pass                     Removed'
            'issue_tracker_project        Added'
            'issue_tracker_method         Added'
            'issue_tracker_server         Added'
            'issue_tracker_context_root   Added'
            'issue_tracker_user           Added'
            'issue_tracker_pass           Added'
            'conflict_policy              Changed Default     alm             issue_tracker'
            'conflict_policy              Changed Options     alm, sde,       issue_tracker,'
            '                                                 timestamp        sde,'
            '                                                                 timestamp'
            'conflict_policy              Changed Placeholder alm             issue_tracker'
            'alm_phases                   Removed'
            'issue_tracker_phases         Added'
            ''
            ''
        )
    }

    It 'compares a file with a server, a server with a file and two servers alike' {
        $old = Connect-TestSde $OldScenario -Parameters @{ SkipValidation = $true }
        $new = Connect-TestSde $NewScenario -Parameters @{ SkipValidation = $true }
        $expected = $Changes | ForEach-Object ToString
        @(Compare-SdeAlmPluginCatalog $OldPath -DifferenceConnection $new | ForEach-Object ToString) | Should -Be $expected
        @(Compare-SdeAlmPluginCatalog -ReferenceConnection $old $NewPath | ForEach-Object ToString) | Should -Be $expected
        @(Compare-SdeAlmPluginCatalog -ReferenceConnection $old -DifferenceConnection $new | ForEach-Object ToString) | Should -Be $expected
        Compare-SdeAlmPluginCatalog -ReferenceConnection $new -DifferenceConnection $new | Should -BeNullOrEmpty
        Compare-SdeAlmPluginCatalog $NewPath $NewPath | Should -BeNullOrEmpty
    }

    It 'turned around, lists the same fields the other way' {
        $back = @(Compare-SdeAlmPluginCatalog $NewPath $OldPath | Where-Object PluginId -eq trac | ForEach-Object ToString)
        $back | Should -Contain 'trac/issue_tracker_project Removed'
        $back | Should -Contain 'trac/alm_project Added'
        $back | Should -Contain 'trac/conflict_policy Default: issue_tracker -> alm'
    }

    It 'shows a plugin only one side has as one row without a field' {
        $path = Join-Path $TestDrive 'fewer.json'
        $document = Get-Content -Raw $OldPath | ConvertFrom-Json
        $document.results = @($document.results | Where-Object id -ne github)
        $document | ConvertTo-Json -Depth 30 | Set-Content -Path $path
        @(Compare-SdeAlmPluginCatalog $OldPath $path | ForEach-Object { "$($_.PluginId) [$($_.Field)] $($_.Change)" }) | Should -Be @('github [] Removed')
        @(Compare-SdeAlmPluginCatalog $path $OldPath | ForEach-Object { "$($_.PluginId) [$($_.Field)] $($_.Change)" }) | Should -Be @('github [] Added')
    }

    It 'refuses server connections given where paths go, naming the parameters that take them' {
        $old = Connect-TestSde $OldScenario -Parameters @{ SkipValidation = $true }
        $err = Get-ErrorRecord { Compare-SdeAlmPluginCatalog $old $old }
        $err.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,SdeAlm.Commands.CompareSdeAlmPluginCatalogCommand'
        $err.Exception.Message | Should -BeLike '*This is a server connection (SdeConnection), which is given with -Connection (or -ReferenceConnection, -DifferenceConnection).*'
    }

    It 'stops with the file error when a side cannot be read' {
        $err = Get-ErrorRecord { Compare-SdeAlmPluginCatalog $OldPath (Join-Path $TestDrive 'gone.json') }
        $err.FullyQualifiedErrorId | Should -Be 'SdeAlmCatalogFileNotFound,SdeAlm.Commands.CompareSdeAlmPluginCatalogCommand'
    }
}

Describe 'Test-SdeAlmConfiguration -CatalogPath' {
    BeforeAll {
        function Write-Document {
            # A configuration document as a file in the catalogs folder; alm_pass is a reference to a
            # variable nobody sets: offline, a reference is checked for its form only.
            param([string] $Name, [hashtable] $ConnectorSettings, [string] $ConnectionConnector = 'Jira Cloud')
            $document = [ordered]@{
                connectors  = @([ordered]@{ name = 'Jira Cloud'; plugin = 'jira'; settings = $ConnectorSettings })
                connections = @([ordered]@{ project = 42; alias = 'Payments JIRA'; connector = $ConnectionConnector; frequency = 'daily'; settings = @{ alm_project = 'PAY' } })
            }
            $path = Join-Path $Folder $Name
            $document | ConvertTo-Json -Depth 6 | Set-Content -Path $path -Encoding utf8
            $path
        }

        $script:Valid = Write-Document 'valid.json' @{ alm_server = 'jira.example.com'; alm_user = 'sde-bot'; alm_pass = @{ env = 'SDE_NOBODY_SETS_THIS' }; conflict_policy = 'alm' }
        $script:Invalid = Write-Document 'invalid.json' @{ alm_sever = 'jira.example.com'; alm_user = 'sde-bot'; alm_pass = @{ env = 'SDE_NOBODY_SETS_THIS' } }
        $script:Elsewhere = Write-Document 'elsewhere.json' @{ alm_server = 'jira.example.com'; alm_user = 'sde-bot'; alm_pass = @{ env = 'SDE_NOBODY_SETS_THIS' } } -ConnectionConnector 'Jira Server'
    }

    It 'checks a document against the catalog file alone in a fresh pwsh with no connection and no SDE_* variables, and sends nothing' {
        $variables = @{}
        Get-ChildItem env: | Where-Object Name -like 'SDE*' | ForEach-Object { $variables[$_.Name] = $null }
        $before = @((Get-SimulatorRequest $OldScenario).count, (Get-SimulatorRequest $NewScenario).count)
        $lines = Invoke-FreshPwsh -Environment $variables -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
Set-Location '$Folder'
'connection: ' + [bool](Get-SdeConnection)
'valid, current release: ' + (Test-SdeAlmConfiguration ./valid.json -CatalogPath ./sde-2026.json)
'valid, 4.x/5.x: ' + (Test-SdeAlmConfiguration ./valid.json -CatalogPath ./sde-5.json)
'invalid: ' + (Test-SdeAlmConfiguration ./invalid.json -CatalogPath ./sde-2026.json 3>&1 | ForEach-Object { "`$_" })
"@
        $lines | Should -Be @(
            'connection: False'
            'valid, current release: True'
            'valid, 4.x/5.x: True'
            "invalid: connectors[0] 'Jira Cloud': issue_tracker_server: The field is required but missing. SD Elements shows it as 'Server'. connectors[0] 'Jira Cloud': alm_sever: 'alm_sever' is not a field of plugin 'jira'. Did you mean 'issue_tracker_server'? False"
        )
        @((Get-SimulatorRequest $OldScenario).count, (Get-SimulatorRequest $NewScenario).count) | Should -Be $before
    }

    It 'warns, rather than fails, about a connector it cannot look up without a server' {
        $result = Test-SdeAlmConfiguration $Elsewhere -CatalogPath $NewPath -WarningVariable warnings -WarningAction SilentlyContinue
        $result | Should -BeTrue
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeExactly "connections[0] project 42 'Payments JIRA': connector: 'Jira Server' is not a connector of the document, and the catalog file $NewPath holds no connectors, so the ALM connection's settings are not checked. Check it against the server with Test-SdeAlmConfiguration without -CatalogPath."
    }

    It 'names a secret reference of the wrong form, which it checks without resolving' {
        $wrongForm = Write-Document 'wrong-form.json' @{ alm_server = 'jira.example.com'; alm_user = 'sde-bot'; alm_pass = @{ env = 'SDE_A'; secret = 'B' } }
        $result = Test-SdeAlmConfiguration $wrongForm -CatalogPath $NewPath -WarningVariable warnings -WarningAction SilentlyContinue
        $result | Should -BeFalse
        @($warnings | Where-Object { "$_" -like "*alm_pass*" }).Count | Should -BeGreaterThan 0
    }

    It 'refuses -CatalogPath together with -Connection' {
        $connection = Connect-TestSde $NewScenario -Parameters @{ SkipValidation = $true; NotCurrent = $true }
        $record = Get-ErrorRecord { Test-SdeAlmConfiguration $Valid -CatalogPath $NewPath -Connection $connection }
        $record.FullyQualifiedErrorId | Should -BeLike 'SdeAlmCatalogSourceConflict,*'
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Disconnect-Sde $connection
    }
}
