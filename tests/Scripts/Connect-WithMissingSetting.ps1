# In a fresh pwsh without SDE_SERVER and SDE_API_TOKEN: connects with -Server only when one is given,
# and prints the ErrorId, category and message of the error Connect-Sde raises.
param([Parameter(Mandatory)] [string] $ModuleManifest, [string] $Server)

Import-Module $ModuleManifest
$parameters = if ($Server) { @{ Server = $Server } } else { @{} }
try { Connect-Sde @parameters -ErrorAction Stop } catch { 'id=' + $_.FullyQualifiedErrorId; 'category=' + $_.CategoryInfo.Category; 'message=' + $_.Exception.Message }
