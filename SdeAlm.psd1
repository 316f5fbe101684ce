# The module manifest's source. build.ps1 copies it to out/SdeAlm and stamps ModuleVersion from
# Directory.Build.props (SdeAlmVersion), the one place the version is set, and ReleaseNotes from
# that version's section of CHANGELOG.md.
@{
    RootModule             = 'SdeAlm.dll'
    ModuleVersion          = '0.0.0'
    # Where each edition is tested: Core (PowerShell 7.4+): ./build.ps1 -Task Test runs every test on 7.6, the
    # pinned tool; CI (.github/workflows/ci.yml) runs the whole Pester suite under the runners' PowerShell 7 on
    # Windows, Linux and macOS. Desktop (Windows PowerShell 5.1, .NET Framework 4.7.2+): CI runs the smoke
    # suite (tests/Smoke.Tests.ps1) under powershell.exe, and -Task Test proves from the built DLLs'
    # metadata that .NET Framework 4.7.2, Windows PowerShell or a shipped copy provides every reference.
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '5d0b7a3e-2f4c-4f7e-9a51-3c8e1b6d2a90'
    Author                 = 'SdeAlm contributors'
    CompanyName            = 'SdeAlm contributors'
    Copyright              = '(c) 2026 SdeAlm contributors. MIT License.'
    Description            = 'Script the SD Elements ALM integration catalog: list ALM plugins (Trac, JIRA, GitHub, Azure DevOps, ...) and every configuration field they take, as typed objects, over a secure, retrying, cancellable HTTP client.'
    PowerShellVersion      = '5.1'
    # The .NET Framework whose reference assemblies the reference check uses (tools/ReferenceCheck).
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('SdeAlm.Format.ps1xml')
    FunctionsToExport      = @()
    CmdletsToExport        = @(
        'Connect-Sde'
        'Disconnect-Sde'
        'Get-SdeConnection'
        'Select-SdeConnection'
        'Get-SdeAlmPlugin'
        'Get-SdeAlmPluginField'
        'New-SdeAlmPluginSetting'
        'Test-SdeAlmPluginSetting'
        'Export-SdeAlmPluginCatalog'
        'Compare-SdeAlmPluginCatalog'
        'Get-SdeAlmConnector'
        'New-SdeAlmConnector'
        'Set-SdeAlmConnector'
        'Remove-SdeAlmConnector'
        'Get-SdeAlmConnection'
        'New-SdeAlmConnection'
        'Set-SdeAlmConnection'
        'Remove-SdeAlmConnection'
        'Test-SdeAlmConnector'
        'Test-SdeAlmConnection'
        'Get-SdeAlmJob'
        'Start-SdeAlmSync'
        'Export-SdeAlmConfiguration'
        'Compare-SdeAlmConfiguration'
        'Set-SdeAlmConfiguration'
        'Test-SdeAlmConfiguration'
        'Invoke-SdeRestMethod'
    )
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('SDElements', 'SecurityCompass', 'ALM', 'AppSec', 'DevSecOps', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/sdealm/SdeAlm.PowerShell'
            LicenseUri   = 'https://github.com/sdealm/SdeAlm.PowerShell/blob/main/LICENSE'
            ReleaseNotes = 'See CHANGELOG.md in the package or the project site.'
        }
    }
}
