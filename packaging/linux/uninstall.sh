#!/bin/sh
# Put back a machine that install.sh made a Pupitre exam kiosk (run as root).
#
#   sudo sh packaging/linux/uninstall.sh [--keep-data DIR]
#
# Reads /var/lib/pupitre-install/manifest from its last line to its first: removes what install.sh
# made (files, folders, the two accounts and the candidate's home), restores every file it replaced
# from /var/lib/pupitre-install/backup, then removes the backup and the manifest.
#
# The keeper's folder holds the device key, the journals and the result bundles not yet delivered:
# uninstall refuses to delete it while a bundle is waiting, unless --keep-data DIR says where to move
# the folder first (a USB stick, another disk), or --discard-data says that the center has checked
# with `pupitre-kiosk outbox` that nothing is waiting.
set -eu

STATE=/var/lib/pupitre-install
keep=""
discard=no
die() { echo "uninstall.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case "$1" in
        --keep-data) keep="${2:?--keep-data needs a folder}"; shift 2 ;;
        --discard-data) discard=yes; shift ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
[ "$(id -u)" = 0 ] || die "run as root (sudo sh $0)"
[ -f "$STATE/manifest" ] || die "nothing to undo: no $STATE/manifest (was install.sh run on this machine?)"

data_dir="$(sed -n 's/^DATA_DIR=//p' /etc/pupitre/kiosk.conf 2>/dev/null || true)"
if [ -n "$data_dir" ] && [ -d "$data_dir" ]; then
    if [ -n "$keep" ]; then
        [ ! -e "$keep" ] || die "--keep-data $keep exists already; give a new folder"
        cp -a "$data_dir" "$keep"
        echo "The keeper's folder is copied to $keep (device key, journals, result bundles)."
    elif [ "$discard" = no ] && find "$data_dir" -name '*.pbundle' -path '*outbox*' | grep -q .; then
        die "result bundles are waiting in $data_dir/outbox: deliver or export them first, or keep the folder with --keep-data DIR"
    fi
fi

# a user's processes end with its session; stop it on a running system before removing the account
if [ -d /run/systemd/system ] && ! systemd-detect-virt --quiet --chroot 2>/dev/null; then
    systemctl stop pupitre-session.service 2>/dev/null || true
fi

tac "$STATE/manifest" | while read -r what path; do
    case "$what" in
        created) rm -rf --one-file-system -- "$path" ;;
        saved)
            rm -rf --one-file-system -- "$path"
            cp -a "$STATE/backup$path" "$path"
            ;;
        dir) rmdir -- "$path" 2>/dev/null || echo "uninstall.sh: $path is not empty (files added since install); left in place" >&2 ;;
        user|account)
            if getent passwd "$path" >/dev/null; then
                if [ "$what" = user ]; then userdel --remove "$path"; else userdel "$path"; fi
            fi
            ;;
        *) echo "uninstall.sh: manifest line not understood, skipped: $what $path" >&2 ;;
    esac
done

rm -rf --one-file-system -- "$STATE"
if [ -d /run/systemd/system ] && ! systemd-detect-virt --quiet --chroot 2>/dev/null; then
    systemctl daemon-reload
    sysctl -q --system >/dev/null 2>&1 || true
fi
echo "Pupitre's kiosk session is removed and every file it changed is restored."
