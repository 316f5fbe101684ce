# Asks a server for an oversized answer in this fresh pwsh and prints RESULT <json>: the error, how
# long it took and the working set before and at its peak.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $Server
)

$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
$url = $env:SDEALM_TEST_URL
$token = ConvertTo-SecureString $env:SDEALM_TEST_TOKEN -AsPlainText -Force
$process = [Diagnostics.Process]::GetCurrentProcess()
$warm = Connect-Sde -Server $url -Token $token -AllowUnencryptedAuthentication -SkipValidation
$null = Get-SdeAlmPlugin -Connection $warm
[GC]::Collect(); $process.Refresh()
$baseline = $process.WorkingSet64
$connection = Connect-Sde -Server $Server -Token $token -AllowUnencryptedAuthentication -SkipValidation -TimeoutSec 60
$timer = [Diagnostics.Stopwatch]::StartNew()
try { $null = Get-SdeAlmPlugin -Connection $connection; $e = $null } catch { $e = $_ }
$seconds = $timer.Elapsed.TotalSeconds
$process.Refresh()
'RESULT ' + (@{ id = "$($e.FullyQualifiedErrorId)"; category = "$($e.CategoryInfo.Category)"; message = "$($e.Exception.Message)"; seconds = $seconds; baselineMB = $baseline / 1MB; peakMB = $process.PeakWorkingSet64 / 1MB } | ConvertTo-Json -Compress)
