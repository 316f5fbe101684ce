# In a fresh pwsh: loads another module's copy of System.Text.Json into a load context of its own,
# then imports SdeAlm and queries the simulator. Prints RESULT=<json> with what came back and which
# System.Text.Json SdeAlm's model is bound to.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $OtherJsonPath,
    [Parameter(Mandatory)] [string] $Server,
    [Parameter(Mandatory)] [string] $Token
)

$ErrorActionPreference = 'Stop'
$other = [System.Runtime.Loader.AssemblyLoadContext]::new('OtherModule', $false).LoadFromAssemblyPath($OtherJsonPath)
Import-Module $ModuleManifest
$null = Connect-Sde -Server $Server -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -AllowUnencryptedAuthentication
$plugins = @(Get-SdeAlmPlugin)
$fields = @($plugins | Get-SdeAlmPluginField)
# The System.Text.Json that SdeAlm's internal wire types are bound to.
$bound = [SdeAlm.Model.AlmPlugin].Assembly.GetType('SdeAlm.Json.AlmPluginWire', $true).GetProperty('Id').GetCustomAttributes($true) |
    ForEach-Object { $_.GetType().Assembly } | Where-Object { $_.GetName().Name -eq 'System.Text.Json' } | Select-Object -First 1
'RESULT=' + (ConvertTo-Json -Compress @{
        PluginIds    = @($plugins.Id)
        FieldCount   = $fields.Count
        OtherContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($other).Name
        BoundContext = if ($bound) { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($bound).Name } else { $null }
        BoundIsOther = [object]::ReferenceEquals($bound, $other)
    })
