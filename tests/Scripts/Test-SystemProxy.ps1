# Lists the plugins of an https and an http server in this fresh pwsh, with whatever proxy the
# environment sets, and prints RESULT <json> with the counts.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $HttpsServer,
    [Parameter(Mandatory)] [string] $HttpServer
)

Import-Module $ModuleManifest
$token = ConvertTo-SecureString $env:SDEALM_TEST_TOKEN -AsPlainText -Force
$a = Connect-Sde -Server $HttpsServer -Token $token -SkipCertificateCheck
$b = Connect-Sde -Server $HttpServer -Token $token -AllowUnencryptedAuthentication
'RESULT ' + (@{ https = @((Get-SdeAlmPlugin -Connection $a).Id).Count; http = @((Get-SdeAlmPlugin -Connection $b).Id).Count } | ConvertTo-Json -Compress)
