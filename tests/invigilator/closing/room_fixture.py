"""A console with a real center, bank, session, roster and enrolled kiosks, and attempts played by the real engine.

Attempts reach the console the way they do in a room: the journal is merged into the replica
(``ReplicaStore.append``) and the signed bundle goes through the server's ``receive_bundle`` (the
pinned key, the replica, the audit), which keeps it with its receipt in ``results/``.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
from pathlib import Path
from typing import Any

from invigilator.app import Console
from invigilator.core.center import SessionStatus
from invigilator.core.codes import code_verifier, enrolment_proof
from invigilator.core.kiosks import KioskStatus
from invigilator.core.roster import Candidate
from invigilator.server.results import ResultFiles, receive_bundle
from invigilator.store import KioskKeys
from itembank.cat import ItemPool
from itembank.pbank import build_bank
from itembank.synth import synthetic_bank
from protocol.bundle import make_bundle
from protocol.journal_chain import link
from protocol.keys import KeyPair, PublicKeys

_spec = importlib.util.spec_from_file_location(
    "audit_cases_closing", Path(__file__).parents[2] / "itembank" / "test_audit.py")
assert _spec is not None and _spec.loader is not None
audit_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit_cases)

PASSPHRASE = "center secret phrase"
PIN = "cd" * 32
T0 = dt.datetime(2026, 6, 15, 8, 0, tzinfo=dt.UTC)
SESSION = "S-2026-0615"


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, seconds: float = 1.0) -> dt.datetime:
        self.now += dt.timedelta(seconds=seconds)
        return self.now


class ConsoleRoom:
    """One console data folder: center keys, a trusted publisher, an imported bank, an open session."""

    def __init__(self, root: Path, publisher: KeyPair, db_url: str | None = None):
        self.root, self.clock = root, Clock()
        self.console = Console(root / "console", db_url=db_url, clock=self.clock, rng=random.Random(7))
        _, self.keys = self.console.init_center("0750001A", "Lycée Test", PASSPHRASE)
        publisher.public.save(root / "publisher.pub")
        self.console.trust_publisher(root / "publisher.pub")
        center = PublicKeys.load(self.console.center_pub_path)
        build_bank(synthetic_bank(320, seed=5), root / "bank.pbank", publisher, recipients=[center])
        self.bank = self.console.import_bank(root / "bank.pbank", PASSPHRASE)
        self.open_bank = self.console.bank_opener(self.keys)
        self.pool = ItemPool(self.open_bank(self.bank.id).metas, self.open_bank(self.bank.id).framework)
        store = self.console.store
        store.sessions.create_session(self.bank.id, "certification", dt.date(2026, 6, 15), "Salle B12", T0,
                                      random.Random(3), session_id=SESSION, invigilators=("Mme Roy", "M. Blanc"))
        store.sessions.set_status(SESSION, SessionStatus.OPEN, T0)
        self.kiosk_keys: dict[str, KeyPair] = {}

    @property
    def store(self) -> Any:
        return self.console.store

    def add_candidates(self, *names: tuple[str, str, dt.date]) -> list[Candidate]:
        candidates = [Candidate.create(f"cand-{i}", SESSION, last, first, born, external_id=f"INE-{i}")
                      for i, (last, first, born) in enumerate(names, start=1)]
        self.store.sessions.add_candidates(candidates)
        return candidates

    def enrol(self, name: str) -> str:
        text, _ = self.store.kiosks.issue_enrolment_code(self.clock(), random.Random(len(self.kiosk_keys) + 11))
        keys = KeyPair.generate(name)
        kiosk_keys = KioskKeys.of(keys.public)
        proof = enrolment_proof(code_verifier(text), "kiosk", kiosk_keys.signing_public, PIN)
        kiosk = self.store.kiosks.enrol(proof, kiosk_keys, PIN, name, self.clock()).kiosk
        self.kiosk_keys[kiosk.id] = keys
        self.store.kiosks.heard(kiosk.id, self.clock(), KioskStatus("idle"))
        return kiosk.id

    def play(self, kiosk_id: str, candidate: Candidate, *, seed: int, end: str = "completed",
             stop_after: int | None = None, deliver: bool = True, finished: bool = True) -> str:
        """The candidate's attempt on ``kiosk_id``: its journal merged, and (``deliver``) its bundle received.

        ``finished`` False keeps only the journal up to the last answer (a kiosk that died mid-test).
        """
        bank = self.open_bank(self.bank.id)
        summary, steps = audit_cases.attempt(bank, self.pool, "certification", seed=seed, end=end,
                                             stop_after=stop_after, neutralise=())
        checked = {"last_name": candidate.last_name, "first_name": candidate.first_name,
                   "birth_date": candidate.birth_date.isoformat(), "session_number": SESSION,
                   "access_code": "PVXB89"}
        steps = [(k, {**p, "candidate": checked}) if k == "checked-in" else (k, p) for k, p in steps]
        summary = {**summary, "candidate": checked}
        attempt_id = summary["attempt_id"]
        if not finished:
            steps = [s for s in steps if s[0] != "finished"]
        entries = link(attempt_id, audit_cases.chain(attempt_id, steps))
        self.store.replicas.append(kiosk_id, attempt_id, entries, self.clock.tick())
        if finished and deliver:
            envelope = make_bundle(summary, audit_cases.chain(attempt_id, steps),
                                               self.kiosk_keys[kiosk_id], self.clock())
            kiosk = self.store.kiosks.kiosk(kiosk_id)
            receive_bundle(self.store, kiosk, self.kiosk_keys[kiosk_id].public, envelope, center_id="0750001A",
                           signer=self.keys, files=ResultFiles(self.console.data_dir / "results"),
                           open_bank=self.open_bank, exposure=lambda b: None, now=self.clock.tick())
        return attempt_id

    def set_state(self, kiosk_id: str, state: str, attempt_id: str | None = None,
                  candidate_id: str | None = None) -> None:
        self.store.kiosks.heard(kiosk_id, self.clock(), KioskStatus(state, candidate_id, attempt_id, 5, 32, 1200.0))

    def close(self) -> None:
        self.console.close()
