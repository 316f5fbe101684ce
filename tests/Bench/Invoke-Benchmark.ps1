<#
.SYNOPSIS
    Measures SdeAlm against Invoke-RestMethod by hand and against the raw wire, and what -ThrottleLimit
    and Start-SdeAlmSync -Wait cost against the ideal.
.DESCRIPTION
    Run by `./build.ps1 -Task Bench` in a fresh pwsh, against the bundled simulator on loopback (no
    network). In-process contenders are timed in alternating rounds, each timing preceded by a full
    garbage collection; fresh-process contenders (import, first call, peak memory) run in new pwsh
    processes. Prints a table, writes out/bench.json (every sample) and out/bench.md (the README block).
    Exits non-zero only when something is wrong (rows differ, a child fails); a missed target is
    reported, not failed: this is a benchmark, not a test. -Part ManyAtOnce runs only rows (9) and
    (10) (about 3 minutes) and writes out/bench-many.md and out/bench-many.json; -Part Configuration
    only rows (11) and (12), configuration as code (under a minute).
#>
[CmdletBinding()]
param(
    [int] $Plugins = 400,
    [int] $WarmUp = 10,
    [int] $Rounds = 15,
    [int] $ProcessRuns = 7,
    [int] $MemoryRuns = 5,
    # A string list: `pwsh -File` passes "40,400" as one string, which [int[]] would read as 40400.
    [string[]] $ScaleSizes = @('40', '400', '4000'),
    # ALM connections created per round by the pipeline contender (7), and its measured rounds.
    [int] $Connections = 500,
    [int] $ConnectionRounds = 5,
    # Rounds of the many-at-once rows (9) and (10), and their -ThrottleLimit values (a string list, as above).
    [int] $ManyRounds = 3,
    [string[]] $ThrottleLimits = @('1', '4', '8', '16'),
    # Rows (11) and (12), configuration as code: measured rounds (after one warm-up round).
    [int] $ConfigurationRounds = 7,
    # All: every row. ManyAtOnce: only rows (9) and (10), printed and written to out/bench-many.md and .json.
    # Configuration: only rows (11) and (12), against a simulator of their own, written to out/bench-configuration.json.
    [ValidateSet('All', 'ManyAtOnce', 'Configuration')]
    [string] $Part = 'All',
    [string] $ModuleFolder = (Join-Path $PSScriptRoot '../../out/SdeAlm'),
    [string] $OutputFolder = (Join-Path $PSScriptRoot '../../out')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$ModuleFolder = (Resolve-Path $ModuleFolder).Path
$OutputFolder = (New-Item -ItemType Directory -Force $OutputFolder).FullName
$Invariant = [cultureinfo]::InvariantCulture
$PwshDll = Join-Path $PSHOME 'pwsh.dll'
[int[]] $ScaleSizes = @($ScaleSizes -split ',' | ForEach-Object { [int]::Parse($_.Trim(), $Invariant) })
[int[]] $ThrottleLimits = @($ThrottleLimits -split ',' | ForEach-Object { [int]::Parse($_.Trim(), $Invariant) })

# A private copy of the module for this run: a build started meanwhile (other work on the same tree)
# cannot swap the DLL under the fresh-process contenders. The empty module beside it is a baseline for
# what any first Import-Module costs in a fresh pwsh.
$BenchModules = Join-Path $OutputFolder 'bench-modules'
Remove-Item -Recurse -Force -ErrorAction Ignore $BenchModules
$null = New-Item -ItemType Directory -Force (Join-Path $BenchModules 'SdeBenchEmpty')
Copy-Item -Recurse $ModuleFolder (Join-Path $BenchModules 'SdeAlm')
Set-Content -Path (Join-Path $BenchModules 'SdeBenchEmpty/SdeBenchEmpty.psd1') -Value "@{ ModuleVersion = '1.0.0'; FunctionsToExport = @(); CmdletsToExport = @() }"

Import-Module (Join-Path $PSScriptRoot '../Simulator.psm1')
Import-Module (Join-Path $BenchModules 'SdeAlm/SdeAlm.psd1')
Add-Type -Path (Join-Path $PSScriptRoot 'BenchWire.cs')

#region Helpers

function Get-Median {
    param([double[]] $Value)
    $sorted = [double[]]$Value.Clone()
    [array]::Sort($sorted)
    $middle = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

function Get-Summary {
    # Median, min, max of a sample list, plus the samples themselves for bench.json.
    param([double[]] $Value)
    [ordered]@{
        median  = [math]::Round((Get-Median $Value), 3)
        min     = [math]::Round(($Value | Measure-Object -Minimum).Minimum, 3)
        max     = [math]::Round(($Value | Measure-Object -Maximum).Maximum, 3)
        samples = @($Value | ForEach-Object { [math]::Round($_, 3) })
    }
}

function Invoke-FullCollection {
    [GC]::Collect()
    [GC]::WaitForPendingFinalizers()
    [GC]::Collect()
}

function Measure-Alternating {
    <#
    Times every contender once per round, rotating which goes first, with a full collection before
    each timing and the previous result dropped, so no contender pays for another's garbage.
    Warm-up rounds are run the same way and thrown away. Also records each timing's allocations
    GC pause time and this process's CPU time (read outside the stopwatch).
    #>
    param(
        [Parameter(Mandatory)] [System.Collections.Specialized.OrderedDictionary] $Contender,
        [int] $WarmUp,
        [int] $Rounds,
        [string] $Activity
    )

    $names = @($Contender.Keys)
    $time = @{}; $allocated = @{}; $paused = @{}; $processor = @{}
    foreach ($name in $names) {
        $time[$name] = [System.Collections.Generic.List[double]]::new()
        $processor[$name] = [System.Collections.Generic.List[double]]::new()
        $allocated[$name] = [System.Collections.Generic.List[double]]::new()
        $paused[$name] = [System.Collections.Generic.List[double]]::new()
    }

    for ($round = 0; $round -lt $WarmUp + $Rounds; $round++) {
        Write-Progress -Activity $Activity -Status "round $($round + 1) of $($WarmUp + $Rounds)" -PercentComplete (100 * $round / ($WarmUp + $Rounds))
        for ($i = 0; $i -lt $names.Count; $i++) {
            $name = $names[($round + $i) % $names.Count]
            $block = $Contender[$name]
            $result = $null
            Invoke-FullCollection
            $bytesBefore = [GC]::GetTotalAllocatedBytes($true)
            $pauseBefore = [GC]::GetTotalPauseDuration()
            $cpuBefore = [SdeBenchWire]::ProcessorMilliseconds()
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $result = & $block
            $clock.Stop()
            $cpu = if ($cpuBefore -lt 0) { -1 } else { [SdeBenchWire]::ProcessorMilliseconds() - $cpuBefore }
            $pause = [GC]::GetTotalPauseDuration() - $pauseBefore
            $allocatedNow = [GC]::GetTotalAllocatedBytes($true) - $bytesBefore
            if ($round -ge $WarmUp) {
                $time[$name].Add($clock.Elapsed.TotalMilliseconds)
                $allocated[$name].Add($allocatedNow / 1MB)
                $paused[$name].Add($pause.TotalMilliseconds)
                $processor[$name].Add($cpu)
            }
        }
    }
    Write-Progress -Activity $Activity -Completed

    $summary = [ordered]@{}
    foreach ($name in $names) {
        $entry = Get-Summary $time[$name].ToArray()
        $entry['allocatedMB'] = [math]::Round((Get-Median $allocated[$name].ToArray()), 2)
        $entry['gcPauseMs'] = [math]::Round((Get-Median $paused[$name].ToArray()), 2)
        $entry['cpuMs'] = [math]::Round((Get-Median $processor[$name].ToArray()), 2)
        $summary[$name] = $entry
    }
    $summary
}

function Invoke-FreshPwsh {
    <#
    Runs a command in a new `dotnet pwsh.dll -NoProfile -NonInteractive -Command` process and times
    the whole process from outside. The command must print one line "BENCH <json>" with what it
    measured inside.
    #>
    param([Parameter(Mandatory)] [string] $Command, [hashtable] $Environment = @{})

    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($PwshDll, '-NoProfile', '-NonInteractive', '-Command', $Command)) { $info.ArgumentList.Add($argument) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = [string]$Environment[$name] }

    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($info)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    $process.WaitForExit()
    $clock.Stop()
    $exitCode = $process.ExitCode
    $process.Dispose()

    $line = @($stdout.Result -split "`n" | Where-Object { $_ -like 'BENCH *' }) | Select-Object -First 1
    if ($exitCode -ne 0 -or -not $line) {
        throw "A benchmark child process failed (exit code $exitCode).`n$($stdout.Result)`n$($stderr.Result)"
    }

    $measured = $line.Substring(6) | ConvertFrom-Json
    $measured | Add-Member -NotePropertyName processMs -NotePropertyValue $clock.Elapsed.TotalMilliseconds
    $measured
}

function Measure-FreshProcess {
    # Runs each contender's command $Runs times, alternating contenders, and summarizes each measure.
    param(
        [Parameter(Mandatory)] [System.Collections.Specialized.OrderedDictionary] $Contender,
        [int] $Runs,
        [hashtable] $Environment,
        [string] $Activity
    )

    $raw = @{}
    foreach ($name in $Contender.Keys) { $raw[$name] = [System.Collections.Generic.List[object]]::new() }
    for ($run = 0; $run -lt $Runs; $run++) {
        Write-Progress -Activity $Activity -Status "run $($run + 1) of $Runs" -PercentComplete (100 * $run / $Runs)
        foreach ($name in $Contender.Keys) {
            $raw[$name].Add((Invoke-FreshPwsh -Command $Contender[$name] -Environment $Environment))
        }
    }
    Write-Progress -Activity $Activity -Completed

    $summary = [ordered]@{}
    foreach ($name in $Contender.Keys) {
        $childRuns = $raw[$name]
        $summary[$name] = [ordered]@{
            inProcessMs  = Get-Summary @($childRuns | ForEach-Object { [double]$_.ms })
            processMs    = Get-Summary @($childRuns | ForEach-Object { [double]$_.processMs })
            peakMB       = Get-Summary @($childRuns | ForEach-Object { [double]$_.peak / 1MB })
            count        = @($childRuns | ForEach-Object { $_.count } | Select-Object -Unique)
        }
    }
    $summary
}

function Get-MachineInfo {
    $cpu = 'unknown'
    if (Test-Path /proc/cpuinfo) {
        $model = Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1
        if ($model) { $cpu = $model.Matches[0].Groups[1].Value.Trim() }
    }
    elseif ($env:PROCESSOR_IDENTIFIER) {
        $cpu = $env:PROCESSOR_IDENTIFIER
    }

    [ordered]@{
        cpu      = $cpu
        cores    = [Environment]::ProcessorCount
        memoryGB = [math]::Round([GC]::GetGCMemoryInfo().TotalAvailableMemoryBytes / 1GB, 1)
        os       = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
        dotnet   = [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
        pwsh     = $PSVersionTable.PSVersion.ToString()
    }
}

function Get-LoadAverage {
    # The 1-minute load average (Linux), to tell a quiet run from a busy machine; null elsewhere.
    if (Test-Path /proc/loadavg) { [double]::Parse((Get-Content -Raw /proc/loadavg).Split(' ')[0], $Invariant) } else { $null }
}

function Format-Ms {
    param([double] $Value)
    if ($Value -ge 100) { $Value.ToString('0', $Invariant) } else { $Value.ToString('0.0', $Invariant) }
}

function Format-Ratio {
    param([double] $Value)
    $Value.ToString('0.00', $Invariant) + 'x'
}

function New-Connection {
    param($Simulator)
    Connect-Sde -Server $Simulator.Url -Token (ConvertTo-SecureString $Simulator.Token -AsPlainText -Force) -AllowUnencryptedAuthentication
}

function Measure-ManyAtOnce {
    <#
    Rows (9) and (10), against a simulator of the usual seed, each round in a store of its own (a
    context root), rounds of the contenders alternating: (9) 40 connectivity tests that take 0.5 s each
    on the server, piped to Test-SdeAlmConnector at each -ThrottleLimit, against the ideal
    ceil(40 / limit) x 0.5 s, with the most tests the server saw at once; (10) 100 ALM connections
    piped to Start-SdeAlmSync -Wait (each job 5 s on the server), and what the wait cost in requests
    per poll round, against one request per job per round.
    #>
    param($Simulator, [int[]] $Limits, [int] $Rounds)

    $token = ConvertTo-SecureString $Simulator.Token -AsPlainText -Force
    $tests = 40
    $testSeconds = 0.5
    $times = @{}
    $most = @{}
    foreach ($limit in $Limits) { $times[$limit] = [System.Collections.Generic.List[double]]::new(); $most[$limit] = 0 }
    Write-Host "Many at once: $tests tests of $testSeconds s at -ThrottleLimit $($Limits -join ', '), 1 warm-up round, then $Rounds rounds..."
    for ($round = 0; $round -le $Rounds; $round++) {
        $order = if ($round % 2) { $Limits[($Limits.Count - 1)..0] } else { $Limits }
        foreach ($limit in $order) {
            Write-Progress -Activity 'Many at once: connectivity tests' -Status "round $round of $Rounds, -ThrottleLimit $limit"
            $prefix = "testdelay=$([int]($testSeconds * 1000))/bench-throttle-$limit-$round"
            $connection = Connect-Sde -Server "$($Simulator.Url)$prefix/" -Token $token -AllowUnencryptedAuthentication -SkipValidation
            $connectors = @(Get-SdeAlmConnector -Id 1 -Connection $connection) * $tests
            Invoke-FullCollection
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $results = @($connectors | Test-SdeAlmConnector -ThrottleLimit $limit -Connection $connection)
            $clock.Stop()
            Disconnect-Sde -Connection $connection
            $counter = Invoke-RestMethod -Uri "$($Simulator.Url)_sim/concurrency?prefix=$([uri]::EscapeDataString($prefix))"
            if ($results.Count -ne $tests -or @($results | Where-Object Success).Count -ne $tests -or $counter.total -ne $tests -or $counter.max -gt $limit) {
                Write-Error "The tests at -ThrottleLimit $limit went wrong: $($results.Count) results, the server saw $($counter.total), at most $($counter.max) at once." -ErrorAction Continue
                exit 1
            }
            if ($round -gt 0) {
                $times[$limit].Add($clock.Elapsed.TotalMilliseconds)
                $most[$limit] = [math]::Max($most[$limit], $counter.max)
            }
        }
    }
    Write-Progress -Activity 'Many at once: connectivity tests' -Completed

    $throttle = foreach ($limit in $Limits) {
        $ideal = [math]::Ceiling($tests / $limit) * $testSeconds * 1000
        $entry = Get-Summary $times[$limit].ToArray()
        [ordered]@{ limit = $limit; idealMs = $ideal; mostAtOnce = $most[$limit]; ratio = [math]::Round($entry.median / $ideal, 3); times = $entry }
    }

    $jobs = 100
    $waits = [System.Collections.Generic.List[double]]::new()
    $perRound = [System.Collections.Generic.List[double]]::new()
    $roundCounts = [System.Collections.Generic.List[double]]::new()
    Write-Host "Many at once: $Rounds rounds of Start-SdeAlmSync -Wait for $jobs jobs of 5 s..."
    for ($round = 1; $round -le $Rounds; $round++) {
        Write-Progress -Activity 'Many at once: waiting for jobs' -Status "round $round of $Rounds"
        $prefix = "connections=$jobs/jobdelay=5000/bench-wait-$round"
        $connection = Connect-Sde -Server "$($Simulator.Url)$prefix/" -Token $token -AllowUnencryptedAuthentication -SkipValidation
        $bulk = @(Get-SdeAlmConnection -Connection $connection | Where-Object Alias -Like 'Bulk *')
        $before = (Invoke-RestMethod -Uri "$($Simulator.Url)_sim/requests?prefix=$([uri]::EscapeDataString($prefix))").count
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $finished = @($bulk | Start-SdeAlmSync -Wait -ThrottleLimit 16 -Connection $connection)
        $clock.Stop()
        Disconnect-Sde -Connection $connection
        $journal = Invoke-RestMethod -Uri "$($Simulator.Url)_sim/requests?prefix=$([uri]::EscapeDataString($prefix))&detail=1"
        $all = @($journal.requests)
        $during = @(if ($all.Count -gt $before) { $all[$before..($all.Count - 1)] })
        $lists = @($during | Where-Object { $_.method -eq 'GET' -and $_.path -eq 'api/v2/jobs/alm/' }).Count
        $reads = @($during | Where-Object { $_.method -eq 'GET' -and $_.path -match '^api/v2/jobs/alm/\d+/$' }).Count
        $posts = @($during | Where-Object method -EQ 'POST').Count
        if ($finished.Count -ne $jobs -or @($finished | Where-Object Ready).Count -ne $jobs -or $posts -ne $jobs -or $reads -ne $jobs) {
            Write-Error "Waiting for $jobs jobs went wrong: $($finished.Count) written, $posts POSTs, $reads reads by id." -ErrorAction Continue
            exit 1
        }
        $waits.Add($clock.Elapsed.TotalMilliseconds)
        $roundCounts.Add($lists)
        $perRound.Add(($lists + $reads) / $lists)
    }
    Write-Progress -Activity 'Many at once: waiting for jobs' -Completed

    [ordered]@{
        tests = [ordered]@{ count = $tests; secondsEach = $testSeconds; byLimit = @($throttle) }
        wait  = [ordered]@{ jobs = $jobs; jobSeconds = 5; times = Get-Summary $waits.ToArray(); pollRounds = Get-Summary $roundCounts.ToArray(); requestsPerRound = Get-Summary $perRound.ToArray() }
    }
}

function Format-ManyAtOnce {
    # The rows of (9) and (10) for the tables.
    param($Many)
    foreach ($row in $Many.tests.byLimit) {
        $ideal = ($row.idealMs / 1000).ToString('0.0', $Invariant)
        $met = if ($row.ratio -le 1.3) { 'yes' } else { '**no**' }
        $cells = @($row.times.median, $row.times.min, $row.times.max | ForEach-Object { Format-Ms $_ })
        "| (9) $($Many.tests.count) connectivity tests, $($Many.tests.secondsEach) s each on the server, ``Test-SdeAlmConnector -ThrottleLimit $($row.limit)`` (at most $($row.mostAtOnce) at once), ms | $($cells -join ' | ') | $(Format-Ratio $row.ratio) ideal ($ideal s) | <= 1.3x ideal | $met |"
    }
    $wait = $Many.wait
    $cells = @($wait.times.median, $wait.times.min, $wait.times.max | ForEach-Object { Format-Ms $_ })
    "| (10) $($wait.jobs) ALM connections piped to ``Start-SdeAlmSync -Wait -ThrottleLimit 16`` (jobs take $($wait.jobSeconds) s), ms | $($cells -join ' | ') | $($wait.pollRounds.median) poll rounds |  |  |"
    $perRound = $wait.requestsPerRound
    "| (10) Requests per poll round while waiting for $($wait.jobs) jobs: one list of the unfinished jobs a round, and $($wait.jobs) reads by id in all (each job once, when it finished) | $($perRound.median.ToString('0.0', $Invariant)) | $($perRound.min.ToString('0.0', $Invariant)) | $($perRound.max.ToString('0.0', $Invariant)) | one read per job per round: $($wait.jobs) | < $($wait.jobs) | $(if ($perRound.max -lt $wait.jobs) { 'yes' } else { '**no**' }) |"
}

function New-Row {
    param([string] $Contender, $Entry, [string] $Unit = 'ms', [string] $Ratio = '', [string] $Target = '', $Met = $null)
    $cells = @($Entry.median, $Entry.min, $Entry.max | ForEach-Object { (Format-Ms $_) + $(if ($Unit -eq 'MiB') { ' MiB' } else { '' }) })
    $metText = if ($null -eq $Met) { '' } elseif ($Met) { 'yes' } else { '**no**' }
    "| $Contender | $($cells -join ' | ') | $Ratio | $Target | $metText |"
}

function Measure-Configuration {
    <#
    Rows (11) and (12), against a simulator with the usual catalog (6 plugins), so that the figures are
    about the ALM connections rather than a 400-plugin catalog:
    (11) Compare-SdeAlmConfiguration of a document exported from a server with $Connections more ALM
        connections (all NoOp, secrets compared), against the same three GETs by a reused HttpClient
        with each answer deserialized into the module's own source-generated wire records.
    (12) Set-SdeAlmConfiguration of a document with $Connections new ALM connections (plan included),
        against the same rows piped into New-SdeAlmConnection; each on a store of its own.
    #>
    param([System.Net.Http.HttpClient] $Http)

    $simulator = Start-SdeSimulator
    try {
        $secure = ConvertTo-SecureString $simulator.Token -AsPlainText -Force
        $authorization = "Token $($simulator.Token)"
        $work = New-Item -ItemType Directory -Force (Join-Path $OutputFolder 'bench-configuration')

        # (11): export once, with the seeded secrets in the environment so that they are compared too.
        $env:SDE_GITHUB_ALM_API_TOKEN = 'ghp_simulatorToken0123456789'
        $env:SDE_JIRA_CLOUD_ALM_PASS = 'jira-secret-T0ken'
        $env:SDE_TRAC_ON_PREMISES_ALM_PASS = 'trac-pa55word'
        $compareUrl = "$($simulator.Url)connections=$Connections/bench-compare/"
        $compareConnection = Connect-Sde -Server $compareUrl -Token $secure -AllowUnencryptedAuthentication -SkipValidation -NotCurrent
        $document = Join-Path $work 'compare.json'
        Export-SdeAlmConfiguration $document -Connection $compareConnection -WarningAction SilentlyContinue
        $plan = @(Compare-SdeAlmConfiguration $document -Connection $compareConnection)
        $expected = 3 + 4 + $Connections
        if ($plan.Count -ne $expected -or @($plan | Where-Object Action -NE NoOp).Count -ne 0) {
            throw "Compare-SdeAlmConfiguration planned $($plan.Count) entries ($(@($plan | Where-Object Action -NE NoOp).Count) not NoOp), not $expected NoOp."
        }
        $assembly = [SdeAlm.Model.AlmPlugin].Assembly
        $typeInfo = {
            param([string] $Context, [string] $Property)
            $type = $assembly.GetType("SdeAlm.Json.$Context", $true)
            $type.GetProperty($Property).GetValue($type.GetProperty('Default', [Reflection.BindingFlags]'Public, NonPublic, Static').GetValue($null))
        }
        $lists = @(
            @{ Uri = [uri]"${compareUrl}api/v2/plugins/alm/"; Read = [SdeBenchWire]::Deserializer((& $typeInfo 'SdeJsonContext' 'AlmPluginPage')) }
            @{ Uri = [uri]"${compareUrl}api/v2/connectors/alm/"; Read = [SdeBenchWire]::Deserializer((& $typeInfo 'AlmResourceJsonContext' 'AlmConnectorPage')) }
            @{ Uri = [uri]"${compareUrl}api/v2/connections/alm/"; Read = [SdeBenchWire]::Deserializer((& $typeInfo 'AlmResourceJsonContext' 'AlmConnectionPage')) }
        )
        $before = (Invoke-RestMethod "$($simulator.Url)_sim/requests?prefix=connections=$Connections/bench-compare").count
        $null = Compare-SdeAlmConfiguration $document -Connection $compareConnection
        $readsPerCompare = (Invoke-RestMethod "$($simulator.Url)_sim/requests?prefix=connections=$Connections/bench-compare").count - $before
        Write-Host "Configuration (11): $expected entries, $readsPerCompare requests per Compare-; 1 warm-up round, then $ConfigurationRounds rounds..."
        $compare = Measure-Alternating -WarmUp 1 -Rounds $ConfigurationRounds -Activity 'Compare-SdeAlmConfiguration' -Contender ([ordered]@{
                'compare'  = { @(Compare-SdeAlmConfiguration $document -Connection $compareConnection).Count }
                'rawLists' = { foreach ($list in $lists) { $null = $list.Read.Invoke([SdeBenchWire]::Download($Http, $list.Uri, $authorization)) } }
            })
        Disconnect-Sde -Connection $compareConnection

        # (12): the same rows as a document (written once, read by each Set-) and as pipeline objects.
        $rows = @(1..$Connections | ForEach-Object { [pscustomobject]@{ ProjectId = 10000 + $_; Alias = "Bench $_"; Setting = @{ alm_project = "B$_" } } })
        $setDocument = Join-Path $work 'set.json'
        @{ connections = @($rows | ForEach-Object { [ordered]@{ project = $_.ProjectId; alias = $_.Alias; connector = 'Jira Cloud'; settings = $_.Setting } }) } |
            ConvertTo-Json -Depth 6 | Set-Content -Path $setDocument
        $times = @{ set = [System.Collections.Generic.List[double]]::new(); new = [System.Collections.Generic.List[double]]::new() }
        $requestsPerSet = 0.0
        Write-Host "Configuration (12): 1 warm-up round, then $ConfigurationRounds rounds of $Connections ALM connections by each contender..."
        for ($round = 0; $round -le $ConfigurationRounds; $round++) {
            $order = if ($round % 2) { 'new', 'set' } else { 'set', 'new' }
            foreach ($name in $order) {
                $prefix = "bench-$name-$round"
                $server = Connect-Sde -Server "$($simulator.Url)$prefix/" -Token $secure -AllowUnencryptedAuthentication -SkipValidation -NotCurrent
                Invoke-FullCollection
                $clock = [System.Diagnostics.Stopwatch]::StartNew()
                $made = if ($name -eq 'set') {
                    @(Set-SdeAlmConfiguration $setDocument -Connection $server -Confirm:$false).Count
                }
                else {
                    @($rows | New-SdeAlmConnection -ConnectorId 1 -Connection $server).Count
                }
                $clock.Stop()
                if ($made -ne $Connections) { throw "The $name contender created $made ALM connections, not $Connections." }
                if ($round -gt 0) { $times[$name].Add($clock.Elapsed.TotalMilliseconds) }
                if ($name -eq 'set') { $requestsPerSet = (Invoke-RestMethod "$($simulator.Url)_sim/requests?prefix=$prefix").count / $Connections }
                Disconnect-Sde -Connection $server
            }
        }

        [ordered]@{
            entries        = $expected
            readsPerCompare = $readsPerCompare
            compare        = $compare
            set            = Get-Summary $times.set.ToArray()
            new            = Get-Summary $times.new.ToArray()
            requestsPerSet = $requestsPerSet
        }
    }
    finally {
        Stop-SdeSimulator $simulator
    }
}

function Get-ConfigurationRow {
    # The table rows and targets of (11) and (12).
    param($Result)
    $t9 = [double]$Result.compare.compare.median
    $t9raw = [double]$Result.compare.rawLists.median
    $t10 = [double]$Result.set.median
    $t10new = [double]$Result.new.median
    $targets = @(
        [ordered]@{ id = '11'; measure = "Compare- over $Connections ALM connections / raw GETs of the three lists + deserializing, time"; ratio = $t9 / $t9raw; target = '<= 2x'; met = ($t9 / $t9raw) -le 2 }
        [ordered]@{ id = '12'; measure = "Set- creating $Connections ALM connections / the same rows piped to New-SdeAlmConnection, time"; ratio = $t10 / $t10new; target = '<= 1.2x'; met = ($t10 / $t10new) -le 1.2 }
    )
    $rows = @(
        (New-Row "(11) ``Compare-SdeAlmConfiguration`` of an export, $($Result.entries) entries all NoOp (secrets compared), $($Result.readsPerCompare) requests, ms" $Result.compare.compare '' "$(Format-Ratio ($t9 / $t9raw)) raw" '<= 2x raw' $targets[0].met)
        (New-Row '(11) raw: the same 3 GETs from a reused `HttpClient`, each deserialized into the module''s wire records, ms' $Result.compare.rawLists)
        (New-Row "(12) ``Set-SdeAlmConfiguration`` of a document with $Connections new ALM connections (read, checked, planned, applied), ms" $Result.set '' "$(Format-Ratio ($t10 / $t10new)) New-" '<= 1.2x New-' $targets[1].met)
        (New-Row "(12) the same $Connections rows piped to ``New-SdeAlmConnection -ConnectorId 1``, ms" $Result.new)
        "| (12) Requests per created ALM connection by ``Set-SdeAlmConfiguration`` (three lists read once) | $($Result.requestsPerSet.ToString('0.000', $Invariant)) | | | | | |"
    )
    [pscustomobject]@{ Targets = $targets; Rows = $rows }
}

#endregion

#region Contenders

# (1) by hand, exactly as a user without the module would write it.
$ByHand = {
    $list = Invoke-RestMethod -Uri $ListUri -Headers $Headers
    foreach ($plugin in $list.results) {
        foreach ($section in $plugin.sections) {
            foreach ($field in $section.fields) {
                if ($field.required) {
                    [pscustomobject]@{ PluginId = $plugin.id; Section = $section.label; Name = $field.name }
                }
            }
        }
    }
}

# (2) the module.
$WithModule = { Get-SdeAlmPlugin | Get-SdeAlmPluginField | Where-Object Required }

# Child-process commands. They read the simulator from SDEALM_BENCH_URL / SDEALM_BENCH_TOKEN and end
# with one "BENCH" line: in-process milliseconds, peak resident set (VmHWM, else PeakWorkingSet64)
# and a count to check that the work was done.
$ChildEpilogue = @'
$clock.Stop()
$peak = if (Test-Path /proc/self/status) { [long](@([IO.File]::ReadAllLines('/proc/self/status') -match '^VmHWM:')[0] -replace '\D', '') * 1024 } else { (Get-Process -Id $PID).PeakWorkingSet64 }
'BENCH ' + (@{ ms = $clock.Elapsed.TotalMilliseconds; peak = $peak; count = $count } | ConvertTo-Json -Compress)
'@

$ChildConnect = @'
Import-Module SdeAlm
$null = Connect-Sde -Server $env:SDEALM_BENCH_URL -Token (ConvertTo-SecureString $env:SDEALM_BENCH_TOKEN -AsPlainText -Force) -AllowUnencryptedAuthentication
'@

$ChildHeaders = @'
$uri = $env:SDEALM_BENCH_URL + 'api/v2/plugins/alm/'
$headers = @{ Authorization = 'Token ' + $env:SDEALM_BENCH_TOKEN }
'@

function New-ChildCommand {
    param([string] $Body)
    "`$clock = [System.Diagnostics.Stopwatch]::StartNew()`n$Body`n$ChildEpilogue"
}

$ChildByHandRows = $ChildHeaders + "`n" + @'
$rows = foreach ($plugin in (Invoke-RestMethod -Uri $uri -Headers $headers).results) {
    foreach ($section in $plugin.sections) {
        foreach ($field in $section.fields) {
            if ($field.required) { [pscustomobject]@{ PluginId = $plugin.id; Section = $section.label; Name = $field.name } }
        }
    }
}
$count = @($rows).Count
'@

#endregion

$report = [ordered]@{
    date     = [DateTimeOffset]::Now.ToString('yyyy-MM-ddTHH:mm:sszzz', $Invariant)
    machine  = Get-MachineInfo
    loadAverageAtStart = Get-LoadAverage
    settings = [ordered]@{ plugins = $Plugins; warmUpRounds = $WarmUp; rounds = $Rounds; processRuns = $ProcessRuns; memoryRuns = $MemoryRuns; scaleSizes = $ScaleSizes; manyRounds = $ManyRounds; throttleLimits = $ThrottleLimits }
}

if ($Part -eq 'ManyAtOnce') {
    $manySimulator = Start-SdeSimulator
    try { $report['manyAtOnce'] = Measure-ManyAtOnce -Simulator $manySimulator -Limits $ThrottleLimits -Rounds $ManyRounds }
    finally { Stop-SdeSimulator $manySimulator }
    $report['loadAverageAtEnd'] = Get-LoadAverage
    $machine = $report.machine
    $markdown = @(
        "Measured $($report.date.Substring(0, 10)) on $($machine.cpu), $($machine.cores) cores; $($machine.dotnet), PowerShell $($machine.pwsh); 1-minute load average $($report.loadAverageAtStart) at start, $($report.loadAverageAtEnd) at end; simulator on loopback. Medians of $ManyRounds rounds ((9) after a warm-up round, limits alternating)."
        ''
        '| Contender | Median | Min | Max | Ratio | Target | Met |'
        '| --- | ---: | ---: | ---: | ---: | --- | --- |'
        Format-ManyAtOnce $report.manyAtOnce
    ) -join "`n"
    Set-Content -Path (Join-Path $OutputFolder 'bench-many.md') -Value $markdown
    $report | ConvertTo-Json -Depth 8 | Set-Content -Path (Join-Path $OutputFolder 'bench-many.json')
    Write-Host ''
    Write-Host $markdown
    exit 0
}

if ($Part -eq 'Configuration') {
    # Rows (11) and (12) alone: a few minutes less, for work on configuration as code.
    $Http = [System.Net.Http.HttpClient]::new()
    $configuration = Measure-Configuration -Http $Http
    $rows = Get-ConfigurationRow $configuration
    $machine = Get-MachineInfo
    Write-Host ''
    Write-Host "Measured on $($machine.cpu), $($machine.cores) cores, $($machine.os); $($machine.dotnet), PowerShell $($machine.pwsh); 1-minute load average $(Get-LoadAverage). Medians of $ConfigurationRounds rounds after 1 warm-up round."
    Write-Host ''
    Write-Host '| Contender | Median | Min | Max | Ratio | Target | Met |'
    Write-Host '| --- | ---: | ---: | ---: | ---: | --- | --- |'
    $rows.Rows | ForEach-Object { Write-Host $_ }
    [ordered]@{ configuration = $configuration; targets = $rows.Targets } | ConvertTo-Json -Depth 8 | Set-Content -Path (Join-Path $OutputFolder 'bench-configuration.json')
    exit 0
}

$simulator = Start-SdeSimulator -Large $Plugins
try {
    $null = New-Connection $simulator
    $ListUri = [uri]"$($simulator.Url)api/v2/plugins/alm/"
    $Headers = @{ Authorization = "Token $($simulator.Token)" }
    $Authorization = "Token $($simulator.Token)"
    $Http = [System.Net.Http.HttpClient]::new()

    #region Correctness first: the same rows, the same bytes
    $expected = @(& $ByHand | ForEach-Object { "$($_.PluginId)`t$($_.Section)`t$($_.Name)" })
    $actual = @(& $WithModule | ForEach-Object { "$($_.PluginId)`t$($_.Section)`t$($_.Name)" })
    # Same rows in the same order, compared ordinally (Compare-Object would ignore case).
    $firstDifference = -1
    for ($i = 0; $i -lt [math]::Max($expected.Count, $actual.Count); $i++) {
        if ($i -ge $expected.Count -or $i -ge $actual.Count -or -not [string]::Equals($expected[$i], $actual[$i], [StringComparison]::Ordinal)) { $firstDifference = $i; break }
    }
    if ($expected.Count -eq 0 -or $firstDifference -ge 0) {
        Write-Error "The module's rows differ from the hand-written ones ($($expected.Count) by hand, $($actual.Count) from the module; first difference at row $firstDifference)." -ErrorAction Continue
        exit 1
    }
    $Bytes = [SdeBenchWire]::Download($Http, $ListUri, $Authorization)
    $pluginCount = @(Get-SdeAlmPlugin).Count
    if ($pluginCount -ne $Plugins) { Write-Error "Get-SdeAlmPlugin returned $pluginCount plugins, expected $Plugins." -ErrorAction Continue; exit 1 }
    $AllFields = @(Get-SdeAlmPlugin | Get-SdeAlmPluginField)
    $typeInfo = $null
    try {
        # The module's own source-generated metadata (internal): the deserialization floor.
        $contextType = [SdeAlm.Model.AlmPlugin].Assembly.GetType('SdeAlm.Json.SdeJsonContext', $true)
        $context = $contextType.GetProperty('Default', [Reflection.BindingFlags]'Public, NonPublic, Static').GetValue($null)
        $typeInfo = $contextType.GetProperty('AlmPluginPage').GetValue($context)
    }
    catch {
        Write-Warning "Cannot reach the module's JSON context ($_); the deserialization-alone row is skipped."
    }
    $report['catalog'] = [ordered]@{ plugins = $Plugins; bytes = $Bytes.Length; fields = $AllFields.Count; requiredFields = $expected.Count }
    Write-Host ("Catalog: {0} plugins, {1:N2} MiB of JSON, {2} fields, {3} required; rows of (1) and (2) are identical." -f $Plugins, ($Bytes.Length / 1MB), $AllFields.Count, $expected.Count)
    #endregion

    #region In-process: (1), (2), (3) and where the time goes
    $contenders = [ordered]@{
        'byHand'          = $ByHand
        'module'          = $WithModule
        'getPlugin'       = { Get-SdeAlmPlugin }
        'rawBytes'        = { , [SdeBenchWire]::Download($Http, $ListUri, $Authorization) }
        'rawDiscard'      = { [SdeBenchWire]::DownloadAndDiscard($Http, $ListUri, $Authorization) }
        'tokenize'        = { [SdeBenchWire]::Tokenize($Bytes) }
        'fieldsAll'       = { Get-SdeAlmPlugin | Get-SdeAlmPluginField }
        'fieldsRequired'  = { Get-SdeAlmPlugin | Get-SdeAlmPluginField -Required }
        'whereOnly'       = { $AllFields | Where-Object Required }
    }
    if ($typeInfo) {
        $Deserialize = [SdeBenchWire]::Deserializer($typeInfo)
        $contenders['deserialize'] = { $null = $Deserialize.Invoke($Bytes) }
    }
    Write-Host "In-process: $WarmUp warm-up rounds, then $Rounds measured rounds of $($contenders.Count) contenders..."
    $inProcess = Measure-Alternating -Contender $contenders -WarmUp $WarmUp -Rounds $Rounds -Activity 'In-process contenders'
    $report['inProcess'] = $inProcess
    #endregion

    #region Fresh processes: (4) import, (5) first call, (6) peak memory
    $childEnvironment = @{
        SDEALM_BENCH_URL   = $simulator.Url
        SDEALM_BENCH_TOKEN = $simulator.Token
        # Every module is imported by name; the run's copy of SdeAlm is found first on the module path.
        PSModulePath       = $BenchModules, $env:PSModulePath -join [IO.Path]::PathSeparator
    }

    Write-Host "Fresh processes: import and first call, $ProcessRuns runs each..."
    $startup = Measure-FreshProcess -Runs $ProcessRuns -Environment $childEnvironment -Activity 'Import and first call' -Contender ([ordered]@{
            'emptyProcess'    = New-ChildCommand '$count = 0'
            'importEmpty'     = New-ChildCommand 'Import-Module SdeBenchEmpty; $count = @(Get-Module SdeBenchEmpty).Count'
            'importSdeAlm'    = New-ChildCommand 'Import-Module SdeAlm; $count = @(Get-Module SdeAlm).Count'
            'importPSResourceGet' = New-ChildCommand 'Import-Module Microsoft.PowerShell.PSResourceGet; $count = @(Get-Module Microsoft.PowerShell.PSResourceGet).Count'
            'firstCallModule' = New-ChildCommand ($ChildConnect + "`n" + '$plugins = Get-SdeAlmPlugin; $count = @($plugins).Count')
            'firstCallByHand' = New-ChildCommand ($ChildHeaders + "`n" + '$plugins = (Invoke-RestMethod -Uri $uri -Headers $headers).results; $count = @($plugins).Count')
        })
    $report['freshProcess'] = $startup

    Write-Host "Fresh processes: peak memory, $MemoryRuns runs each..."
    $memory = Measure-FreshProcess -Runs $MemoryRuns -Environment $childEnvironment -Activity 'Peak working set' -Contender ([ordered]@{
            'emptyProcess' = New-ChildCommand '$count = 0'
            'byHand'       = New-ChildCommand $ChildByHandRows
            'module'       = New-ChildCommand ($ChildConnect + "`n" + '$rows = Get-SdeAlmPlugin | Get-SdeAlmPluginField | Where-Object Required; $count = @($rows).Count')
            'getPlugin'    = New-ChildCommand ($ChildConnect + "`n" + '$plugins = Get-SdeAlmPlugin; $count = @($plugins).Count')
            'rawBytes'     = New-ChildCommand ($ChildHeaders + "`n" + '$http = [System.Net.Http.HttpClient]::new(); $request = [System.Net.Http.HttpRequestMessage]::new(''Get'', $uri); $null = $request.Headers.TryAddWithoutValidation(''Authorization'', $headers.Authorization); $response = $http.SendAsync($request).GetAwaiter().GetResult(); $bytes = $response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult(); $count = $bytes.Length')
        })
    $report['memory'] = $memory

    $checks = @(
        @{ Name = 'first call, module'; Got = $startup.firstCallModule.count; Expected = $Plugins }
        @{ Name = 'first call, by hand'; Got = $startup.firstCallByHand.count; Expected = $Plugins }
        @{ Name = 'memory, by hand'; Got = $memory.byHand.count; Expected = $expected.Count }
        @{ Name = 'memory, module'; Got = $memory.module.count; Expected = $expected.Count }
        @{ Name = 'memory, Get-SdeAlmPlugin'; Got = $memory.getPlugin.count; Expected = $Plugins }
        @{ Name = 'memory, raw download'; Got = $memory.rawBytes.count; Expected = $Bytes.Length }
    )
    foreach ($check in $checks) {
        if (@($check.Got).Count -ne 1 -or @($check.Got)[0] -ne $check.Expected) {
            Write-Error "A child process did not do the whole work ($($check.Name): got $($check.Got -join ', '), expected $($check.Expected))." -ErrorAction Continue
            exit 1
        }
    }
    #endregion

    #region (7) and (8): ALM connections from a pipeline against the same POSTs by a raw client, and requests per connection
    # Both contenders start from rows made beforehand: the module from objects with a Setting property (as
    # Import-Csv | Select-Object makes them), the raw client from their JSON bodies.
    $connectionRows = @(1..$Connections | ForEach-Object { [pscustomobject]@{ ProjectId = 10000 + $_; Alias = "Bench $_"; Setting = @{ alm_project = "B$_" } } })
    $connectionBodies = [string[]]@($connectionRows | ForEach-Object { @{ alias = $_.Alias; connector = 1; project = $_.ProjectId; params = $_.Setting } | ConvertTo-Json -Compress })
    $connectionTimes = @{ module = [System.Collections.Generic.List[double]]::new(); raw = [System.Collections.Generic.List[double]]::new() }
    $requestsPerConnection = 0.0
    Write-Host "ALM connections: 1 warm-up round, then $ConnectionRounds rounds of $Connections creations by each contender..."
    for ($round = 0; $round -le $ConnectionRounds; $round++) {
        # Each round and contender writes into a store of its own (a context root): both start from the seed.
        $prefix = "bench-connections-$round"
        $benchConnection = Connect-Sde -Server "$($simulator.Url)$prefix/" -Token (ConvertTo-SecureString $simulator.Token -AsPlainText -Force) -AllowUnencryptedAuthentication -SkipValidation
        $rawUri = [uri]"$($simulator.Url)raw-$prefix/api/v2/connections/alm/"
        $order = if ($round % 2) { 'raw', 'module' } else { 'module', 'raw' }
        foreach ($name in $order) {
            Invoke-FullCollection
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $made = if ($name -eq 'module') {
                @($connectionRows | New-SdeAlmConnection -ConnectorId 1 -Connection $benchConnection).Count
            }
            else {
                [SdeBenchWire]::PostAll($Http, $rawUri, $Authorization, $connectionBodies)
            }
            $clock.Stop()
            if ($made -ne $Connections) {
                Write-Error "The $name contender created $made ALM connections, not $Connections." -ErrorAction Continue
                exit 1
            }
            if ($round -gt 0) { $connectionTimes[$name].Add($clock.Elapsed.TotalMilliseconds) }
        }
        $requestsPerConnection = (Invoke-RestMethod -Uri "$($simulator.Url)_sim/requests?prefix=$prefix").count / $Connections
        Disconnect-Sde -Connection $benchConnection
    }
    $connectionReport = [ordered]@{
        count                 = $Connections
        module                = Get-Summary $connectionTimes.module.ToArray()
        raw                   = Get-Summary $connectionTimes.raw.ToArray()
        requestsPerConnection = $requestsPerConnection
    }
    $report['connections'] = $connectionReport
    #endregion

    #region Scaling: the same in-process measurement at several catalog sizes
    $scaling = [System.Collections.Generic.List[object]]::new()
    foreach ($size in $ScaleSizes) {
        $sizeSimulator = if ($size -eq $Plugins) { $simulator } else { Start-SdeSimulator -Large $size }
        try {
            $null = New-Connection $sizeSimulator
            $sizeUri = [uri]"$($sizeSimulator.Url)api/v2/plugins/alm/"
            $sizeAuthorization = "Token $($sizeSimulator.Token)"
            $sizeBytes = [SdeBenchWire]::Download($Http, $sizeUri, $sizeAuthorization).Length
            $sizeRows = @(& $WithModule).Count
            # Big catalogs take long enough per call that fewer rounds still give stable medians.
            $sizeWarmUp = if ($size -gt $Plugins) { 3 } else { $WarmUp }
            $sizeRounds = if ($size -gt $Plugins) { 7 } else { $Rounds }
            Write-Host "Scaling: $size plugins ($([math]::Round($sizeBytes / 1MB, 2)) MiB), $sizeWarmUp warm-up + $sizeRounds rounds..."
            $sizeResult = Measure-Alternating -WarmUp $sizeWarmUp -Rounds $sizeRounds -Activity "Scaling, $size plugins" -Contender ([ordered]@{
                    'module'    = $WithModule
                    'getPlugin' = { Get-SdeAlmPlugin }
                    'rawBytes'  = { , [SdeBenchWire]::Download($Http, $sizeUri, $sizeAuthorization) }
                })
            $scaling.Add([ordered]@{ plugins = $size; bytes = $sizeBytes; requiredRows = $sizeRows; results = $sizeResult })
        }
        finally {
            if ($sizeSimulator -ne $simulator) { Stop-SdeSimulator $sizeSimulator }
        }
    }
    $report['scaling'] = $scaling
    #endregion

    #region (9) and (10): many at once
    $manySimulator = Start-SdeSimulator
    try { $report['manyAtOnce'] = Measure-ManyAtOnce -Simulator $manySimulator -Limits $ThrottleLimits -Rounds $ManyRounds }
    finally { Stop-SdeSimulator $manySimulator }
    #endregion

    #region (11) and (12): configuration as code
    $report['configuration'] = Measure-Configuration -Http $Http
    #endregion
}
finally {
    Stop-SdeSimulator $simulator
}

#region Targets and the table
$median = { param($entry) [double]$entry.median }
$t1 = & $median $inProcess.byHand
$t2 = & $median $inProcess.module
$t3 = & $median $inProcess.getPlugin
$t3raw = & $median $inProcess.rawBytes
$t4 = & $median $startup.importSdeAlm.inProcessMs
$t4ref = & $median $startup.importPSResourceGet.inProcessMs
$t5 = & $median $startup.firstCallModule.inProcessMs
$t5ref = & $median $startup.firstCallByHand.inProcessMs
$m2 = & $median $memory.module.peakMB
$m1 = & $median $memory.byHand.peakMB
$t7 = & $median $connectionReport.module
$t7raw = & $median $connectionReport.raw
$requestGoal = 1 + 2 / $Connections

$targets = @(
    [ordered]@{ id = '2'; measure = '(1) / (2), time'; ratio = $t1 / $t2; target = '>= 5x faster'; met = ($t1 / $t2) -ge 5 }
    [ordered]@{ id = '3'; measure = '(3) / raw download, time'; ratio = $t3 / $t3raw; target = '<= 1.5x'; met = ($t3 / $t3raw) -le 1.5 }
    [ordered]@{ id = '4'; measure = 'SdeAlm / PSResourceGet, import'; ratio = $t4 / $t4ref; target = '<= 1x'; met = ($t4 / $t4ref) -le 1 }
    [ordered]@{ id = '5'; measure = 'module / by hand, first call'; ratio = $t5 / $t5ref; target = '< 1x'; met = ($t5 / $t5ref) -lt 1 }
    [ordered]@{ id = '6'; measure = 'module / by hand, peak working set'; ratio = $m2 / $m1; target = '<= 1x'; met = ($m2 / $m1) -le 1 }
    [ordered]@{ id = '7'; measure = "$Connections ALM connections, module / raw POSTs, time"; ratio = $t7 / $t7raw; target = '<= 1.5x'; met = ($t7 / $t7raw) -le 1.5 }
    [ordered]@{ id = '8'; measure = 'requests per created ALM connection'; ratio = $connectionReport.requestsPerConnection; target = "<= 1 + 2/$Connections"; met = $connectionReport.requestsPerConnection -le $requestGoal }
)
$configurationRows = Get-ConfigurationRow $report['configuration']
$targets += $configurationRows.Targets
$report['targets'] = $targets
$report['loadAverageAtEnd'] = Get-LoadAverage


$byId = @{}; foreach ($target in $targets) { $byId[$target.id] = $target }
$mb = ($Bytes.Length / 1MB).ToString('0.00', $Invariant)
$table = [System.Collections.Generic.List[string]]::new()
$table.Add("| Contender ($Plugins plugins, $mb MiB, $($expected.Count) required rows) | Median | Min | Max | Ratio | Target | Met |")
$table.Add('| --- | ---: | ---: | ---: | ---: | --- | --- |')
$table.Add((New-Row '(1) By hand: `Invoke-RestMethod` + nested loops, ms' $inProcess.byHand))
$table.Add((New-Row '(2) `Get-SdeAlmPlugin \| Get-SdeAlmPluginField \| Where-Object Required`, ms' $inProcess.module '' "$(Format-Ratio ($t1 / $t2)) faster" '>= 5x faster' $byId['2'].met))
$table.Add((New-Row '(3) `Get-SdeAlmPlugin`, ms' $inProcess.getPlugin '' "$(Format-Ratio ($t3 / $t3raw)) raw" '<= 1.5x raw' $byId['3'].met))
$table.Add((New-Row '(3) raw: reused `HttpClient`, `ReadAsByteArrayAsync`, same headers, ms' $inProcess.rawBytes))
$table.Add((New-Row '(3) wire alone: same request, body read into a reused buffer and dropped, ms' $inProcess.rawDiscard '' "(3) is $(Format-Ratio ($t3 / (& $median $inProcess.rawDiscard)))"))
$table.Add((New-Row '(4) `Import-Module SdeAlm`, fresh pwsh, Stopwatch inside, ms' $startup.importSdeAlm.inProcessMs '' (Format-Ratio ($t4 / $t4ref)) '<= 1x' $byId['4'].met))
$table.Add((New-Row '(4) `Import-Module Microsoft.PowerShell.PSResourceGet`, same, ms' $startup.importPSResourceGet.inProcessMs))
$table.Add((New-Row '(4) `Import-Module` of an empty manifest module, same (PowerShell''s own first-import cost), ms' $startup.importEmpty.inProcessMs))
$table.Add((New-Row '(4) whole `dotnet pwsh.dll -c` process: import SdeAlm, ms' $startup.importSdeAlm.processMs))
$table.Add((New-Row '(4) whole process: import PSResourceGet, ms' $startup.importPSResourceGet.processMs))
$table.Add((New-Row '(4) whole process: nothing (pwsh start-up), ms' $startup.emptyProcess.processMs))
$table.Add((New-Row '(5) First call, fresh pwsh: import, `Connect-Sde`, `Get-SdeAlmPlugin`, ms' $startup.firstCallModule.inProcessMs '' (Format-Ratio ($t5 / $t5ref)) '< 1x' $byId['5'].met))
$table.Add((New-Row '(5) First call by hand: `(Invoke-RestMethod ...).results`, ms' $startup.firstCallByHand.inProcessMs))
$table.Add((New-Row '(5) whole process, module, ms' $startup.firstCallModule.processMs))
$table.Add((New-Row '(5) whole process, by hand, ms' $startup.firstCallByHand.processMs))
$table.Add((New-Row '(6) Peak working set (VmHWM), fresh pwsh running (2) once' $memory.module.peakMB 'MiB' (Format-Ratio ($m2 / $m1)) '<= 1x' $byId['6'].met))
$table.Add((New-Row '(6) Peak working set, fresh pwsh running (1) once' $memory.byHand.peakMB 'MiB'))
$table.Add((New-Row '(6) Peak working set, fresh pwsh running (3) `Get-SdeAlmPlugin` once' $memory.getPlugin.peakMB 'MiB'))
$table.Add((New-Row '(6) Peak working set, fresh pwsh running the raw download once' $memory.rawBytes.peakMB 'MiB'))
$table.Add((New-Row '(6) Peak working set, fresh pwsh doing nothing' $memory.emptyProcess.peakMB 'MiB'))
$table.Add((New-Row "(7) $Connections rows piped to ``New-SdeAlmConnection`` (catalog check included), ms" $connectionReport.module '' "$(Format-Ratio ($t7 / $t7raw)) raw" '<= 1.5x raw' $byId['7'].met))
$table.Add((New-Row "(7) raw: the same $Connections POSTs from a reused ``HttpClient``, ms" $connectionReport.raw))
$table.Add("| (8) Requests per created ALM connection (one catalog and one connector read per pipeline) | $($connectionReport.requestsPerConnection.ToString('0.000', $Invariant)) | | | | <= $($requestGoal.ToString('0.000', $Invariant)) | $(if ($byId['8'].met) { 'yes' } else { '**no**' }) |")
foreach ($row in Format-ManyAtOnce $report.manyAtOnce) { $table.Add($row) }
foreach ($row in $configurationRows.Rows) { $table.Add($row) }

$where = [System.Collections.Generic.List[string]]::new()
$where.Add('| Where the time goes (same rounds, medians) | Wall ms | CPU ms, all threads | Allocated MiB | GC pause ms |')
$where.Add('| --- | ---: | ---: | ---: | ---: |')
$labels = [ordered]@{
    rawDiscard     = 'Raw download, body read and dropped (the wire alone)'
    rawBytes       = 'Raw download into a byte[]'
    tokenize       = 'Utf8JsonReader pass over the bytes in memory (no objects)'
    deserialize    = 'DeserializeAsync of the bytes in memory (MemoryStream) into the module''s source-generated model'
    getPlugin      = '`Get-SdeAlmPlugin` (download + deserialize + 400 WriteObject)'
    fieldsRequired = '`Get-SdeAlmPlugin \| Get-SdeAlmPluginField -Required`'
    fieldsAll      = '`Get-SdeAlmPlugin \| Get-SdeAlmPluginField` (every field)'
    whereOnly      = '`Where-Object Required` over every field already in memory'
    module         = '(2) the whole pipeline'
    byHand         = '(1) by hand'
}
foreach ($key in $labels.Keys) {
    if (-not $inProcess.Contains($key)) { continue }
    $entry = $inProcess[$key]
    $cpuText = if ($entry.cpuMs -lt 0) { 'n/a' } else { Format-Ms $entry.cpuMs }
    $where.Add("| $($labels[$key]) | $(Format-Ms $entry.median) | $cpuText | $($entry.allocatedMB.ToString('0.0', $Invariant)) | $($entry.gcPauseMs.ToString('0.0', $Invariant)) |")
}

$scale = [System.Collections.Generic.List[string]]::new()
$scale.Add('| Plugins | MiB | Required rows | (2) ms | (2) ms/MiB | (3) ms | (3) ms/MiB | Raw ms | Raw ms/MiB |')
$scale.Add('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
foreach ($size in $scaling) {
    $sizeMB = $size.bytes / 1MB
    $cells = foreach ($key in 'module', 'getPlugin', 'rawBytes') {
        $value = [double]$size.results[$key].median
        Format-Ms $value
        ($value / $sizeMB).ToString('0.0', $Invariant)
    }
    $scale.Add("| $($size.plugins) | $($sizeMB.ToString('0.00', $Invariant)) | $($size.requiredRows) | $($cells -join ' | ') |")
}

$machine = $report.machine
$machineLine = "Measured $($report.date.Substring(0, 10)) on $($machine.cpu), $($machine.cores) cores, $($machine.memoryGB) GiB, $($machine.os); $($machine.dotnet), PowerShell $($machine.pwsh); 1-minute load average $($report.loadAverageAtStart) at start, $($report.loadAverageAtEnd) at end; simulator on loopback (no network). Medians of $Rounds rounds after $WarmUp warm-up rounds, alternating, full GC before each timing; fresh-process rows: medians of $ProcessRuns (memory: $MemoryRuns) new processes."
$met = @($targets | Where-Object met).Count

$markdown = @(
    $machineLine
    ''
    $table
    ''
    $where
    ''
    $scale
) -join "`n"
Set-Content -Path (Join-Path $OutputFolder 'bench.md') -Value $markdown
$report | ConvertTo-Json -Depth 8 | Set-Content -Path (Join-Path $OutputFolder 'bench.json')

Write-Host ''
Write-Host $markdown
Write-Host ''
Write-Host "Targets met: $met of $($targets.Count). Wrote $(Join-Path $OutputFolder 'bench.json') and bench.md."
exit 0
#endregion
