# Shared by Install-PupitreKiosk.ps1 and Uninstall-PupitreKiosk.ps1: the manifest of changes.
#
# Every change is noted BEFORE it is made, with what was there: a registry value's old data and
# type (or its absence), a Keyboard Filter key's old state, a Windows feature's old state, the
# candidate's Shell Launcher entry, a folder or an account made here. Uninstall walks the manifest
# from the last change to the first and puts each back; a change noted but not completed (the
# install stopped half-way) is undone the same way, since undoing "set to the old value" is safe.

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$Script:StateDir = Join-Path $env:ProgramData 'Pupitre\install'
$Script:ManifestPath = Join-Path $Script:StateDir 'manifest.json'
$Script:Embedded = 'root\standardcimv2\embedded'

function Get-PupitreManifest {
    if (-not (Test-Path -LiteralPath $Script:ManifestPath)) { return @() }
    return @(Get-Content -LiteralPath $Script:ManifestPath -Raw | ConvertFrom-Json)
}

function Add-PupitreChange {
    param([Parameter(Mandatory)][hashtable]$Change)
    $all = @(Get-PupitreManifest) + [pscustomobject]$Change
    New-Item -ItemType Directory -Force -Path $Script:StateDir | Out-Null
    $tmp = "$Script:ManifestPath.new"
    ConvertTo-Json -InputObject $all -Depth 6 | Set-Content -LiteralPath $tmp -Encoding UTF8
    Move-Item -LiteralPath $tmp -Destination $Script:ManifestPath -Force
}

function Set-PupitreRegistryValue {
    # Root is 'HKLM:' or the mounted candidate hive ('Registry::HKEY_USERS\PupitreCandidate').
    param([string]$Root, [string]$Path, [string]$Name, [string]$Type, $Value, [string]$Hive)
    $key = Join-Path $Root $Path
    $old = $null
    $oldType = $null
    $existed = $false
    if (Test-Path -LiteralPath $key) {
        $item = Get-Item -LiteralPath $key
        if ($item.GetValueNames() -contains $Name) {
            $existed = $true
            $old = $item.GetValue($Name, $null, 'DoNotExpandEnvironmentNames')
            $oldType = $item.GetValueKind($Name).ToString()
        }
    }
    $keyMade = -not (Test-Path -LiteralPath $key)
    Add-PupitreChange @{ kind = 'registry'; hive = $Hive; path = $Path; name = $Name; existed = $existed;
                         old = $old; oldType = $oldType; keyMade = $keyMade }
    if ($keyMade) { New-Item -Path $key -Force | Out-Null }
    New-ItemProperty -LiteralPath $key -Name $Name -PropertyType $Type -Value $Value -Force | Out-Null
}

function Restore-PupitreRegistryValue {
    param($Change, [string]$Root)
    $key = Join-Path $Root $Change.path
    if ($Change.existed) {
        New-ItemProperty -LiteralPath $key -Name $Change.name -PropertyType $Change.oldType -Value $Change.old -Force | Out-Null
    } elseif (Test-Path -LiteralPath $key) {
        Remove-ItemProperty -LiteralPath $key -Name $Change.name -ErrorAction SilentlyContinue
        if ($Change.keyMade -and -not (Get-Item -LiteralPath $key).GetValueNames() -and
            -not (Get-ChildItem -LiteralPath $key)) {
            Remove-Item -LiteralPath $key
        }
    }
}

function Mount-PupitreCandidateHive {
    param([string]$ProfilePath)
    $hive = Join-Path $ProfilePath 'NTUSER.DAT'
    if (-not (Test-Path -LiteralPath $hive)) { throw "the candidate's profile has no NTUSER.DAT at $hive" }
    & reg.exe load 'HKU\PupitreCandidate' $hive | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "reg load of $hive failed (is the candidate logged in? sign it out first)" }
    return 'Registry::HKEY_USERS\PupitreCandidate'
}

function Dismount-PupitreCandidateHive {
    [GC]::Collect()  # PowerShell keeps handles to the hive's keys until they are collected
    [GC]::WaitForPendingFinalizers()
    & reg.exe unload 'HKU\PupitreCandidate' | Out-Null
}

Export-ModuleMember -Function Get-PupitreManifest, Add-PupitreChange, Set-PupitreRegistryValue,
    Restore-PupitreRegistryValue, Mount-PupitreCandidateHive, Dismount-PupitreCandidateHive `
    -Variable StateDir, ManifestPath, Embedded
