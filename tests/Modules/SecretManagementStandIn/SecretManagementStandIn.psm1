# A stand-in for Microsoft.PowerShell.SecretManagement's Get-Secret, which the tests cannot install (no
# PowerShell Gallery): the same calling convention (Get-Secret -Name NAME [-Vault VAULT] [-AsPlainText],
# a SecureString back, an error for a secret it does not have), over an in-memory store the tests fill
# with Set-StandInSecret. Every call is counted, so a test can tell that the module asked.

$script:Vaults = @{}
$script:Calls = [System.Collections.Generic.List[string]]::new()

function Get-Secret {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Name,
        [Parameter(Position = 1)] [string] $Vault,
        [switch] $AsPlainText
    )
    $script:Calls.Add("$Name|$Vault")
    $vaultName = if ($Vault) { $Vault } else { 'Default' }
    $store = $script:Vaults[$vaultName]
    if (-not $store) {
        Write-Error -Message "Unable to get secret $Name from vault $vaultName" -Category ObjectNotFound -ErrorId 'GetSecretInvalidVaultName'
        return
    }
    if (-not $store.ContainsKey($Name)) {
        Write-Error -Message "The secret $Name was not found." -Category ObjectNotFound -ErrorId 'GetSecretNotFound'
        return
    }
    $value = $store[$Name]
    if ($AsPlainText -and $value -is [securestring]) { return [Net.NetworkCredential]::new('', $value).Password }
    $value
}

function Set-StandInSecret {
    # Stores a secret (text is kept as a SecureString, anything else as given) in a vault ('Default' when none).
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] $Secret, [string] $Vault = 'Default')
    if (-not $script:Vaults[$Vault]) { $script:Vaults[$Vault] = @{} }
    $script:Vaults[$Vault][$Name] = if ($Secret -is [string]) { ConvertTo-SecureString $Secret -AsPlainText -Force } else { $Secret }
}

function Get-StandInCall {
    # Each Get-Secret call so far, as "name|vault".
    @($script:Calls)
}

function Clear-StandInSecret {
    $script:Vaults.Clear()
    $script:Calls.Clear()
}

Export-ModuleMember -Function Get-Secret, Set-StandInSecret, Get-StandInCall, Clear-StandInSecret
