"""The whole room as a demo: a console and three kiosks on this computer, enrolled, with a session.

``./run room`` (or ``./run demo --room``) runs this script. It prepares, in ``build/room-demo``
(made afresh each time):

1. a console data folder: the center (demo passphrase below), the demo publisher trusted, the demo
   bank built from ``assets/banks/demo-crcn`` for this center's key and imported (verified), a
   session for today with its access code, a roster of three candidates, opened for check-in;
2. three kiosk data folders, each with its unlock code, enrolled with the console over loopback
   with a one-time code (``pupitre-kiosk enrol``), as a technician does in a room;

then starts the console's window (its room server inside, on 127.0.0.1) and the three kiosks in
exam mode, each in a window. What a candidate types at check-in is printed here.

The kiosks run with a guard that leaves this computer alone: no program is prohibited (nothing of
yours is ended), no keyboard grab, no blanking of other screens, the clipboard and the screen
saver untouched; the focus watch stays on, so leaving a kiosk's window on a focus question shows
as an alert on the console. A real room uses the profile's policy (docs/kiosk.md).

Demo secrets (public on purpose): center passphrase ``pupitre-demo-room``, kiosks' unlock code
``1234-5678``.

    .venv/bin/python packaging/room_demo.py [--kiosks 3] [--dry-run]
    .venv/bin/python packaging/room_demo.py kiosk --data-dir DIR --bank FILE --key FILE --trust PUB  (one kiosk)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CENTER_PASSPHRASE = "pupitre-demo-room"
UNLOCK_CODE = "1234-5678"
DEMO_DIR = ROOT / "build" / "room-demo"
CANDIDATES = [("Martin", "Léa", "2009-05-17", 0, ""), ("N'Diaye", "Awa", "2008-03-17", 35, "screen reader"),
              ("Dubois", "Hugo", "2007-11-02", 0, "")]
# the kiosks' guard in the demo: the focus watch on, nothing done to the rest of this computer
DEMO_GUARD = {"processes": {"prohibited_categories": []}, "keyboard": False, "screens": "allow",
              "remote_session": "warn", "virtual_machine": "warn", "clipboard": False, "screen_saver_off": False,
              "shell": False}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, timeout: float, process: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def plan(kiosks: int) -> list[str]:
    return [f"prepare a console in {DEMO_DIR / 'console'}: the center, the demo publisher trusted, the demo bank "
            "built for this center and imported, a session for today with its access code, three candidates",
            f"prepare {kiosks} kiosks in {DEMO_DIR}/poste-NN, each with the unlock code {UNLOCK_CODE}, and enrol "
            "them with the console over 127.0.0.1 with one-time codes",
            "start the console's window (its room server on 127.0.0.1) and the kiosks in exam mode, each in a "
            "window, with a guard that leaves this computer alone (nothing ended, no keyboard grab)"]


def prepare_console(data_dir: Path, kiosks: int) -> tuple[object, object, object]:
    from invigilator.app import Console
    from invigilator.core.roster import Candidate
    from invigilator.tls import create_console_tls
    from itembank.authoring import load_source
    from itembank.demo import DEMO_KEYS, DEMO_SOURCE, demo_publisher
    from itembank.pbank import build_bank
    from protocol.keys import PublicKeys

    console = Console(data_dir, rng=random.SystemRandom())
    center, _keys = console.init_center("DEMO-0001", "Centre de démonstration", CENTER_PASSPHRASE)
    create_console_tls(data_dir, center.id, console.now())
    console.trust_publisher(DEMO_KEYS / "demo-publisher.pub")
    source = load_source(DEMO_SOURCE)
    bank_file = build_bank(source, DEMO_DIR / f"{source.meta.id}-room.pbank", demo_publisher(),
                           recipients=[PublicKeys.load(console.center_pub_path)])
    bank = console.import_bank(Path(bank_file), CENTER_PASSPHRASE)
    today = dt.date.today()
    session = console.store.sessions.create_session(bank.id, "certification", today, "Salle de démo",
                                                    console.now(), console.rng, session_id=f"{today:%Y%m%d}-DEMO",
                                                    invigilators=("Démo",))
    people = [Candidate(f"demo-{n + 1}", session.id, last, first, dt.date.fromisoformat(born), f"INE-DEMO-{n + 1}",
                        extra, tuple(a for a in [accommodation] if a))
              for n, (last, first, born, extra, accommodation) in enumerate(CANDIDATES[:kiosks])]
    console.store.sessions.add_candidates(people)
    from invigilator.core.center import SessionStatus

    session = console.store.sessions.set_status(session.id, SessionStatus.OPEN, console.now())
    return console, session, people


def kiosk_command(data_dir: Path, bank: Path, key: Path) -> list[str]:
    from itembank.demo import DEMO_KEYS

    return [sys.executable, str(Path(__file__).resolve()), "kiosk", "--data-dir", str(data_dir), "--bank", str(bank),
            "--key", str(key), "--trust", str(DEMO_KEYS / "demo-publisher.pub")]


def run_room(kiosks: int) -> int:
    if DEMO_DIR.exists():
        shutil.rmtree(DEMO_DIR)
    DEMO_DIR.mkdir(parents=True)
    console_dir = DEMO_DIR / "console"
    print("Preparing the room (a few seconds)…", flush=True)
    console, session, people = prepare_console(console_dir, kiosks)
    port = free_port()
    env = {**os.environ, "PUPITRE_CENTER_PASSPHRASE": CENTER_PASSPHRASE, "PUPITRE_UNLOCK_CODE": UNLOCK_CODE,
           "PUPITRE_KEY_PASSPHRASE": CENTER_PASSPHRASE}
    processes: list[subprocess.Popen[bytes]] = []
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # the kiosks and the console are stopped below
    try:
        window = subprocess.Popen([sys.executable, "-m", "invigilator", "--data-dir", str(console_dir), "window",
                                   "--listen", f"127.0.0.1:{port}"], env=env)
        processes.append(window)
        if not wait_port(port, 60, window):
            print("The console's window did not start its room server (see the messages above).", file=sys.stderr)
            return 1
        bank_file = console.bank_path(console.bank(session.bank_id).sha256)
        for n in range(kiosks):
            name = f"Poste {n + 1:02d}"
            folder = DEMO_DIR / f"poste-{n + 1:02d}"
            folder.mkdir()
            subprocess.run([sys.executable, "-m", "kiosk", "set-unlock-code", "--data-dir", str(folder)], env=env,
                           check=True, stdout=subprocess.DEVNULL)
            code, _ = console.store.kiosks.issue_enrolment_code(console.now(), console.rng)
            subprocess.run([sys.executable, "-m", "kiosk", "enrol", code, "--console", f"127.0.0.1:{port}",
                            "--name", name, "--data-dir", str(folder)], env=env, check=True)
            processes.append(subprocess.Popen(kiosk_command(folder, bank_file, console.center_key_path), env=env))
        print()
        print(f"Session number: {session.id}    access code: {session.access_code}")
        for n, person in enumerate(people):
            print(f"  Poste {n + 1:02d}: {person.last_name} {person.first_name}, born "
                  f"{person.birth_date.strftime('%d/%m/%Y')}")
        print(f"Center passphrase (asked by the console if needed): {CENTER_PASSPHRASE}; "
              f"kiosks' unlock code: {UNLOCK_CODE}")
        print("Close the console's window to end the demo.", flush=True)
        console.close()
        window.wait()
        return 0
    except KeyboardInterrupt:
        return 130
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        console.close()


def run_kiosk(args: argparse.Namespace) -> int:
    """One kiosk in exam mode, windowed, with the demo's guard (the kiosk's own start-up otherwise)."""
    from kiosk.app import QtStart
    from kiosk.exam import ExamApp, build_exam, require_unlock_code
    from kiosk.guard import restore_after_crash
    from kiosk.guard.data_lock import DataFolderLock
    from kiosk.guard.policy import GuardPolicy

    data_dir = args.data_dir
    lock = DataFolderLock(data_dir)
    lock.acquire()
    restored = restore_after_crash(data_dir)
    gate = require_unlock_code(data_dir)
    options = argparse.Namespace(bank=args.bank, key=args.key, trust=args.trust, key_passphrase_file=None,
                                 passphrase_file=None, profile=None, keeper=False, data_dir=data_dir, windowed=True,
                                 locale="fr")
    kiosk = build_exam(options, data_dir, gate)
    qt = QtStart("fr")
    ui = ExamApp(kiosk, qt=qt, windowed=True, restored=restored, policy=GuardPolicy.from_dict(DEMO_GUARD))
    ui.start()
    signal.signal(signal.SIGTERM, lambda *_: ui.app.quit())
    try:
        return ui.app.exec()
    finally:
        ui.close()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["kiosk"]:
        parser = argparse.ArgumentParser(prog="room_demo.py kiosk")
        parser.add_argument("--data-dir", type=Path, required=True)
        parser.add_argument("--bank", type=Path, required=True)
        parser.add_argument("--key", type=Path, required=True)
        parser.add_argument("--trust", type=Path, action="append", required=True)
        return run_kiosk(parser.parse_args(argv[1:]))
    parser = argparse.ArgumentParser(prog="room_demo.py", description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=3, choices=range(1, len(CANDIDATES) + 1))
    parser.add_argument("--dry-run", action="store_true", help="say what the demo does, start nothing")
    args = parser.parse_args(argv)
    if args.dry_run:
        for step, text in enumerate(plan(args.kiosks), start=1):
            print(f"{step}. {text}")
        return 0
    return run_room(args.kiosks)


if __name__ == "__main__":
    sys.exit(main())
