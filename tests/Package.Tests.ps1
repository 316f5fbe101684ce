# Ship-readiness: a manifest the PowerShell Gallery accepts, a package that installs by name with
# PSResourceGet and with PowerShellGet and then works in a fresh pwsh, all inside a sandbox that
# leaves the user's module folders alone, and private dependencies that neither clash with nor leak
# into other modules.

BeforeAll {
    . $PSScriptRoot/common.ps1

    $script:ModuleFolder = Split-Path $script:ModuleManifest
    $script:Manifest = Import-PowerShellDataFile $script:ModuleManifest
    $script:Version = $script:Manifest.ModuleVersion
    $script:Sandbox = Join-Path ([IO.Path]::GetTempPath()) "sdealm-package-$([guid]::NewGuid().ToString('n'))"
    $null = New-Item -ItemType Directory $script:Sandbox

    function Invoke-SandboxPwsh {
        # Runs a script in a fresh pwsh whose home, XDG folders and PSModulePath all point into $HomeFolder,
        # so that CurrentUser installs and repository registrations land there. Returns the output lines.
        param([Parameter(Mandatory)] [string] $HomeFolder, [Parameter(Mandatory)] [string] $Script)
        foreach ($folder in '.local/share', '.config', '.cache') {
            # Created up front: .NET reports a missing LocalApplicationData folder as '', and PSResourceGet
            # would then write its settings relative to the working directory.
            $null = New-Item -ItemType Directory -Force (Join-Path $HomeFolder $folder)
        }
        $environment = @{
            HOME            = $HomeFolder
            XDG_DATA_HOME   = Join-Path $HomeFolder '.local/share'
            XDG_CONFIG_HOME = Join-Path $HomeFolder '.config'
            XDG_CACHE_HOME  = Join-Path $HomeFolder '.cache'
            PSModulePath    = (Join-Path $HomeFolder '.local/share/powershell/Modules') + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
        }
        Push-Location $HomeFolder
        try {
            Invoke-FreshPwsh -Script "`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'`n$Script" -Environment $environment
        }
        finally {
            Pop-Location
        }
    }

    function Get-Marked {
        # The JSON a child script printed after a RESULT= marker.
        param([string[]] $Output)
        $line = $Output | Where-Object { $_ -like 'RESULT=*' } | Select-Object -Last 1
        if (-not $line) { throw "The child pwsh printed no result:`n$($Output -join "`n")" }
        $line.Substring('RESULT='.Length) | ConvertFrom-Json
    }

    function Get-FileHashSet {
        # relative path -> SHA256 of every file under a folder.
        param([string] $Folder)
        $hashes = @{}
        foreach ($file in Get-ChildItem -LiteralPath $Folder -Recurse -File) {
            $hashes[[IO.Path]::GetRelativePath($Folder, $file.FullName).Replace('\', '/')] = (Get-FileHash -LiteralPath $file.FullName).Hash
        }
        $hashes
    }

    function Get-UserState {
        # What installing could change for the real user: the module folders outside $PSHOME, and the
        # repository lists of PSResourceGet and PowerShellGet.
        $folders = @($env:PSModulePath -split [IO.Path]::PathSeparator | Where-Object { $_ -and -not $_.StartsWith($PSHOME) })
        $localData = [Environment]::GetFolderPath('LocalApplicationData')
        $cache = if ($env:XDG_CACHE_HOME) { $env:XDG_CACHE_HOME } else { Join-Path $HOME '.cache' }
        $files = @(
            if ($localData) { Join-Path $localData 'PSResourceGet/PSResourceRepository.xml' }
            if ($localData) { Join-Path $localData 'Microsoft/Windows/PowerShell/PowerShellGet/PSRepositories.xml' }
            Join-Path $cache 'powershell/PowerShellGet/PSRepositories.xml'
        )
        @(
            foreach ($folder in $folders | Where-Object { Test-Path -LiteralPath $_ }) {
                Get-ChildItem -LiteralPath $folder -Recurse -Name | ForEach-Object { "$folder | $_" }
            }
            foreach ($file in $files | Where-Object { Test-Path -LiteralPath $_ }) {
                "$file | $((Get-FileHash -LiteralPath $file).Hash)"
            }
        )
    }

}

AfterAll {
    Remove-Item -Recurse -Force -ErrorAction Ignore $script:Sandbox
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest without errors or warnings' {
        $info = Test-ModuleManifest $script:ModuleManifest -ErrorVariable problems -WarningVariable warnings -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $problems | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
        $info.Name | Should -Be 'SdeAlm'
    }

    It 'exports exactly the cmdlets SdeAlm.dll defines, named one by one' {
        $defined = (Get-Command Get-SdeAlmPlugin).ImplementingType.Assembly.GetExportedTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" }
        $script:Manifest.CmdletsToExport | Should -Not -Match '[*?]'
        Compare-Object @($defined) @($script:Manifest.CmdletsToExport) | Should -BeNullOrEmpty
        foreach ($key in 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            $script:Manifest.ContainsKey($key) | Should -BeTrue -Because "$key must be explicit"
            @($script:Manifest[$key]) | Should -BeNullOrEmpty -Because "$key must not export anything (and never '*')"
        }
    }

    It 'has what the PowerShell Gallery shows and filters on' {
        $script:Manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $script:Manifest.PowerShellVersion | Should -Be '5.1'
        foreach ($format in $script:Manifest.FormatsToProcess) { Join-Path $script:ModuleFolder $format | Should -Exist }
        foreach ($key in 'Description', 'Author', 'Copyright', 'GUID') { $script:Manifest[$key] | Should -Not -BeNullOrEmpty -Because $key }
        $psData = $script:Manifest.PrivateData.PSData
        foreach ($tag in 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS') { $psData.Tags | Should -Contain $tag }
        $psData.Tags | Should -Not -Match '\s' -Because 'gallery tags cannot contain spaces'
        foreach ($key in 'ProjectUri', 'LicenseUri') { ([uri]$psData[$key]).Scheme | Should -Be 'https' -Because $key }
        $psData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'takes its version from Directory.Build.props, the one place it is set' {
        $props = [xml](Get-Content -Raw (Join-Path $PSScriptRoot '../Directory.Build.props'))
        $version = $props.Project.PropertyGroup.SdeAlmVersion | Where-Object { $_ } | Select-Object -First 1
        $script:Version | Should -Be $version
        (Get-Command Get-SdeAlmPlugin).ImplementingType.Assembly.GetName().Version.ToString(3) | Should -Be $version
        $changelog = (Get-Content -Raw (Join-Path $PSScriptRoot '../CHANGELOG.md')) -replace "`r"
        $changelog | Should -Match "## \[$([regex]::Escape($version))\]"
        # The release notes are that version's CHANGELOG section.
        $notes = $script:Manifest.PrivateData.PSData.ReleaseNotes -replace "`r"
        $notes | Should -Match '\w'
        $changelog.Contains($notes) | Should -BeTrue -Because 'the ReleaseNotes come from CHANGELOG.md'
    }

    It 'ships LICENSE, CHANGELOG.md, the compiled help and the configuration schema with the module' {
        foreach ($file in 'LICENSE', 'CHANGELOG.md', 'en-US/SdeAlm.dll-Help.xml', 'en-US/about_SdeAlm.help.txt', 'SdeAlm.Configuration.schema.json') {
            Join-Path $script:ModuleFolder $file | Should -Exist
        }
    }
}

Describe 'Installing SdeAlm by name from a repository' {
    BeforeAll {
        $script:UserStateBefore = Get-UserState
        $script:Repository = Join-Path $script:Sandbox 'repository'
        $null = New-Item -ItemType Directory $script:Repository
        $script:PublishOutput = Invoke-SandboxPwsh -HomeFolder (Join-Path $script:Sandbox 'publisher') -Script @"
Register-PSResourceRepository -Name SdeAlmTest -Uri '$script:Repository' -Trusted
Publish-PSResource -Path '$script:ModuleFolder' -Repository SdeAlmTest
'PUBLISHED'
"@
        $script:Built = Get-FileHashSet $script:ModuleFolder
        $script:ExpectedRequired = @(Get-RawField | Where-Object { $_.Field.required } | ForEach-Object { "$($_.PluginId)/$($_.Field.name)" })
        $script:BuiltSynopsis = (Get-Help Get-SdeAlmPlugin).Synopsis
    }

    It 'publishes the built module as SdeAlm.<version>.nupkg with Publish-PSResource' {
        $script:PublishOutput | Should -Contain 'PUBLISHED'
        $package = Join-Path $script:Repository "SdeAlm.$script:Version.nupkg"
        $package | Should -Exist
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($package)
        try {
            $entries = @($zip.Entries.FullName)
            foreach ($file in $script:Built.Keys) { $entries | Should -Contain $file }
            $reader = [IO.StreamReader]::new($zip.GetEntry('SdeAlm.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
        }
        finally {
            $zip.Dispose()
        }
        $nuspec.package.metadata.id | Should -Be 'SdeAlm'
        $nuspec.package.metadata.version | Should -Be $script:Version
        $nuspec.package.metadata.tags -split ' ' | Should -Contain 'PSEdition_Core'
    }

    It 'installs by name with <Tool>, then imports by name in a fresh pwsh and runs the README pipeline' -ForEach @(
        @{ Tool = 'Install-PSResource'; Install = "Register-PSResourceRepository -Name SdeAlmTest -Uri '{0}' -Trusted; Install-PSResource -Name SdeAlm -Repository SdeAlmTest -Scope CurrentUser -TrustRepository -Quiet" }
        @{ Tool = 'Install-Module'; Install = "Register-PSRepository -Name SdeAlmTest -SourceLocation '{0}' -InstallationPolicy Trusted; Install-Module -Name SdeAlm -Repository SdeAlmTest -Scope CurrentUser" }
    ) {
        $homeFolder = Join-Path $script:Sandbox $Tool
        $userModules = Join-Path $homeFolder '.local/share/powershell/Modules'
        $output = Invoke-SandboxPwsh -HomeFolder $homeFolder -Script (($Install -f $script:Repository) + "`n'INSTALLED'")
        $output | Should -Contain 'INSTALLED' -Because ($output -join "`n")

        # Exactly the built files, in the CurrentUser module folder of the sandbox.
        $installed = Join-Path $userModules "SdeAlm/$script:Version"
        $installed | Should -Exist
        $copy = Get-FileHashSet $installed
        foreach ($file in $script:Built.Keys) { $copy[$file] | Should -Be $script:Built[$file] -Because $file }

        $run = Invoke-SandboxPwsh -HomeFolder $homeFolder -Script (Get-ChildScriptCommand Invoke-ReadmePipeline @{ Server = $SimulatorUrl; Token = $SimulatorToken })
        $result = Get-Marked $run
        [IO.Path]::GetFullPath($result.ModuleBase) | Should -Be ([IO.Path]::GetFullPath($installed))
        $result.Version | Should -Be $script:Version
        @($result.Required) | Should -Be $script:ExpectedRequired
        $result.Synopsis | Should -Be $script:BuiltSynopsis
    }

    It 'leaves nothing in the user''s module folders or repository lists' {
        Compare-Object @($script:UserStateBefore) @(Get-UserState) | Should -BeNullOrEmpty
        foreach ($folder in $env:PSModulePath -split [IO.Path]::PathSeparator | Where-Object { $_ }) {
            Join-Path $folder 'SdeAlm' | Should -Not -Exist
        }
    }
}

Describe 'Private dependencies' {
    BeforeAll {
        $script:Dependencies = Join-Path $script:ModuleFolder 'dependencies'
    }

    It 'loads and queries in a process where another module already loaded a different System.Text.Json' {
        $run = Invoke-ChildScript Test-OtherJsonLoaded @{
            ModuleManifest = $ModuleManifest; OtherJsonPath = (Join-Path $script:Dependencies 'System.Text.Json.dll'); Server = $SimulatorUrl; Token = $SimulatorToken
        }
        $result = Get-Marked $run
        $raw = @(Get-RawCatalog)
        @($result.PluginIds) | Should -Be @($raw.id)
        $result.FieldCount | Should -Be @(Get-RawField).Count
        $result.OtherContext | Should -Be 'OtherModule'
        $result.BoundIsOther | Should -BeFalse
        $result.BoundContext | Should -Be 'Default' -Because 'PowerShell 7 binds SdeAlm to its own System.Text.Json'
    }

    It 'keeps its private copies to itself: another version asked for by name is not served from its folder' {
        $result = Get-Marked (Invoke-ChildScript Test-DependencyLoad @{ ModuleManifest = $ModuleManifest; Server = $SimulatorUrl; Token = $SimulatorToken })
        $ourFolder = (Get-Item $script:Dependencies).FullName
        $result.Fields | Should -Be @(Get-RawField).Count
        @($result.Requests.Name) | Should -Be @(Get-ChildItem $script:Dependencies -Filter *.dll | ForEach-Object BaseName)
        foreach ($request in $result.Requests) {
            "$($request.Newer)" | Should -Not -BeLike "$ourFolder*" -Because "another module asking for a newer $($request.Name) must not get SdeAlm's copy"
        }
        foreach ($loaded in $result.FromFolder) {
            $loaded.Context | Should -Be 'SdeAlm.dependencies' -Because "$($loaded.Name) from the dependencies folder stays out of the default load context"
        }
    }
}

Describe 'Importing again' {
    It 'connects and lists after Remove-Module and Import-Module in one session' {
        $rounds = @(Get-Marked (Invoke-ChildScript Test-ModuleReimport @{ ModuleManifest = $ModuleManifest; Server = $SimulatorUrl; Token = $SimulatorToken }))
        $rounds.Count | Should -Be 2
        $expectedIds = @((Get-RawCatalog).id)
        $expectedTracFields = @(Get-RawField @(Get-RawCatalog | Where-Object id -eq trac)).Count
        foreach ($round in $rounds) {
            $round.Failure | Should -BeNullOrEmpty
            @($round.Ids) | Should -Be $expectedIds
            $round.TracFields | Should -Be $expectedTracFields
        }
        $rounds[1].Commands | Should -Be (Get-Command -Module SdeAlm -CommandType Cmdlet).Count
    }
}
