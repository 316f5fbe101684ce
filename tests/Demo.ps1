# The main job, end to end: start the bundled simulator, connect, and show what SdeAlm gives.
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1')
Import-Module (Join-Path $PSScriptRoot '../out/SdeAlm/SdeAlm.psd1')

$simulator = Start-SdeSimulator
try {
    $token = ConvertTo-SecureString $simulator.Token -AsPlainText -Force
    Write-Host "`n> Connect-Sde -Server $($simulator.Url) -Token <secure> -AllowUnencryptedAuthentication" -ForegroundColor Cyan
    Connect-Sde -Server $simulator.Url -Token $token -AllowUnencryptedAuthentication | Out-Host

    Write-Host '> Get-SdeAlmPlugin' -ForegroundColor Cyan
    Get-SdeAlmPlugin | Out-Host

    Write-Host '> Get-SdeAlmPluginField trac   # one plugin''s fields, grouped by section' -ForegroundColor Cyan
    Get-SdeAlmPluginField trac | Out-Host

    Write-Host '> Get-SdeAlmPlugin | Get-SdeAlmPluginField | Where-Object Required' -ForegroundColor Cyan
    Get-SdeAlmPlugin | Get-SdeAlmPluginField | Where-Object Required | Out-Host

    Disconnect-Sde
}
finally {
    Stop-SdeSimulator $simulator
}
