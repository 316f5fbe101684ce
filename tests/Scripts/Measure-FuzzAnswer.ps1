# Puts each fuzzed answer of the simulator (tests/SdeAlm.Simulator/FuzzCorpus.cs) through
# Get-SdeAlmPlugin and Get-SdeAlmPluginField in this fresh pwsh and prints RESULT <json>: the
# outcomes, the problems found, the slowest call and the working set.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [int] $Count,
    [Parameter(Mandatory)] [int] $TimeoutSec
)

$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
$url = $env:SDEALM_TEST_URL
$token = ConvertTo-SecureString $env:SDEALM_TEST_TOKEN -AsPlainText -Force
$cases = (Invoke-RestMethod "$($url)_sim/fuzz?from=0&count=$count").cases

function Get-Canonical($Objects) { @($Objects) | ConvertTo-Json -Depth 10 -Compress }
$plain = Connect-Sde -Server $url -Token $token -AllowUnencryptedAuthentication -SkipValidation
$expectedList = Get-Canonical (Get-SdeAlmPlugin -Connection $plain)
$expectedFields = @{}
foreach ($id in (Get-SdeAlmPlugin -Connection $plain).Id) { $expectedFields[$id] = Get-Canonical (Get-SdeAlmPluginField -PluginId $id -Connection $plain) }

$process = [Diagnostics.Process]::GetCurrentProcess()
[GC]::Collect(); $process.Refresh()
$baseline = $process.WorkingSet64
$outcomes = @{}; $kinds = @{}; $problems = [Collections.Generic.List[string]]::new()
$slowest = 0.0; $preserved = 0; $clock = [Diagnostics.Stopwatch]::StartNew()
foreach ($case in $cases) {
    $connection = Connect-Sde -Server "$($url)fuzz=$($case.n)/" -Token $token -AllowUnencryptedAuthentication -SkipValidation -TimeoutSec $timeoutSec -MaximumRetryCount 0
    foreach ($target in 'list', 'plugin') {
        $mutation = $case.$target
        $items = [Collections.Generic.List[object]]::new()
        $timer = [Diagnostics.Stopwatch]::StartNew()
        try {
            if ($target -eq 'list') { Get-SdeAlmPlugin -Connection $connection -ErrorAction Continue 2>&1 | ForEach-Object { $items.Add($_) } }
            else { Get-SdeAlmPluginField -PluginId $mutation.base -Connection $connection -ErrorAction Continue 2>&1 | ForEach-Object { $items.Add($_) } }
        }
        catch { $items.Add($_) }
        $timer.Stop()
        $slowest = [math]::Max($slowest, $timer.Elapsed.TotalSeconds)
        $label = "$($case.n)/$target [$($mutation.kind)] $($mutation.detail)"
        $errors = @($items | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
        $objects = @($items | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] })
        if ($errors.Count -gt 0) {
            foreach ($e in $errors) {
                $outcome = "$($e.FullyQualifiedErrorId -replace ',.*') ($($e.CategoryInfo.Category))"
                if ($e.Exception -isnot [SdeAlm.Errors.SdeApiException] -or $e.CategoryInfo.Category -eq 'NotSpecified' -or $e.FullyQualifiedErrorId -notlike 'Sde*') {
                    $problems.Add("$label -> $($e.Exception.GetType().FullName) [$($e.CategoryInfo.Category)] $($e.FullyQualifiedErrorId): $($e.Exception.Message)")
                }
                $outcomes[$outcome] = 1 + [int]$outcomes[$outcome]
            }
        }
        else {
            $outcomes['objects'] = 1 + [int]$outcomes['objects']
            $type = if ($target -eq 'list') { [SdeAlm.Model.AlmPlugin] } else { [SdeAlm.Model.AlmPluginField] }
            $wrong = @($objects | Where-Object { $_ -isnot $type })
            if ($wrong.Count) { $problems.Add("$label -> $($wrong.Count) objects not of type $type") }
            if ($mutation.preserving) {
                $preserved++
                $expected = if ($target -eq 'list') { $expectedList } else { $expectedFields[$mutation.base] }
                if ((Get-Canonical $objects) -ne $expected) { $problems.Add("$label -> a meaning-preserving mutation changed the objects") }
            }
        }
        if ($errors.Count -gt 0 -and $mutation.preserving) { $problems.Add("$label -> a meaning-preserving mutation failed: $($errors[0].Exception.Message)") }
        $kinds[$mutation.kind] = 1 + [int]$kinds[$mutation.kind]
    }
}
$process.Refresh()
'RESULT ' + (@{
    answers = $cases.Count * 2; mutations = $cases.Count; seconds = $clock.Elapsed.TotalSeconds; slowest = $slowest
    preserved = $preserved; outcomes = $outcomes; kinds = $kinds; problems = $problems
    baselineMB = $baseline / 1MB; peakMB = $process.PeakWorkingSet64 / 1MB
} | ConvertTo-Json -Compress -Depth 4)
