#!/bin/sh
# Install a Pupitre exam kiosk on Debian or Ubuntu (run as root). See docs/install-center.md.
#
#   sudo sh packaging/linux/install.sh --kiosk-dir DIR [--candidate NAME] [--service NAME]
#                                      [--data-dir DIR] [--exam-args "…"] [--skip-package-check]
#
# --kiosk-dir   the one-folder build (./run build: build/dist/pupitre-kiosk), copied to /opt/pupitre/kiosk
# --candidate   the candidate's account, made here (default: candidat)
# --service     the account that owns the device key, the journal and the outbox (default: pupitre-keeper)
# --data-dir    the keeper's folder (default: /var/lib/pupitre/kiosk)
# --exam-args   what the exam interface is started with after --exam --keeper (a bank, keys…)
# --skip-package-check  do not require Xorg, xinit, openbox, sudo and xset (an image prepared in parts)
#
# Everything it changes is written down in /var/lib/pupitre-install/manifest, and every file it
# replaces is kept in /var/lib/pupitre-install/backup: uninstall.sh reads both and puts the machine
# back. Running it twice is refused (uninstall first).
set -eu

STATE=/var/lib/pupitre-install
HERE="$(cd "$(dirname "$0")" && pwd)"
FILES="$HERE/files"
candidate=candidat
service=pupitre-keeper
data_dir=/var/lib/pupitre/kiosk
kiosk_dir=""
exam_args=""
check_packages=yes

die() { echo "install.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case "$1" in
        --kiosk-dir) kiosk_dir="${2:?--kiosk-dir needs a folder}"; shift 2 ;;
        --candidate) candidate="${2:?--candidate needs a name}"; shift 2 ;;
        --service) service="${2:?--service needs a name}"; shift 2 ;;
        --data-dir) data_dir="${2:?--data-dir needs a folder}"; shift 2 ;;
        --exam-args) exam_args="${2?--exam-args needs a value}"; shift 2 ;;
        --skip-package-check) check_packages=no; shift ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done

[ "$(id -u)" = 0 ] || die "run as root (sudo sh $0 …)"
[ -n "$kiosk_dir" ] || die "give the kiosk's build with --kiosk-dir (./run build makes build/dist/pupitre-kiosk)"
[ -x "$kiosk_dir/pupitre-kiosk" ] || die "$kiosk_dir/pupitre-kiosk is not there or not executable (give the folder ./run build made)"
for name in "$candidate" "$service"; do
    echo "$name" | grep -Eqx '[a-z_][a-z0-9_-]{0,30}' || die "'$name' is not a valid account name"
done
[ "$candidate" != "$service" ] || die "the candidate's account and the service account must differ"
case "$data_dir" in
    /var/lib/?*|/srv/?*|/opt/?*) ;;
    *) die "the keeper's folder must be under /var/lib, /srv or /opt (a place only root can change), not $data_dir" ;;
esac
case "$exam_args" in *"'"*|*'"'*|*'\'*|*'$'*|*'`'*) die "--exam-args: no quotes, backslashes or \$ (words separated by spaces)" ;; esac
[ ! -e "$STATE/manifest" ] || die "Pupitre is already installed here ($STATE/manifest); run uninstall.sh first"

if [ "$check_packages" = yes ]; then
    missing=""
    for need in Xorg:xserver-xorg xinit:xinit openbox:openbox sudo:sudo xset:x11-xserver-utils; do
        command -v "${need%%:*}" >/dev/null 2>&1 || missing="$missing ${need#*:}"
    done
    [ -z "$missing" ] || die "missing packages:$missing (apt-get install$missing, from the center's mirror or stick)"
fi
for user in "$candidate" "$service"; do
    ! getent passwd "$user" >/dev/null || die "an account named $user exists already; choose another name"
done

# -- the manifest: what was made (removed at uninstall) and what was replaced (restored) -----------
mkdir -p "$STATE/backup"
chmod 0700 "$STATE"
: > "$STATE/manifest"
note() { echo "$*" >> "$STATE/manifest"; }

# before changing PATH: keep what is there, or note that nothing was
claim() {
    if [ -e "$1" ] || [ -L "$1" ]; then
        cp -a --parents "$1" "$STATE/backup/"
        note "saved $1"
    else
        note "created $1"
    fi
}

# a folder and every parent that is missing, noted so that uninstall removes the ones made here
folder() {
    missing=""
    dir="$1"
    while [ ! -d "$dir" ]; do
        missing="$dir $missing"
        dir="$(dirname "$dir")"
    done
    for dir in $missing; do
        mkdir -m 0755 "$dir"
        note "dir $dir"
    done
}

# put a file from files/ in place, with @CANDIDATE@ replaced
place() {  # SOURCE TARGET MODE
    folder "$(dirname "$2")"
    claim "$2"
    sed "s/@CANDIDATE@/$candidate/g" "$FILES/$1" > "$2.pupitre-new"
    chmod "$3" "$2.pupitre-new"
    mv -f "$2.pupitre-new" "$2"
}

# -- accounts ---------------------------------------------------------------------------------------
# useradd and userdel rewrite shadow's own backup copies (passwd- …) and the login records: kept too
for file in /etc/passwd- /etc/group- /etc/shadow- /etc/gshadow- /etc/subuid- /etc/subgid- \
            /var/log/lastlog /var/log/faillog; do
    claim "$file"
done
# noted before it is made, like every change: an install stopped half-way is undone the same way
note "account $service"
useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
    --comment "Pupitre kiosk keeper" "$service"
note "user $candidate"
useradd --create-home --user-group --shell /bin/sh --comment "Pupitre candidate" "$candidate"
passwd --lock "$candidate" >/dev/null  # no password: the account is only ever logged in by the kiosk

# -- the program and its settings ------------------------------------------------------------------
folder /opt/pupitre
claim /opt/pupitre/kiosk
cp -a "$kiosk_dir" /opt/pupitre/kiosk
chown -R root:root /opt/pupitre/kiosk
chmod -R go-w /opt/pupitre/kiosk

folder "$(dirname "$data_dir")"
claim "$data_dir"
install -d -m 0700 -o "$service" -g "$service" "$data_dir"

folder /etc/pupitre
claim /etc/pupitre/kiosk.conf
cat > /etc/pupitre/kiosk.conf <<EOF
# Pupitre exam kiosk, read by /usr/lib/pupitre/start-kiosk (as root). Written by install.sh.
KIOSK=/opt/pupitre/kiosk/pupitre-kiosk
DATA_DIR=$data_dir
SERVICE_USER=$service
CANDIDATE_USER=$candidate
EXAM_ARGS="$exam_args"
EOF
chmod 0644 /etc/pupitre/kiosk.conf

place rc.xml /etc/pupitre/openbox/rc.xml 0644
place menu.xml /etc/pupitre/openbox/menu.xml 0644
place session /usr/lib/pupitre/session 0755
place start-kiosk /usr/lib/pupitre/start-kiosk 0755
place reset-home /usr/lib/pupitre/reset-home 0755
place pupitre-kiosk.conf /etc/X11/pupitre-kiosk.conf 0644
place sudoers /etc/sudoers.d/pupitre-kiosk 0440
place 60-pupitre-kiosk.conf /etc/sysctl.d/60-pupitre-kiosk.conf 0644
place logind-pupitre.conf /etc/systemd/logind.conf.d/pupitre-kiosk.conf 0644
place pupitre-session.service /etc/systemd/system/pupitre-session.service 0644

# -- boot into the kiosk: enabled, no display manager, no sleep ------------------------------------
folder /etc/systemd/system/multi-user.target.wants
claim /etc/systemd/system/multi-user.target.wants/pupitre-session.service
ln -s /etc/systemd/system/pupitre-session.service /etc/systemd/system/multi-user.target.wants/pupitre-session.service
if [ -e /etc/systemd/system/display-manager.service ] || [ -L /etc/systemd/system/display-manager.service ]; then
    claim /etc/systemd/system/display-manager.service
    rm -f /etc/systemd/system/display-manager.service
fi
for target in sleep suspend hibernate hybrid-sleep suspend-then-hibernate; do
    claim "/etc/systemd/system/$target.target"
    rm -f "/etc/systemd/system/$target.target"
    ln -s /dev/null "/etc/systemd/system/$target.target"  # masked
done

# -- on a running system, now; in an image or a chroot, at the next boot ----------------------------
if [ -d /run/systemd/system ] && ! systemd-detect-virt --quiet --chroot 2>/dev/null; then
    sysctl -q -p /etc/sysctl.d/60-pupitre-kiosk.conf || echo "install.sh: could not set kernel.yama.ptrace_scope now; it is set at the next boot" >&2
    systemctl daemon-reload
    echo "Installed. Reboot: the machine starts into the kiosk session on tty7."
else
    echo "Installed (not a running system: the settings take effect at its first boot)."
fi
echo "Undo with: sudo sh $HERE/uninstall.sh"
