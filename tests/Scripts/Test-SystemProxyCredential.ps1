# Connects through the system proxy in this fresh pwsh without and then with -ProxyCredential and
# prints RESULT <json>: the error without, the plugin count with.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $Server,
    [Parameter(Mandatory)] [string] $ProxyPassword
)

Import-Module $ModuleManifest
$token = ConvertTo-SecureString $env:SDEALM_TEST_TOKEN -AsPlainText -Force
$credential = [pscredential]::new('sdealm', (ConvertTo-SecureString $ProxyPassword -AsPlainText -Force))
try { $null = Connect-Sde -Server $Server -Token $token -SkipCertificateCheck -MaximumRetryCount 0; $without = 'connected' } catch { $without = "$($_.FullyQualifiedErrorId) $($_.CategoryInfo.Category)" }
$with = Connect-Sde -Server $Server -Token $token -SkipCertificateCheck -ProxyCredential $credential
'RESULT ' + (@{ without = $without; plugins = @((Get-SdeAlmPlugin -Connection $with).Id).Count } | ConvertTo-Json -Compress)
