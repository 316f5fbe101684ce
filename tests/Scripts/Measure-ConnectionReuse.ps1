# Makes many sequential calls on one connection in this fresh pwsh and prints RESULT <json>: wrong
# answers, errors, the sockets to the server's port before and after, and the memory.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [int] $Calls,
    [Parameter(Mandatory)] [string] $Url,
    [Parameter(Mandatory)] [int] $Port
)

$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
$token = ConvertTo-SecureString $env:SDEALM_TEST_TOKEN -AsPlainText -Force
function Get-SocketCount {
    # Our sockets to the simulator's port (remote port = its port), ESTABLISHED (01) and TIME_WAIT (06),
    # and the simulator's TIME_WAIT ones (local port = its port), which closed connections would leave.
    $hex = ':{0:X4}' -f $port
    $lines = foreach ($table in '/proc/net/tcp', '/proc/net/tcp6') { if (Test-Path $table) { Get-Content $table | Where-Object { $_ -notmatch '^\s*sl\s' } } }
    $ours = @(); $theirs = @()
    foreach ($line in $lines) {
        $fields = -split $line
        if ($fields[2].EndsWith($hex)) { $ours += $fields[3] }
        elseif ($fields[1].EndsWith($hex)) { $theirs += $fields[3] }
    }
    @{ established = @($ours -eq '01').Count; timeWait = @($ours -eq '06').Count; serverTimeWait = @($theirs -eq '06').Count }
}
$before = Get-SocketCount
$connection = Connect-Sde -Server $url -Token $token -AllowUnencryptedAuthentication -SkipValidation
1..50 | ForEach-Object { $null = Get-SdeAlmPlugin -Id empty -Connection $connection }
$process = [Diagnostics.Process]::GetCurrentProcess()
$managedBefore = [GC]::GetTotalMemory($true); $process.Refresh(); $workingBefore = $process.WorkingSet64
$errors = 0; $wrong = 0
$timer = [Diagnostics.Stopwatch]::StartNew()
for ($i = 0; $i -lt $calls; $i++) {
    try { $plugin = Get-SdeAlmPlugin -Id empty -Connection $connection; if ($plugin.Id -ne 'empty' -or $plugin.Name -ne 'Empty Plugin') { $wrong++ } }
    catch { $errors++ }
}
$seconds = $timer.Elapsed.TotalSeconds
$after = Get-SocketCount
$managedAfter = [GC]::GetTotalMemory($true); $process.Refresh(); $workingAfter = $process.WorkingSet64
'RESULT ' + (@{
    calls = $calls; errors = $errors; wrong = $wrong; seconds = $seconds; before = $before; after = $after
    managedBeforeMB = $managedBefore / 1MB; managedAfterMB = $managedAfter / 1MB; workingBeforeMB = $workingBefore / 1MB; workingAfterMB = $workingAfter / 1MB
} | ConvertTo-Json -Compress)
