# In a fresh pwsh whose SDE_SERVER and SDE_API_TOKEN the caller set: connects with neither -Server nor
# -Token and prints the connection's user and the number of plugins.
param([Parameter(Mandatory)] [string] $ModuleManifest)

Import-Module $ModuleManifest
$connection = Connect-Sde -AllowUnencryptedAuthentication
'user=' + $connection.User
'plugins=' + @(Get-SdeAlmPlugin).Count
