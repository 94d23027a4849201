#Requires -RunAsAdministrator
#Requires -Version 5.1
<#
.SYNOPSIS
    Put back a PC that Install-PupitreKiosk.ps1 made a Pupitre exam kiosk.

.DESCRIPTION
    Reads %ProgramData%\Pupitre\install\manifest.json from the last change to the first and undoes
    each: the Shell Launcher entry, the Keyboard Filter keys, the registry values (old data, or
    removed when there was none), the candidate's account and profile, the program's folder, the
    Windows features it enabled. Then removes the manifest. Sign the candidate out first (or start
    the PC with the administrator's account: press Shift while Windows logs the candidate in).
    The kiosk's data folder (%LOCALAPPDATA% of the candidate: device key, journals, result bundles)
    goes with the profile: export the bundles first (pupitre-kiosk export --to E:\), or pass
    -KeepProfile.
#>
[CmdletBinding()]
param([switch]$KeepProfile)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'PupitreKiosk.psm1') -Force

$changes = @(Get-PupitreManifest)
if ($changes.Count -eq 0) { throw "nothing to undo: no $ManifestPath (was Install-PupitreKiosk.ps1 run here?)" }
[array]::Reverse($changes)

$user = $changes | Where-Object { $_.kind -eq 'user' } | Select-Object -First 1
$sid = if ($user) { (Get-LocalUser -Name $user.name -ErrorAction SilentlyContinue).SID.Value } else { $null }
$profilePath = if ($sid) { (Get-CimInstance Win32_UserProfile -Filter "SID='$sid'").LocalPath } else { $null }
$candidateRoot = $null
if ($profilePath -and ($changes | Where-Object { $_.kind -eq 'registry' -and $_.hive -eq 'Candidate' })) {
    $candidateRoot = Mount-PupitreCandidateHive -ProfilePath $profilePath
}

try {
    foreach ($change in $changes) {
        switch ($change.kind) {
            'shell' {
                $launcher = Get-CimClass -Namespace $Embedded -ClassName WESL_UserSetting
                Invoke-CimMethod -CimClass $launcher -MethodName RemoveCustomShell -Arguments @{ Sid = $change.sid } |
                    Out-Null
                Invoke-CimMethod -CimClass $launcher -MethodName SetEnabled -Arguments @{ Enabled = $change.wasEnabled } |
                    Out-Null
            }
            'key' {
                $key = Get-CimInstance -Namespace $Embedded -ClassName WEKF_PredefinedKey -Filter "Id='$($change.id)'"
                if ($key) { Set-CimInstance -InputObject $key -Property @{ Enabled = [bool]$change.wasEnabled } }
            }
            'registry' {
                if ($change.hive -eq 'Candidate') {
                    if ($candidateRoot) { Restore-PupitreRegistryValue -Change $change -Root $candidateRoot }
                } else {
                    Restore-PupitreRegistryValue -Change $change -Root 'HKLM:'
                }
            }
            'user' {
                if ($candidateRoot) { Dismount-PupitreCandidateHive; $candidateRoot = $null }
                if ($sid -and -not $KeepProfile) {
                    Get-CimInstance Win32_UserProfile -Filter "SID='$sid'" | Remove-CimInstance
                }
                Remove-LocalUser -Name $change.name -ErrorAction SilentlyContinue
            }
            'folder' {
                if (Test-Path -LiteralPath $change.path) { Remove-Item -LiteralPath $change.path -Recurse -Force }
            }
            'feature' {
                Disable-WindowsOptionalFeature -Online -FeatureName $change.name -NoRestart | Out-Null
            }
            default { Write-Warning "manifest entry not understood, skipped: $($change.kind)" }
        }
    }
} finally {
    if ($candidateRoot) { Dismount-PupitreCandidateHive }
}
Remove-Item -LiteralPath $StateDir -Recurse -Force
Write-Host 'Pupitre kiosk removed and every change put back. Restart the PC.'
