"""Run packaging/linux's install and uninstall in a throwaway copy of this machine's root.

Started by the tests as ``unshare --mount --propagation private python throwaway_root.py STAGE``
(as root): in that private mount namespace, an overlay of ``/`` puts every write in a tmpfs upper
layer, so the host is never touched. The scripts run chrooted in the overlay, from ``STAGE``
(bind-mounted read-only on ``/mnt``: the scripts and a kiosk folder). After install, what it made
is read; after uninstall, every entry left in the upper layer is compared with the host's: a file
or link must be byte-identical with the same mode and owner, a folder must exist there with the
same mode and owner, and no deletion (whiteout) may remain. Prints one JSON report on stdout.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path


def mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True)


def in_root(merged: Path, *command: str, env: dict[str, str] | None = None) -> dict:
    done = subprocess.run(["chroot", str(merged), *command], capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", **(env or {})},
                          check=False)
    return {"rc": done.returncode, "out": done.stdout, "err": done.stderr}


def same(upper_entry: Path, lower_entry: Path) -> str | None:
    """Why the entry left in the upper layer differs from the host's, or None."""
    mine = upper_entry.lstat()
    if stat.S_ISCHR(mine.st_mode) and mine.st_rdev == 0:
        return "deleted (whiteout)"
    try:
        theirs = lower_entry.lstat()
    except FileNotFoundError:
        return "not on the host"
    if stat.S_IFMT(mine.st_mode) != stat.S_IFMT(theirs.st_mode):
        return "another kind of entry"
    if (mine.st_mode, mine.st_uid, mine.st_gid) != (theirs.st_mode, theirs.st_uid, theirs.st_gid):
        return f"mode/owner {oct(mine.st_mode)} {mine.st_uid}:{mine.st_gid} (host {oct(theirs.st_mode)} " \
               f"{theirs.st_uid}:{theirs.st_gid})"
    if stat.S_ISLNK(mine.st_mode):
        return None if os.readlink(upper_entry) == os.readlink(lower_entry) else "another link target"
    if stat.S_ISREG(mine.st_mode):
        return None if upper_entry.read_bytes() == lower_entry.read_bytes() else "other content"
    if stat.S_ISDIR(mine.st_mode):
        try:
            if os.getxattr(upper_entry, "trusted.overlay.opaque") == b"y":
                return "folder replaced (opaque)"
        except OSError:
            pass
    return None


def traces(upper: Path) -> dict[str, str]:
    found = {}
    for folder, dirs, files in os.walk(upper):
        for name in dirs + files:
            entry = Path(folder) / name
            relative = entry.relative_to(upper)
            why = same(entry, Path("/") / relative)
            if why is not None:
                found["/" + str(relative)] = why
    return found


def read(merged: Path, path: str) -> str | None:
    try:
        return (merged / path.lstrip("/")).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def main(stage: Path, install_args: list[str]) -> dict:
    top = Path(tempfile.mkdtemp(prefix="pupitre-root-"))
    rw, merged = top / "rw", top / "merged"
    try:
        return run(stage, install_args, rw, merged)
    finally:
        # never remove a tree with the overlay, /proc or the stage still mounted in it
        subprocess.run(["umount", "--recursive", "--lazy", str(merged)], check=False, capture_output=True)
        subprocess.run(["umount", "--lazy", str(rw)], check=False, capture_output=True)
        for folder in (merged, rw, top):
            if folder.is_dir() and not os.path.ismount(folder):
                folder.rmdir()


def run(stage: Path, install_args: list[str], rw: Path, merged: Path) -> dict:
    if True:
        rw.mkdir()
        merged.mkdir()
        mount("-t", "tmpfs", "tmpfs", str(rw))
        (rw / "upper").mkdir()
        (rw / "work").mkdir()
        mount("-t", "overlay", "overlay", "-o", f"lowerdir=/,upperdir={rw}/upper,workdir={rw}/work", str(merged))
        mount("--bind", "-o", "ro", str(stage), str(merged / "mnt"))
        mount("--bind", "/dev", str(merged / "dev"))  # /dev/null, not a file of that name
        mount("-t", "proc", "proc", str(merged / "proc"))
        mount("-t", "tmpfs", "tmpfs", str(merged / "tmp"))
        mount("-t", "tmpfs", "tmpfs", str(merged / "run"))
        report: dict = {"refused": {
            "no build": in_root(merged, "sh", "/mnt/linux/install.sh", "--kiosk-dir", "/mnt/nowhere"),
            "bad name": in_root(merged, "sh", "/mnt/linux/install.sh", "--kiosk-dir", "/mnt/kiosk",
                                "--skip-package-check", "--candidate", "Bad Name"),
            "same accounts": in_root(merged, "sh", "/mnt/linux/install.sh", "--kiosk-dir", "/mnt/kiosk",
                                     "--skip-package-check", "--candidate", "x", "--service", "x"),
            "data under /tmp": in_root(merged, "sh", "/mnt/linux/install.sh", "--kiosk-dir", "/mnt/kiosk",
                                       "--skip-package-check", "--data-dir", "/tmp/k"),
            "quotes in exam args": in_root(merged, "sh", "/mnt/linux/install.sh", "--kiosk-dir", "/mnt/kiosk",
                                           "--skip-package-check", "--exam-args", "--bank '$(reboot)'"),
            "existing account": in_root(merged, "sh", "/mnt/linux/install.sh", "--kiosk-dir", "/mnt/kiosk",
                                        "--skip-package-check", "--candidate", "root"),
        }}
        report["refusals_left"] = traces(rw / "upper")
        # an install that stops half-way (the candidate's account cannot be made, after the service
        # account was), then the uninstall: nothing may be left either
        report["half_install"] = in_root(merged, "sh", "/mnt/linux/install.sh", "--kiosk-dir", "/mnt/kiosk",
                                         "--skip-package-check",
                                         env={"PATH": "/mnt/failing:/usr/sbin:/usr/bin:/sbin:/bin"})
        report["half_manifest"] = read(merged, "/var/lib/pupitre-install/manifest")
        report["half_uninstall"] = in_root(merged, "sh", "/mnt/linux/uninstall.sh")
        report["half_left"] = traces(rw / "upper")
        report["install"] = in_root(merged, "sh", "/mnt/linux/install.sh", "--kiosk-dir", "/mnt/kiosk",
                                    "--skip-package-check", *install_args)
        report["installed"] = {
            "passwd": read(merged, "/etc/passwd"),
            "manifest": read(merged, "/var/lib/pupitre-install/manifest"),
            "kiosk_conf": read(merged, "/etc/pupitre/kiosk.conf"),
            "files": {path: read(merged, path) for path in (
                "/etc/systemd/system/pupitre-session.service", "/etc/X11/pupitre-kiosk.conf",
                "/etc/pupitre/openbox/rc.xml", "/etc/sysctl.d/60-pupitre-kiosk.conf",
                "/etc/systemd/logind.conf.d/pupitre-kiosk.conf", "/etc/sudoers.d/pupitre-kiosk")},
            "links": {name: os.readlink(merged / "etc/systemd/system" / name)
                      for name in ("sleep.target", "suspend.target", "hibernate.target",
                                   "multi-user.target.wants/pupitre-session.service")
                      if (merged / "etc/systemd/system" / name).is_symlink()},
            "home": sorted(p.name for p in (merged / "home").iterdir()),
            "modes": {path: oct(os.lstat(merged / path.lstrip("/")).st_mode)
                      for path in ("/var/lib/pupitre/kiosk", "/etc/sudoers.d/pupitre-kiosk", "/opt/pupitre/kiosk")
                      if os.path.lexists(merged / path.lstrip("/"))},
            "verify": in_root(merged, "systemd-analyze", "verify", "--man=no",
                              "/etc/systemd/system/pupitre-session.service"),
            "visudo": in_root(merged, "visudo", "-c", "-f", "/etc/sudoers.d/pupitre-kiosk")
                      if (merged / "usr/sbin/visudo").exists() else None,
            "reset_home": in_root(merged, "/usr/lib/pupitre/reset-home", "candidat"),
            "reset_root": in_root(merged, "/usr/lib/pupitre/reset-home", "root"),
            "second_install": in_root(merged, "sh", "/mnt/linux/install.sh", "--kiosk-dir", "/mnt/kiosk",
                                      "--skip-package-check", *install_args),
        }
        planted = merged / "home" / "candidat" / "planted"
        if planted.parent.is_dir():
            planted.write_text("left by a candidate")
            report["installed"]["reset_planted"] = in_root(merged, "/usr/lib/pupitre/reset-home", "candidat")
            report["installed"]["planted_after_reset"] = planted.exists()
        outbox = merged / "var/lib/pupitre/kiosk/outbox"
        if outbox.parent.is_dir():
            outbox.mkdir()
            (outbox / "a-1.pbundle").write_bytes(b"a bundle not delivered yet")
            report["uninstall_waiting"] = in_root(merged, "sh", "/mnt/linux/uninstall.sh")
            report["uninstall_keep"] = in_root(merged, "sh", "/mnt/linux/uninstall.sh", "--keep-data",
                                               "/root/kept-kiosk")
            report["kept"] = sorted(str(p.relative_to(merged / "root/kept-kiosk"))
                                    for p in (merged / "root/kept-kiosk").rglob("*"))
            subprocess.run(["rm", "-rf", "--one-file-system", str(merged / "root/kept-kiosk")], check=True)
        else:
            report["uninstall"] = in_root(merged, "sh", "/mnt/linux/uninstall.sh", "--discard-data")
        report["traces"] = traces(rw / "upper")
        report["second_uninstall"] = in_root(merged, "sh", "/mnt/linux/uninstall.sh")
        return report


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2:])))
