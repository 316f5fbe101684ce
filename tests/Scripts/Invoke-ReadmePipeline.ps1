# In a fresh pwsh where SdeAlm is installed: imports it by name, runs the README pipeline against the
# simulator and prints RESULT=<json> with where the module came from and what the pipeline returned.
param(
    [Parameter(Mandatory)] [string] $Server,
    [Parameter(Mandatory)] [string] $Token
)

$ErrorActionPreference = 'Stop'
Import-Module SdeAlm
$null = Connect-Sde -Server $Server -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -AllowUnencryptedAuthentication
$required = Get-SdeAlmPlugin | Get-SdeAlmPluginField | Where-Object Required
$module = Get-Module SdeAlm
'RESULT=' + (ConvertTo-Json -Compress @{
        ModuleBase = $module.ModuleBase
        Version    = $module.Version.ToString()
        Required   = @($required | ForEach-Object { "$($_.PluginId)/$($_.Name)" })
        Synopsis   = (Get-Help Get-SdeAlmPlugin).Synopsis
    })
