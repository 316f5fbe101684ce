# Starts and stops the bundled SD Elements simulator (tests/SdeAlm.Simulator) for the Demo, the
# tests and the benchmark. build.ps1 builds it to out/simulator first.

$script:SimulatorDll = Join-Path $PSScriptRoot '../out/simulator/SdeAlm.Simulator.dll'

function Start-SdeSimulator {
    [CmdletBinding()]
    param(
        [string] $Token = ('sim-' + [guid]::NewGuid().ToString('n')),
        [switch] $Https,
        [int] $Large,
        # Start the loopback forward proxy instead of the SD Elements simulator (tests of -Proxy).
        [switch] $Proxy,
        # user:password the proxy requires (it answers 407 without them).
        [string] $ProxyCredential,
        [int] $TimeoutSec = 60
    )

    if (-not (Test-Path $script:SimulatorDll)) {
        throw "The simulator is not built: run ./build.ps1 -Task Build first ($script:SimulatorDll)."
    }

    $arguments = @($script:SimulatorDll, '--port', '0', '--parent-pid', $PID)
    if ($Proxy) {
        $arguments += '--proxy'
        if ($ProxyCredential) { $arguments += @('--proxy-credential', $ProxyCredential) }
    }
    else {
        $arguments += @('--token', $Token)
    }
    if ($Https) { $arguments += '--https' }
    if ($Large) { $arguments += @('--large', $Large) }

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in $arguments) { $startInfo.ArgumentList.Add([string]$argument) }
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardInput = $true
    $startInfo.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($startInfo)

    $readLine = $process.StandardOutput.ReadLineAsync()
    if (-not $readLine.Wait([timespan]::FromSeconds($TimeoutSec)) -or $null -eq $readLine.Result) {
        $process.Kill()
        throw "The simulator did not report ready within $TimeoutSec seconds."
    }

    if ($readLine.Result -notmatch '^SIMULATOR_READY (\S+)$') {
        $process.Kill()
        throw "The simulator printed an unexpected first line: $($readLine.Result)"
    }

    [pscustomobject]@{
        Url     = $Matches[1]
        Token   = $Token
        Process = $process
    }
}

function Stop-SdeSimulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Simulator)

    process {
        if (-not $Simulator.Process.HasExited) {
            # Closing stdin asks it to stop; kill it if it does not.
            $Simulator.Process.StandardInput.Close()
            if (-not $Simulator.Process.WaitForExit(5000)) { $Simulator.Process.Kill() }
        }
        $Simulator.Process.Dispose()
    }
}

Export-ModuleMember -Function Start-SdeSimulator, Stop-SdeSimulator
