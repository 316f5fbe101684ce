# Prints the default view of every kind of object SdeAlm returns, as a console of -Width columns shows
# it (80 by default), against the simulator: for reviews of the views and for issue notes.
#   dotnet pwsh ./build.ps1 -Task Build; dotnet pwsh -NoProfile -File tests/Scripts/Show-DefaultViews.ps1
# A console of N columns prints tables in N - 1 of them (PowerShell keeps the last column free, so that
# no line wraps on its own), which Out-String -Width (N - 1) reproduces exactly; and PowerShell wraps
# long values at word boundaries only in some cultures (en, fr, de, it, pt, es), so the views are
# printed in en-US, the culture of the examples of the help. Without -Server, a simulator is started
# here (out/simulator, built by build.ps1).
param(
    [int] $Width = 80,
    [string] $Server,
    [string] $Token,
    # Only the views whose title matches (a wildcard).
    [string] $View = '*'
)

$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
[cultureinfo]::CurrentCulture = 'en-US'
Import-Module (Join-Path $PSScriptRoot '../../out/SdeAlm/SdeAlm.psd1')

$simulator = $null
if (-not $Server) {
    Import-Module (Join-Path $PSScriptRoot '../Simulator.psm1')
    $simulator = Start-SdeSimulator
    $Server = $simulator.Url
    $Token = $simulator.Token
}

try {
    $secure = ConvertTo-SecureString $Token -AsPlainText -Force
    $null = Connect-Sde -Server $Server -Token $secure -AllowUnencryptedAuthentication
    # A second server connection with a long address, to show how a whole address fits.
    $null = Connect-Sde -Server "$($Server.TrimEnd('/'))/sde/context-root-of-a-longer-address/" -Token $secure -AllowUnencryptedAuthentication -NotCurrent

    $views = [ordered]@{
        'Jobs: Get-SdeAlmJob'                                       = { Get-SdeAlmJob }
        'ALM connections: Get-SdeAlmConnection'                     = { Get-SdeAlmConnection }
        'ALM connections: Get-SdeAlmConnection -IncludeLastJob'     = { Get-SdeAlmConnection -IncludeLastJob }
        'Connectors: Get-SdeAlmConnector'                           = { Get-SdeAlmConnector }
        'Fields: Get-SdeAlmPluginField trac, jira'                  = { Get-SdeAlmPluginField trac, jira }
        'Plugins: Get-SdeAlmPlugin'                                 = { Get-SdeAlmPlugin }
        'Connectivity results: Get-SdeAlmConnector | Test-SdeAlmConnector; Test-SdeAlmConnector -PluginId jira -Setting @{ ... }' = {
            Get-SdeAlmConnector | Test-SdeAlmConnector
            Test-SdeAlmConnector -PluginId jira -Setting @{ alm_server = 'unreachable.example.com'; alm_user = 'sde-bot@example.com'; alm_pass = 'wrong' }
        }
        'Server connections: Get-SdeConnection -All'                = { Get-SdeConnection -All }
    }

    foreach ($title in $views.Keys | Where-Object { $_ -like $View }) {
        "PS> $($title -replace '^[^:]+: ', '')"
        (& $views[$title] | Out-String -Width ($Width - 1)).TrimEnd() -split "`r?`n" | ForEach-Object TrimEnd
        ''
    }
}
finally {
    Get-SdeConnection -All | ForEach-Object { Disconnect-Sde -Connection $_ }
    if ($simulator) { Stop-SdeSimulator $simulator }
}
