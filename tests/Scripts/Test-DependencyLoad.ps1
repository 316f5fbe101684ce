# In a fresh pwsh: imports SdeAlm, uses it, then asks the runtime by name for every assembly of the
# module's dependencies folder at a newer version, as another module would.
# Prints RESULT=<json>: per assembly, where each request was served from (null: not served), and
# every loaded assembly that came from the dependencies folder, with its load context.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $Server,
    [Parameter(Mandatory)] [string] $Token
)

$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
$null = Connect-Sde -Server $Server -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -AllowUnencryptedAuthentication
$plugins = @(Get-SdeAlmPlugin | Get-SdeAlmPluginField)
$dependencies = Join-Path (Split-Path $ModuleManifest) 'dependencies'

function Get-LoadedFrom([string] $Name) {
    try { [Reflection.Assembly]::Load($Name).Location } catch { $null }
}

$requests = foreach ($file in Get-ChildItem $dependencies -Filter *.dll) {
    $identity = [Reflection.AssemblyName]::GetAssemblyName($file.FullName)
    $newer = [Reflection.AssemblyName]::new($identity.FullName)
    $newer.Version = [version]'99.0.0.0'
    @{ Name = $identity.Name; Newer = Get-LoadedFrom $newer.FullName }
}
$fromFolder = foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
    if ($assembly.Location -and $assembly.Location.StartsWith($dependencies)) {
        @{ Name = $assembly.GetName().Name; Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name }
    }
}
'RESULT=' + (ConvertTo-Json -Compress -Depth 3 @{ Fields = $plugins.Count; Requests = @($requests); FromFolder = @($fromFolder) })
