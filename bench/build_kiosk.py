"""The kiosk's one-folder build: how long it takes, how big it is, and how fast it starts.

Builds ``pupitre-kiosk`` with packaging/pupitre.spec into a temporary folder, then measures the
folder's size and file count, its size as a .tar.gz (what goes on the install stick), the binary's
cold start to a printed answer (``outbox --help``: the frozen interpreter and the command line) and
a whole ``--self-check`` (demo bank, Qt offscreen, device key made under scrypt, journal), each the
median of several runs. Targets: folder ≤ 300 MB, start ≤ 1.5 s, self-check ≤ 15 s.

    ./run bench build_kiosk [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))

from _table import Row, report  # noqa: E402

SIZE_TARGET_MB = 300.0
START_TARGET_S = 1.5
CHECK_TARGET_S = 15.0


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temporary folder)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pupitre-build-") as scratch:
        out = args.keep or Path(scratch)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                        "--distpath", str(out / "dist"), "--workpath", str(out / "work"),
                        str(ROOT / "packaging" / "pupitre.spec")], check=True, cwd=ROOT,
                       env={**os.environ, "PUPITRE_APP": "kiosk"})
        build_s = time.perf_counter() - started
        folder = out / "dist" / "pupitre-kiosk"
        files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
        size_mb = sum(p.stat().st_size for p in files) / 1e6
        archive = Path(scratch) / "pupitre-kiosk.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(folder, arcname=folder.name)
        packed_mb = archive.stat().st_size / 1e6
        exe = str(folder / ("pupitre-kiosk.exe" if os.name == "nt" else "pupitre-kiosk"))
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        timed([exe, "outbox", "--help"], env)  # the first start reads the folder from disk
        starts = [timed([exe, "outbox", "--help"], env) for _ in range(args.runs)]
        checks = [timed([exe, "--self-check"], env) for _ in range(max(1, args.runs // 2))]
    return report("Kiosk build (PyInstaller, one folder)", [
        Row("build time", build_s, None, "s"),
        Row(f"folder size ({len(files)} files)", size_mb, SIZE_TARGET_MB, "MB"),
        Row("packed as .tar.gz", packed_mb, None, "MB"),
        Row(f"start to an answer (outbox --help), median of {len(starts)}", statistics.median(starts),
            START_TARGET_S, "s"),
        Row(f"--self-check, median of {len(checks)}", statistics.median(checks), CHECK_TARGET_S, "s"),
    ])


if __name__ == "__main__":
    sys.exit(main())
