#Requires -RunAsAdministrator
#Requires -Version 5.1
<#
.SYNOPSIS
    Make this Windows PC a Pupitre exam kiosk: a candidate account whose shell is the kiosk (Shell
    Launcher), the Keyboard Filter, and the policies that hide Task Manager and the Ctrl+Alt+Del options.

.DESCRIPTION
    Needs Windows 10/11 Enterprise, Education or IoT Enterprise (Shell Launcher and Keyboard Filter
    are not in Home or Pro). Every change is noted first in
    %ProgramData%\Pupitre\install\manifest.json with what was there; Uninstall-PupitreKiosk.ps1 puts
    each back. See docs/install-center.md and packaging/windows/README.md (what was tested).

.PARAMETER KioskDir
    The one-folder build (pupitre-kiosk.exe inside), copied to %ProgramFiles%\Pupitre\kiosk.

.PARAMETER Candidate
    The candidate's local account, made here (default: candidat).

.PARAMETER ExamArgs
    What the kiosk is started with after --exam (a bank, keys…).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$KioskDir,
    [string]$Candidate = 'candidat',
    [string]$ExamArgs = ''
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'PupitreKiosk.psm1') -Force

if (-not (Test-Path -LiteralPath (Join-Path $KioskDir 'pupitre-kiosk.exe'))) {
    throw "$KioskDir\pupitre-kiosk.exe is not there: give the folder the build made (build\dist\pupitre-kiosk)"
}
if ($Candidate -notmatch '^[A-Za-z][A-Za-z0-9_-]{0,19}$') { throw "'$Candidate' is not a valid account name" }
if (Test-Path -LiteralPath $ManifestPath) { throw "Pupitre is already installed here ($ManifestPath); uninstall first" }
if (Get-LocalUser -Name $Candidate -ErrorAction SilentlyContinue) { throw "an account named $Candidate exists already" }
$settings = Get-Content -LiteralPath (Join-Path $PSScriptRoot 'policies.json') -Raw | ConvertFrom-Json

# -- Windows features: Shell Launcher and Keyboard Filter -----------------------------------------
foreach ($feature in $settings.features) {
    $state = (Get-WindowsOptionalFeature -Online -FeatureName $feature).State
    if ($state -ne 'Enabled') {
        Add-PupitreChange @{ kind = 'feature'; name = $feature }
        Enable-WindowsOptionalFeature -Online -FeatureName $feature -NoRestart -All | Out-Null
    }
}

# -- the program ---------------------------------------------------------------------------------
$target = Join-Path $env:ProgramFiles 'Pupitre\kiosk'
Add-PupitreChange @{ kind = 'folder'; path = (Join-Path $env:ProgramFiles 'Pupitre') }
Copy-Item -LiteralPath $KioskDir -Destination $target -Recurse
$exe = Join-Path $target 'pupitre-kiosk.exe'

# -- the candidate's account, with a random password that only autologon knows --------------------
$bytes = New-Object byte[] 24
[Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)
$password = [Convert]::ToBase64String($bytes)
$secure = ConvertTo-SecureString $password -AsPlainText -Force
Add-PupitreChange @{ kind = 'user'; name = $Candidate }
New-LocalUser -Name $Candidate -Password $secure -PasswordNeverExpires -UserMayNotChangePassword `
    -Description 'Pupitre candidate (exam kiosk)' | Out-Null
Add-LocalGroupMember -Group (Get-LocalGroup -SID 'S-1-5-32-545') -Member $Candidate  # Users
# make its profile now (a logon with its password), so that its own policies can be written
$credential = New-Object Management.Automation.PSCredential("$env:COMPUTERNAME\$Candidate", $secure)
Start-Process -FilePath cmd.exe -ArgumentList '/c', 'exit' -Credential $credential -LoadUserProfile -Wait `
    -WindowStyle Hidden
$sid = (Get-LocalUser -Name $Candidate).SID.Value
$profilePath = (Get-CimInstance Win32_UserProfile -Filter "SID='$sid'").LocalPath

# -- registry policies ------------------------------------------------------------------------------
$candidateRoot = Mount-PupitreCandidateHive -ProfilePath $profilePath
try {
    foreach ($v in $settings.values) {
        $value = $v.value
        if ($value -is [string]) {
            $value = $value.Replace('@CANDIDATE@', $Candidate).Replace('@COMPUTER@', $env:COMPUTERNAME).
                Replace('@PASSWORD@', $password)
        }
        $root = if ($v.hive -eq 'Candidate') { $candidateRoot } else { 'HKLM:' }
        Set-PupitreRegistryValue -Root $root -Hive $v.hive -Path $v.path -Name $v.name -Type $v.type -Value $value
    }
} finally {
    Dismount-PupitreCandidateHive
}

# -- Keyboard Filter: the shortcuts that leave the kiosk ---------------------------------------------
foreach ($id in $settings.blockedKeys) {
    $key = Get-CimInstance -Namespace $Embedded -ClassName WEKF_PredefinedKey -Filter "Id='$id'"
    if (-not $key) { throw "Keyboard Filter knows no key '$id' (is the feature enabled? restart, then run again)" }
    Add-PupitreChange @{ kind = 'key'; id = $id; wasEnabled = [bool]$key.Enabled }
    Set-CimInstance -InputObject $key -Property @{ Enabled = $true }
}

# -- Shell Launcher: the kiosk is the candidate's shell, started again when it ends -----------------
$launcher = Get-CimClass -Namespace $Embedded -ClassName WESL_UserSetting
$wasEnabled = (Invoke-CimMethod -CimClass $launcher -MethodName IsEnabled).Enabled
Add-PupitreChange @{ kind = 'shell'; sid = $sid; wasEnabled = [bool]$wasEnabled }
$shell = "`"$exe`" --exam $ExamArgs".Trim()
Invoke-CimMethod -CimClass $launcher -MethodName SetCustomShell -Arguments @{
    Sid = $sid; Shell = $shell; CustomReturnCodes = @(); CustomReturnCodesAction = @(); DefaultAction = 0 } | Out-Null
Invoke-CimMethod -CimClass $launcher -MethodName SetEnabled -Arguments @{ Enabled = $true } | Out-Null

Write-Host "Installed. Restart the PC: it logs $Candidate in, into the kiosk. Undo: Uninstall-PupitreKiosk.ps1"
