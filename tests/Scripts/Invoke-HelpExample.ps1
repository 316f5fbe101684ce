# Runs help examples in this (fresh) pwsh as a user would at a prompt of a fixed width, connected to
# the simulator, and writes what each printed to a JSON file for tests/Examples.Tests.ps1.
# Each example runs in a runspace of its own, connected, in a working folder of its own, so examples
# cannot lean on each other. An example that names sde-next.example.com (the server after an upgrade,
# in the examples that compare two releases) reaches the simulator's current-release mode there.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $Server,
    [Parameter(Mandatory)] [string] $Token,
    # JSON: [{ Title, Code }]
    [Parameter(Mandatory)] [string] $ExamplePath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $WorkingFolder,
    # The server the examples show: connections display it in place of the simulator's address.
    [Parameter(Mandatory)] [string] $DisplayServer,
    [int] $Width = 120
)

$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
# Installed where PowerShell finds it, so that the runspaces of ForEach-Object -Parallel load it by name.
$env:PSModulePath = (Split-Path (Split-Path $ModuleManifest)) + [IO.Path]::PathSeparator + $env:PSModulePath
# What examples read from the environment, as the CI job or user that runs them would have set it.
$env:SDE_SERVER = $Server
$env:SDE_API_TOKEN = $Token
$env:TRAC_PASSWORD = 'example-password'
# The views of the objects the examples return are formatted here. A connection shows the server of
# the examples: an address with a random port would change the width of its column from run to run.
Import-Module SdeAlm

$prelude = {
    param($Server, $Token, $Folder, $DisplayServer, $Code)
    $PSStyle.OutputRendering = 'PlainText'
    [cultureinfo]::CurrentCulture = 'en-US'
    Import-Module SdeAlm
    Update-TypeData -TypeName SdeAlm.Sessions.SdeConnection -MemberName Server -MemberType ScriptProperty -Value ([scriptblock]::Create("[uri]'$DisplayServer'")) -Force
    $null = Connect-Sde -Server $Server -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -AllowUnencryptedAuthentication
    if ($Code -match 'sde-next\.example\.com') {
        # Connect-Sde -Server sde-next.example.com [-Token ...] [-NotCurrent]: the simulator with the catalog
        # of current releases (issue_tracker_* names), with the run's token; no other server is reachable.
        $next = "${Server}issuetracker/"
        $secure = ConvertTo-SecureString $Token -AsPlainText -Force
        Set-Item -Path function:global:Connect-Sde -Value ({
                param([string] $Server, [securestring] $Token, [switch] $NotCurrent)
                if ($Server -ne 'sde-next.example.com') { throw "Examples that name sde-next.example.com connect to no other server, not to '$Server'." }
                SdeAlm\Connect-Sde -Server $next -Token $secure -AllowUnencryptedAuthentication -NotCurrent:$NotCurrent
            }.GetNewClosure())
    }
    Set-Location $Folder
}

$formatInRunspace = {
    param($Code, $Width)
    function ConvertTo-HostLine {
        # One stream record as the console host prints it at a prompt (ConciseView for errors); other
        # objects pass on to Out-String, which formats them as Out-Default would.
        param($Item)
        switch ($Item) {
            { $_ -is [System.Management.Automation.VerboseRecord] } { return "VERBOSE: $($_.Message)" }
            { $_ -is [System.Management.Automation.WarningRecord] } { return "WARNING: $($_.Message)" }
            { $_ -is [System.Management.Automation.DebugRecord] } { return "DEBUG: $($_.Message)" }
            { $_ -is [System.Management.Automation.InformationRecord] } { return "$($_.MessageData)" }
            { $_ -is [System.Management.Automation.ErrorRecord] } {
                $source = if ($_.InvocationInfo.MyCommand) { $_.InvocationInfo.MyCommand.Name } else { 'Exception' }
                return "${source}: $($_.Exception.Message)"
            }
            default { return $_ }
        }
    }

    # Before each example, in the example's own runspace: a current connection, as at a prompt where
    # Connect-Sde ran, and a working folder of its own for the files it writes.
    $all = @(& ([scriptblock]::Create($Code)) *>&1)
    [pscustomobject]@{ Kind = 'Text'; Value = ($all | ForEach-Object { ConvertTo-HostLine $_ } | Out-String -Width $Width) }
    foreach ($record in $all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) {
        [pscustomobject]@{ Kind = 'Error'; Value = "$($record.FullyQualifiedErrorId): $record" }
    }
}

$results = foreach ($example in @(Get-Content -Raw $ExamplePath | ConvertFrom-Json)) {
    $folder = New-Item -ItemType Directory -Force (Join-Path $WorkingFolder ([guid]::NewGuid().ToString('n')))
    # A runspace of its own, with no try around the code: as in a paste at the prompt, an error ends its
    # statement, not the example, and the example leaves nothing behind for the next one.
    $shell = [powershell]::Create()
    $items = [System.Management.Automation.PSDataCollection[psobject]]::new()
    $failure = $null
    try {
        $null = $shell.AddScript($prelude).AddArgument($Server).AddArgument($Token).AddArgument($folder.FullName).AddArgument($DisplayServer).AddArgument($example.Code).AddStatement()
        # Formatted inside the example's runspace, as its prompt would print it: what a view reads
        # there (such as a connection's IsCurrent) is what the reader of the help sees.
        $null = $shell.AddScript($formatInRunspace).AddArgument($example.Code).AddArgument($Width)
        $shell.Invoke($null, $items)
    }
    catch {
        $failure = "$($_.Exception.InnerException ?? $_.Exception)"
    }
    finally {
        $shell.Dispose()
    }

    [pscustomobject]@{
        Title   = $example.Title
        Output  = (@($items | Where-Object Kind -EQ 'Text') | ForEach-Object Value) -join ''
        Errors  = @($items | Where-Object Kind -EQ 'Error' | ForEach-Object Value)
        Failure = $failure
    }
}

ConvertTo-Json -InputObject @($results) -Depth 4 | Set-Content -Path $ResultPath -Encoding utf8
