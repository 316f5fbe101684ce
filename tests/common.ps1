# Dot-sourced by every test file (in BeforeAll): imports the built module once and gives the tests
# the simulator that tests/Invoke-PesterRun.ps1 started.
$script:ModuleManifest = (Resolve-Path (Join-Path $PSScriptRoot '../out/SdeAlm/SdeAlm.psd1')).Path
if (-not (Get-Module SdeAlm)) {
    Import-Module $script:ModuleManifest -ErrorAction Stop
}

$script:SimulatorUrl = $env:SDEALM_TEST_URL
$script:SimulatorToken = $env:SDEALM_TEST_TOKEN
if (-not $script:SimulatorUrl -or -not $script:SimulatorToken) {
    throw 'SDEALM_TEST_URL and SDEALM_TEST_TOKEN are not set: run the tests with ./build.ps1 -Task Test.'
}

function Get-TestToken {
    param([string] $Token = $script:SimulatorToken)
    ConvertTo-SecureString $Token -AsPlainText -Force
}

function New-Scenario {
    # A context root that selects simulator behaviour, made unique so its request counters are ours alone.
    param([string[]] $Option = @())
    (@($Option) + "run=$([guid]::NewGuid().ToString('n'))") -join '/'
}

function Get-ScenarioUrl {
    param([string] $Scenario)
    if ($Scenario) { "$script:SimulatorUrl$Scenario/" } else { $script:SimulatorUrl }
}

function Connect-TestSde {
    # Connects to the simulator (plain http on loopback) with the run's token.
    param([string] $Scenario, [hashtable] $Parameters = @{})
    Connect-Sde -Server (Get-ScenarioUrl $Scenario) -Token (Get-TestToken) -AllowUnencryptedAuthentication @Parameters
}

function Get-SimulatorRequest {
    # How many requests the simulator saw under a scenario prefix, and how many carried a token.
    param([string] $Scenario)
    Invoke-RestMethod -Uri "$($script:SimulatorUrl)_sim/requests?prefix=$([uri]::EscapeDataString($Scenario))"
}

function Invoke-FreshPwsh {
    # Runs a script in a new pwsh process (no state from this one) and returns its output lines.
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
    # Names are case-sensitive on Linux (NO_PROXY, no_proxy); a $null value removes the variable
    # ([NullString]: a plain $null would arrive as an empty string, which is not the same).
    $saved = [hashtable]::new([StringComparer]::Ordinal)
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        $value = if ($null -eq $Environment[$name]) { [NullString]::Value } else { [string]$Environment[$name] }
        [Environment]::SetEnvironmentVariable($name, $value)
    }
    try {
        & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | ForEach-Object { "$_" }
    }
    finally {
        foreach ($name in $saved.Keys) {
            $value = if ($null -eq $saved[$name]) { [NullString]::Value } else { $saved[$name] }
            [Environment]::SetEnvironmentVariable($name, $value)
        }
    }
}

function Get-ChildScriptCommand {
    # The command line that runs tests/Scripts/<Name>.ps1 with string parameters, for a fresh pwsh.
    param([Parameter(Mandatory)] [string] $Name, [System.Collections.IDictionary] $Parameters = @{})
    $arguments = foreach ($key in $Parameters.Keys) { "-$key '$(([string]$Parameters[$key]).Replace("'", "''"))'" }
    "& '$(Join-Path $PSScriptRoot "Scripts/$Name.ps1")' $($arguments -join ' ')"
}

function Invoke-ChildScript {
    # Runs tests/Scripts/<Name>.ps1 in a new pwsh process and returns its output lines.
    param([Parameter(Mandatory)] [string] $Name, [System.Collections.IDictionary] $Parameters = @{}, [hashtable] $Environment = @{})
    Invoke-FreshPwsh -Script (Get-ChildScriptCommand $Name $Parameters) -Environment $Environment
}

function Get-RawCatalog {
    # The plugin list as Invoke-RestMethod sees it: the independent oracle the cmdlets are checked against.
    param([string] $Scenario)
    (Invoke-RestMethod -Uri "$(Get-ScenarioUrl $Scenario)api/v2/plugins/alm/" -Headers @{ Authorization = "Token $script:SimulatorToken" }).results
}

function Get-RawField {
    # Every field of the raw catalog with its plugin id and section label, in catalog order.
    param([object[]] $Catalog = (Get-RawCatalog))
    foreach ($plugin in $Catalog) {
        foreach ($section in $plugin.sections) {
            foreach ($field in $section.fields) {
                [pscustomobject]@{ PluginId = $plugin.id; Section = $section.label; Field = $field }
            }
        }
    }
}

function Get-ConsoleLine {
    # What a console of -Width columns shows of what a command returns, as lines without trailing blanks.
    # A console prints in Width - 1 columns (PowerShell keeps the last one free, so that no line wraps on
    # its own), which Out-String -Width (Width - 1) reproduces; and in the culture of our users and of the
    # help's examples (en-US), where PowerShell wraps long values at word boundaries (in the invariant
    # culture of a CI machine it cuts words). tests/Scripts/Show-DefaultViews.ps1 prints the same way.
    param([Parameter(Mandatory)] [scriptblock] $Command, [int] $Width = 80)
    $culture = [cultureinfo]::CurrentCulture
    [cultureinfo]::CurrentCulture = 'en-US'
    try { $text = & $Command | Out-String -Width ($Width - 1) }
    finally { [cultureinfo]::CurrentCulture = $culture }
    @($text -split '\r?\n' | ForEach-Object TrimEnd)
}

function Select-Expected {
    # The items a filter must keep, built from the raw answer, checked to be some but not all of them: an
    # expected set that is empty (or everything) would also pass with a filter that keeps nothing (or
    # that is ignored), so such a test could not fail.
    param([Parameter(Mandatory)] [object[]] $From, [Parameter(Mandatory)] [scriptblock] $Where)
    $kept = @($From | Where-Object $Where)
    $kept.Count | Should -BeGreaterThan 0 -Because "the expected set of { $Where } must not be empty"
    $kept.Count | Should -BeLessThan $From.Count -Because "{ $Where } must leave something out"
    $kept
}

function Get-ErrorRecord {
    # Runs a command that should fail and returns the ErrorRecord it raised (terminating or not).
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    try {
        $null = & $ScriptBlock -ErrorAction Stop
    }
    catch {
        return $_
    }
    throw 'The command did not fail.'
}

function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Select-FromIndex {
    # The piped items from index $Index on: the requests a command made after those counted before it.
    param([Parameter(Mandatory, Position = 0)] [int] $Index, [Parameter(ValueFromPipeline)] $InputObject)
    begin { $position = 0 }
    process { if ($position++ -ge $Index) { $InputObject } }
}
