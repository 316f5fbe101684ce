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

    Write-Host '> Get-SdeAlmConnector   # the system ALM connectors; secrets are SecureStrings' -ForegroundColor Cyan
    Get-SdeAlmConnector | Out-Host

    Write-Host '> New-SdeAlmConnector -Name ''Jira Demo'' -PluginId jira -Setting @{ alm_server = ...; alm_user = ...; alm_pass = <SecureString> }' -ForegroundColor Cyan
    $secret = ConvertTo-SecureString 'demo-api-token' -AsPlainText -Force
    $connector = New-SdeAlmConnector -Name 'Jira Demo' -PluginId jira -Setting @{ alm_server = 'jira.example.com'; alm_user = 'sde-bot@example.com'; alm_pass = $secret }
    $connector | Format-List | Out-Host

    Write-Host "> New-SdeAlmConnection -ProjectId 42 -ConnectorId $($connector.Id) -Alias 'Demo project' -Setting @{ alm_project = 'DEMO' } -Frequency daily" -ForegroundColor Cyan
    $almConnection = New-SdeAlmConnection -ProjectId 42 -ConnectorId $connector.Id -Alias 'Demo project' -Setting @{ alm_project = 'DEMO' } -Frequency daily
    $almConnection | Out-Host

    Write-Host '> $connector | Set-SdeAlmConnector -Setting @{ alm_server = ''jira2.example.com''; alm_pass = <another SecureString> } -WhatIf' -ForegroundColor Cyan
    $connector | Set-SdeAlmConnector -Setting @{ alm_server = 'jira2.example.com'; alm_pass = (ConvertTo-SecureString 'rotated-token' -AsPlainText -Force) } -WhatIf

    Write-Host '> New-SdeAlmConnector -Name Broken -PluginId jira -Setting @{ alm_sever = ''jira.example.com'' }   # checked before sent' -ForegroundColor Cyan
    try { New-SdeAlmConnector -Name Broken -PluginId jira -Setting @{ alm_sever = 'jira.example.com' } }
    catch { Write-Host $_.Exception.Message -ForegroundColor Yellow }

    Write-Host '> $connector | Test-SdeAlmConnector; $almConnection | Test-SdeAlmConnection   # SD Elements itself connects to the ALM server' -ForegroundColor Cyan
    @($connector | Test-SdeAlmConnector) + @($almConnection | Test-SdeAlmConnection) | Out-Host

    Write-Host '> Test-SdeAlmConnector -PluginId jira -Setting @{ alm_server = ''unreachable.example.com''; ... } | Format-List   # a failed test is a result' -ForegroundColor Cyan
    Test-SdeAlmConnector -PluginId jira -Setting @{ alm_server = 'unreachable.example.com'; alm_user = 'sde-bot@example.com'; alm_pass = $secret } | Format-List | Out-Host

    Write-Host '> Get-SdeAlmConnection -IncludeLastJob   # which ALM connections failed their last sync' -ForegroundColor Cyan
    Get-SdeAlmConnection -IncludeLastJob | Out-Host

    Write-Host '> Get-SdeAlmConnection | Test-SdeAlmConnection -ThrottleLimit 8   # many tests at once, results in input order' -ForegroundColor Cyan
    Get-SdeAlmConnection | Test-SdeAlmConnection -ThrottleLimit 8 | Out-Host

    Write-Host '> $almConnection | Start-SdeAlmSync -Wait   # sync now and wait for the outcome' -ForegroundColor Cyan
    $almConnection | Start-SdeAlmSync -Wait | Out-Host

    Write-Host '> Get-SdeAlmJob   # every sync run, newest first' -ForegroundColor Cyan
    Get-SdeAlmJob | Out-Host

    Write-Host '> Invoke-SdeRestMethod api/v2/users/me/   # the rest of the API, as the server answers it' -ForegroundColor Cyan
    Invoke-SdeRestMethod api/v2/users/me/ | Out-Host

    Disconnect-Sde
}
finally {
    Stop-SdeSimulator $simulator
}
