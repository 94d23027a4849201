"""The bank delivered with the authorisation: how long an enrolled kiosk waits for it (ADR 0025).

A real console (``invigilator.server.ConsoleServer`` over TLS 1.3 on 127.0.0.1, its store on
SQLite) serves a synthetic bank of ``--items`` items; a kiosk enrolled with it (the real
enrolment) receives an authorisation carrying the bank, its key wrapped for the kiosk and its
publisher, and ``kiosk.link.delivery.BankDelivery`` does what the sync worker does: download
(resumable, to the cache), SHA-256, publisher check, unwrap, open. Measured, median of
``--rounds``: the first delivery (nothing cached), a delivery when the file is cached but not
open (a second candidate after a restart of the kiosk software), and a restart's reopening from
the cache with the key kept for the device.

Targets (loopback): a first delivery of a 2,000-item bank ≤ 2 s; from the cache ≤ 0.5 s.

    python bench/room_bank.py [--items 2000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _table import Row, report

TARGET_FIRST_S = 2.0
TARGET_CACHED_S = 0.5


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    from invigilator.core.center import Bank, Center, SessionStatus, TrustedPublisher
    from invigilator.core.commands import CommandKind
    from invigilator.core.roster import Candidate
    from invigilator.server import CenterIdentity, ConsoleIdentity, ConsoleServer, RoomService
    from invigilator.store import RoomStore
    from invigilator.tls import certificate_statement, create_console_tls
    from itembank.pbank import build_bank, open_bank
    from itembank.synth import synthetic_bank
    from kiosk.core.commands import RoomCommand
    from kiosk.device import load_or_create_device
    from kiosk.link.counter import RequestCounter
    from kiosk.link.delivery import BankDelivery
    from kiosk.link.enrolment import enrol
    from kiosk.link.signer import DeviceSigner
    from kiosk.link.transport import ConsoleConnection
    from kiosk.link.worker import read_command
    from protocol.keys import KeyPair, ScryptParams
    from protocol.room import PATH_SYNC, SyncResponse

    tmp = Path(tempfile.mkdtemp(prefix="pupitre-room-bank-"))
    server = store = None
    try:
        publisher = KeyPair.generate("Éditeur")
        path = build_bank(synthetic_bank(args.items, seed=1, bank_id="bench"), tmp / "bench.pbank", publisher,
                          passphrase="bench", scrypt=ScryptParams(n=2**14))
        with open_bank(path, [publisher.public], passphrase="bench") as bank:
            content_key = bank.content_key
        console_dir = tmp / "console"
        console_dir.mkdir()
        tls = create_console_tls(console_dir, "C-BENCH")
        center_keys = KeyPair.generate("center")
        center = CenterIdentity("C-BENCH", "Centre", center_keys.public, center_keys,
                                certificate_statement(tls, "C-BENCH", center_keys))
        store = RoomStore.open(f"sqlite:///{tmp / 'console.sqlite'}", console_dir)
        store.sessions.set_center(Center("C-BENCH", "Centre", center_keys.public.signing_id))
        t = now()
        store.sessions.trust_publisher(TrustedPublisher(publisher.public.signing_id, "Éditeur",
                                                        publisher.public.public_dict()["ed25519"], t))
        store.sessions.add_bank(Bank("bench", "Bench", publisher.public.signing_id,
                                     hashlib.sha256(path.read_bytes()).hexdigest(), t))
        exam = store.sessions.create_session("bench", "certification", t.date(), "Salle", t, random.Random(1))
        store.sessions.set_status(exam.id, SessionStatus.OPEN, t)
        store.sessions.add_candidates([Candidate("cand-1", exam.id, "Martin", "Léa", dt.date(2009, 5, 17))])
        service = RoomService(store, center, ConsoleIdentity(tls.pin, tls.certificate_pem), now,
                              {"bench": path}.get, {"bench": content_key}.get)
        server = ConsoleServer(service, tls, port=0)
        server.start()
        device_dir = tmp / "kiosk" / "device"
        device = load_or_create_device(tmp / "kiosk", name="PC 01", machine_secret=lambda: None)
        code, _ = store.kiosks.issue_enrolment_code(now(), random.SystemRandom())
        pairing = enrol(f"127.0.0.1:{server.port}", code, public=device.keypair.public, sign=device.keypair.sign,
                        name="PC 01", device_dir=device_dir, now=now)
        connection = ConsoleConnection(pairing, DeviceSigner(device.keypair, RequestCounter(
            device_dir, lambda: time.time_ns() // 1000), now))

        def authorisation() -> RoomCommand:
            """A fresh authorisation (its own command id, so its own wrapped key), as the worker reads it."""
            issued = store.commands.issue(CommandKind.AUTHORISE_START, device.key_id, {"candidate_id": "cand-1"}, now(),
                                          "bench").command
            body = {"status": {"state": "awaiting-authorisation"}, "attempts": [], "acknowledged": []}
            response = SyncResponse.from_dict(connection.post(PATH_SYNC, body, "sync answer"))
            store.commands.acknowledge(device.key_id, [issued.id], now())
            envelope = next(e for e in response.commands if e.signed["id"] == issued.id)
            return read_command(envelope, pairing.center_keys, pairing.center_id, device.key_id)

        first, cached, reopened = [], [], []
        for _ in range(args.rounds):
            shutil.rmtree(tmp / "kiosk" / "banks", ignore_errors=True)
            command = authorisation()
            delivery = BankDelivery(tmp / "kiosk", device.unwrap)
            start = time.perf_counter()
            delivered = delivery.prepare(connection, command)
            first.append(time.perf_counter() - start)
            delivery.close()
            delivery = BankDelivery(tmp / "kiosk", device.unwrap)
            command = authorisation()
            start = time.perf_counter()
            delivery.prepare(connection, command)
            cached.append(time.perf_counter() - start)
            delivery.close()
            delivery = BankDelivery(tmp / "kiosk", device.unwrap)
            start = time.perf_counter()
            delivery.reopen(delivered.source)
            reopened.append(time.perf_counter() - start)
            delivery.close()
        connection.close()
        size_mb = path.stat().st_size / 1e6
        return report(f"The bank over the LAN: a {args.items}-item bank ({size_mb:.1f} MB), median of {args.rounds}", [
            Row("first delivery (download, SHA-256, publisher, unwrap, open)", statistics.median(first),
                TARGET_FIRST_S if args.items <= 2000 else None, "s"),
            Row("delivery from the cache (SHA-256, publisher, unwrap, open)", statistics.median(cached),
                TARGET_CACHED_S if args.items <= 2000 else None, "s"),
            Row("restart: reopen from the cache with the kept key", statistics.median(reopened),
                TARGET_CACHED_S if args.items <= 2000 else None, "s"),
        ])
    finally:
        if server is not None:
            server.stop()
        if store is not None:
            store.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
