# In a fresh pwsh: imports SdeAlm, connects and lists the plugins, removes the module, imports it
# again and does the same. Prints RESULT=<json> with both lists, the plugin fields read after the
# second import, and the ErrorIds of anything that failed.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $Server,
    [Parameter(Mandatory)] [string] $Token
)

$ErrorActionPreference = 'Stop'
$secure = ConvertTo-SecureString $Token -AsPlainText -Force
$rounds = foreach ($round in 1, 2) {
    try {
        Import-Module $ModuleManifest
        $null = Connect-Sde -Server $Server -Token $secure -AllowUnencryptedAuthentication
        $ids = @((Get-SdeAlmPlugin).Id)
        $fields = @(Get-SdeAlmPluginField -PluginId trac).Count
        $failure = $null
    }
    catch {
        $ids = @()
        $fields = 0
        $failure = "$($_.FullyQualifiedErrorId): $_"
    }
    if ($round -eq 1) { Remove-Module SdeAlm }
    @{ Ids = $ids; TracFields = $fields; Failure = $failure; Commands = @(Get-Command -Module SdeAlm).Count }
}
'RESULT=' + (ConvertTo-Json -Compress -Depth 3 -InputObject @($rounds))
