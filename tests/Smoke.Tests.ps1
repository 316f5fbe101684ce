# The smoke suite: the module's main paths, written to run unchanged under Windows PowerShell 5.1 and
# PowerShell 7 (no PowerShell 7 syntax, no .NET Core-only API; tests/SdeAlm.Tests checks its syntax).
# It needs only the built module and simulator in out/ and Pester, and starts its own simulator, so CI can
# run it under powershell.exe alone; in ./build.ps1 -Task Test it runs with the rest of the suite.

BeforeAll {
    $ErrorActionPreference = 'Stop'
    $script:ModuleManifest = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../out/SdeAlm/SdeAlm.psd1'))
    $script:Dependencies = Join-Path (Split-Path $script:ModuleManifest) 'dependencies'

    function Start-SmokeSimulator {
        # The same start as tests/Simulator.psm1 (port 0, ready line, stops when stdin closes or this
        # process ends), with an argument string, which .NET Framework's ProcessStartInfo also has.
        $dll = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../out/simulator/SdeAlm.Simulator.dll'))
        if (-not (Test-Path $dll)) { throw "The simulator is not built: run ./build.ps1 -Task Build first ($dll)." }
        $token = 'smoke-' + [guid]::NewGuid().ToString('n')
        $startInfo = New-Object System.Diagnostics.ProcessStartInfo 'dotnet'
        $startInfo.Arguments = '"{0}" --port 0 --parent-pid {1} --token {2}' -f $dll, $PID, $token
        $startInfo.RedirectStandardOutput = $true
        $startInfo.RedirectStandardInput = $true
        $startInfo.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($startInfo)
        $readLine = $process.StandardOutput.ReadLineAsync()
        if (-not $readLine.Wait([timespan]::FromSeconds(60)) -or $readLine.Result -notmatch '^SIMULATOR_READY (\S+)$') {
            $process.Kill()
            throw "The simulator did not report ready: $($readLine.Result)"
        }
        New-Object psobject -Property @{ Url = $Matches[1]; Token = $token; Process = $process }
    }

    function Get-SmokeToken {
        ConvertTo-SecureString $script:Simulator.Token -AsPlainText -Force
    }

    function New-SmokeScenario {
        # A context root that selects simulator behaviour (see tests/SdeAlm.Simulator/README.md), unique
        # to the test so that the simulator's request journal of it is the test's alone.
        param([string[]] $Option)
        $prefix = (@($Option) + ('run=' + [guid]::NewGuid().ToString('n'))) -join '/'
        New-Object psobject -Property @{ Prefix = $prefix; Url = "$($script:Simulator.Url)$prefix/" }
    }

    function Wait-SmokeRequest {
        # Returns once the simulator has a request under the scenario that it has not finished
        # answering (status 0 in its journal): a request known to be under way, not a guessed sleep.
        param($Scenario)
        $journal = "$($script:Simulator.Url)_sim/requests?prefix=$([uri]::EscapeDataString($Scenario.Prefix))&detail=1"
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ([DateTime]::UtcNow -lt $deadline) {
            if (@((Invoke-RestMethod -Uri $journal).requests | Where-Object { $_.status -eq 0 }).Count -gt 0) { return }
            Start-Sleep -Milliseconds 50
        }
        throw "The simulator saw no request under $($Scenario.Prefix) within 30 s."
    }

    function Get-RawPlugin {
        # The plugin list as Invoke-RestMethod sees it: the independent oracle.
        (Invoke-RestMethod -Uri "$($script:Simulator.Url)api/v2/plugins/alm/" -Headers @{ Authorization = "Token $($script:Simulator.Token)" }).results
    }

    $script:Simulator = Start-SmokeSimulator
    $script:Imported = Import-Module $script:ModuleManifest -Force -PassThru
}

AfterAll {
    if (Get-Module SdeAlm) {
        Disconnect-Sde -ErrorAction SilentlyContinue
        Remove-Module SdeAlm
    }
    if ($script:Simulator) {
        if (-not $script:Simulator.Process.HasExited) {
            $script:Simulator.Process.StandardInput.Close()
            if (-not $script:Simulator.Process.WaitForExit(5000)) { $script:Simulator.Process.Kill() }
        }
        $script:Simulator.Process.Dispose()
    }
}

Describe 'SdeAlm smoke test' {
    It 'imports the built module with every cmdlet of its manifest' {
        $manifest = Import-PowerShellDataFile $script:ModuleManifest
        $script:Imported.ModuleBase | Should -Be (Split-Path $script:ModuleManifest)
        @(Get-Command -Module SdeAlm | ForEach-Object Name | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'connects to the simulator' {
        $connection = Connect-Sde -Server $script:Simulator.Url -Token (Get-SmokeToken) -AllowUnencryptedAuthentication
        $connection.Server | Should -Be $script:Simulator.Url
        (Get-SdeConnection).Server | Should -Be $script:Simulator.Url
    }

    It 'lists the plugins the server has, in its order' {
        $expected = @(Get-RawPlugin | ForEach-Object { $_.id })
        $expected.Count | Should -BeGreaterThan 1
        @(Get-SdeAlmPlugin | ForEach-Object Id) | Should -Be $expected
    }

    It 'runs the pipeline from plugins to their required fields' {
        $expected = @(foreach ($plugin in Get-RawPlugin) {
                foreach ($section in $plugin.sections) {
                    foreach ($field in $section.fields) { if ($field.required) { "$($plugin.id)/$($field.name)" } }
                }
            })
        $expected.Count | Should -BeGreaterThan 0
        $required = Get-SdeAlmPlugin | Get-SdeAlmPluginField | Where-Object Required
        @($required | ForEach-Object { "$($_.PluginId)/$($_.Name)" }) | Should -Be $expected
    }

    It 'checks settings: a filled template passes, a wrong value fails' {
        $settings = New-SdeAlmPluginSetting trac
        $settings.alm_project = 'Release 2.1'
        $settings.alm_server = 'trac.example.com'
        $settings.alm_user = 'sde-sync'
        $settings.alm_pass = 'not-a-real-password'
        Test-SdeAlmPluginSetting trac $settings -Quiet | Should -BeTrue

        $settings.alm_method = 'ftp'
        $result = Test-SdeAlmPluginSetting trac $settings
        $result.IsValid | Should -BeFalse
        @($result.Problems | ForEach-Object { "$($_.Severity) $($_.Field)" }) | Should -Be @('Error alm_method')
    }

    It 'reports an unknown plugin as ObjectNotFound and goes on' {
        $plugins = Get-SdeAlmPlugin -Id trac, no-such-plugin -ErrorVariable problems -ErrorAction SilentlyContinue
        @($plugins | ForEach-Object Id) | Should -Be @('trac')
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SdeAlmPluginNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be 'no-such-plugin'
    }

    It 'answers a request for <Name> <Version> (asked for by the private copies on .NET Framework)' -ForEach @(
        @{ Name = 'System.Buffers'; Version = '4.0.2.0'; Token = 'cc7b13ffcd2ddd51' }
        @{ Name = 'System.Runtime.CompilerServices.Unsafe'; Version = '4.0.4.1'; Token = 'b03f5f7f11d50a3a' }
    ) {
        # Assembly.Load does not tell the runtime who asks: on Windows PowerShell only the module's
        # resolver can answer it (with its newer copy); on PowerShell 7 the runtime's own copy does.
        $loaded = [Reflection.Assembly]::Load("$Name, Version=$Version, Culture=neutral, PublicKeyToken=$Token")
        $loaded.GetName().Name | Should -Be $Name
        $loaded.GetName().Version | Should -BeGreaterOrEqual ([version]$Version)
        if ($PSVersionTable.PSEdition -eq 'Desktop' -and $loaded.GlobalAssemblyCache -eq $false) {
            (Split-Path $loaded.Location) | Should -Be $script:Dependencies
        }
    }

    It 'runs 8 connectivity tests at once (where .NET Framework allows 2 connections per server by default), in input order' {
        $prefix = 'testdelay=1500/smoke-' + [guid]::NewGuid().ToString('n')
        $connection = Connect-Sde -Server "$($script:Simulator.Url)$prefix/" -Token (Get-SmokeToken) -AllowUnencryptedAuthentication -NotCurrent
        $results = @(Test-SdeAlmConnector -Id 1, 2, 3, 1, 2, 3, 1, 2 -ThrottleLimit 8 -Connection $connection)
        @($results | ForEach-Object Target) | Should -Be @('connector 1', 'connector 2', 'connector 3', 'connector 1', 'connector 2', 'connector 3', 'connector 1', 'connector 2')
        $counter = Invoke-RestMethod -Uri "$($script:Simulator.Url)_sim/concurrency?prefix=$([uri]::EscapeDataString($prefix))"
        $counter.max | Should -Be 8
        Disconnect-Sde -Connection $connection
    }

    It 'syncs an ALM connection now and waits for its job' {
        $connection = Connect-Sde -Server "$($script:Simulator.Url)jobdelay=500/smoke-$([guid]::NewGuid().ToString('n'))/" -Token (Get-SmokeToken) -AllowUnencryptedAuthentication -NotCurrent
        $job = Start-SdeAlmSync -AlmConnectionId 4 -Wait -Timeout 60 -Connection $connection
        $job.AlmConnectionId | Should -Be 4
        $job.Ready | Should -BeTrue
        $job.Succeeded | Should -BeTrue
        Disconnect-Sde -Connection $connection
    }

    It 'exports two generations of the catalog, answers from a file without a connection, and compares them' {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ('sdealm-smoke-' + [guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory $folder
        $old = Connect-Sde -Server "$($script:Simulator.Url)page=2/smoke-$([guid]::NewGuid().ToString('n'))/" -Token (Get-SmokeToken) -AllowUnencryptedAuthentication -NotCurrent
        $new = Connect-Sde -Server "$($script:Simulator.Url)issuetracker/smoke-$([guid]::NewGuid().ToString('n'))/" -Token (Get-SmokeToken) -AllowUnencryptedAuthentication -NotCurrent
        Push-Location $folder
        try {
            Export-SdeAlmPluginCatalog old.json -Connection $old
            # Again: the file is replaced whole.
            Export-SdeAlmPluginCatalog old.json -Connection $old
            Export-SdeAlmPluginCatalog new.json -Connection $new
            @(Get-ChildItem $folder | ForEach-Object Name | Sort-Object) | Should -Be @('new.json', 'old.json')
            @(Get-SdeAlmPlugin -CatalogPath old.json | ForEach-Object Id) | Should -Be @(Get-RawPlugin | ForEach-Object { $_.id })
            Test-SdeAlmPluginSetting trac @{ alm_project = 'P'; alm_server = 's'; alm_user = 'u'; alm_pass = 'p' } -CatalogPath new.json -Quiet | Should -BeTrue
            $line = 'Get-SdeAlmPlugin -CatalogPath new.json -Id j'
            @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText) | Should -Be @('jira')
            @(Compare-SdeAlmPluginCatalog old.json new.json | Where-Object { $_.PluginId -eq 'trac' -and $_.Change -eq 'Changed' } | ForEach-Object { $_.ToString() }) | Should -Be @(
                'trac/conflict_policy Default: alm -> issue_tracker'
                'trac/conflict_policy Options: alm, sde, timestamp -> issue_tracker, sde, timestamp'
                'trac/conflict_policy Placeholder: alm -> issue_tracker'
            )
        }
        finally {
            Pop-Location
            Disconnect-Sde -Connection $old
            Disconnect-Sde -Connection $new
            Remove-Item -Recurse -Force $folder
        }
    }

    It 'exports the ALM configuration, finds the server in sync, and plans a document from ConvertFrom-Json' {
        $path = Join-Path $TestDrive 'sde-alm.json'
        Export-SdeAlmConfiguration $path -WarningAction SilentlyContinue
        $text = [IO.File]::ReadAllText($path)
        $text | Should -Match '"alm_pass": \{\s+"env": "SDE_JIRA_CLOUD_ALM_PASS"\s+\}'
        $text | Should -Not -Match 'jira-secret-T0ken'
        Test-SdeAlmConfiguration $path -WarningAction SilentlyContinue | Should -Be $true

        $document = $text | ConvertFrom-Json
        $document.connections[0].frequency = 'monthly'
        $plan = @(Compare-SdeAlmConfiguration -Configuration $document -WarningAction SilentlyContinue)
        @($plan | Where-Object { $_.Action -ne 'NoOp' } | ForEach-Object { '{0} {1}: {2}' -f $_.Action, $_.Name, $_.Changes[0] }) |
            Should -Be @("Update Payments JIRA: frequency: 'daily' -> 'monthly'")
    }

    It 'reads a secret reference with Get-Secret -Name -Vault' {
        # A stand-in with SecretManagement's calling convention: the module runs it in this runspace.
        function global:Get-Secret { param([string] $Name, [string] $Vault) if ($Name -eq 'SDE_JIRA_CLOUD_ALM_PASS' -and $Vault -eq 'Ops') { ConvertTo-SecureString 'jira-secret-T0ken' -AsPlainText -Force } }
        try {
            $path = Join-Path $TestDrive 'vault.json'
            Export-SdeAlmConfiguration $path -ConnectorName 'Jira Cloud' -SecretVault Ops -WarningAction SilentlyContinue
            Test-SdeAlmConfiguration $path -WarningVariable warnings -WarningAction SilentlyContinue | Should -Be $true
            @($warnings) | Should -BeNullOrEmpty -Because 'the secret was read and compared, not left out'
        }
        finally {
            Remove-Item function:global:Get-Secret
        }
    }

    It 'disconnects, removes the module, and imports it again in the same session' {
        Disconnect-Sde
        Remove-Module SdeAlm
        Get-Command -Module SdeAlm | Should -BeNullOrEmpty
        Get-Command Get-SdeAlmPlugin -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        Import-Module $script:ModuleManifest
        $null = Connect-Sde -Server $script:Simulator.Url -Token (Get-SmokeToken) -AllowUnencryptedAuthentication
        @(Get-SdeAlmPlugin -Id trac | ForEach-Object Id) | Should -Be @('trac')
    }
}

Describe 'SdeAlm smoke test: an answer that stalls halfway' {
    # On .NET Framework a network read looks at its cancellation token only when it starts: these are
    # the tests that show -TimeoutSec and Ctrl+C end a read already waiting in the middle of a body.
    It 'ends the call after -TimeoutSec, long before the server would finish, when <Case> stalls' -ForEach @(
        @{ Case = 'the answer'; Options = @('stall=60000'); Id = 'SdeRequestTimeout'; Category = 'OperationTimeout' }
        @{ Case = 'an error body'; Options = @('status=500', 'stall=60000'); Id = 'SdeServerError'; Category = 'ResourceUnavailable' }
    ) {
        $scenario = New-SmokeScenario $Options
        $connection = Connect-Sde -Server $scenario.Url -Token (Get-SmokeToken) -AllowUnencryptedAuthentication -SkipValidation -TimeoutSec 2 -NotCurrent
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $err = $null
        try { $null = Get-SdeAlmPlugin -Connection $connection -ErrorAction Stop } catch { $err = $_ }
        $clock.Stop()
        Disconnect-Sde -Connection $connection
        Write-Host ('Stalled {0}: -TimeoutSec 2 -> {1:0.00} s' -f $Case, $clock.Elapsed.TotalSeconds)
        $err | Should -Not -BeNullOrEmpty -Because 'the server finishes the answer only after 60 s'
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $err.CategoryInfo.Category | Should -Be $Category
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 20 -Because 'the server finishes only after 60 s'
    }

    It 'returns at once when the pipeline is stopped halfway through <Case>' -ForEach @(
        @{ Case = 'the answer'; Options = @('stall=30000') }
        @{ Case = 'an error body'; Options = @('status=500', 'stall=30000') }
    ) {
        $scenario = New-SmokeScenario $Options
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript({
                    param($Manifest, $Url, $Token)
                    Import-Module $Manifest
                    $c = Connect-Sde -Server $Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -AllowUnencryptedAuthentication -SkipValidation
                    Get-SdeAlmPlugin -Connection $c
                }).AddArgument($script:ModuleManifest).AddArgument($scenario.Url).AddArgument($script:Simulator.Token)
            $async = $shell.BeginInvoke()
            Wait-SmokeRequest $scenario
            # The simulator sends half the body as soon as it has the request; this lets it arrive, so
            # that the stop finds the read waiting mid-body (landing earlier, it still tests a stop).
            Start-Sleep -Milliseconds 500
            $async.IsCompleted | Should -BeFalse
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $clock.Stop()
            Write-Host ('Stop halfway through {0}: {1:0.000} s' -f $Case, $clock.Elapsed.TotalSeconds)
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            # The server would take 30 s: returning within 10 s means the read was ended.
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
        }
        finally {
            $shell.Dispose()
        }
    }
}
