"""Real session packages for the upload tests and the ingest benchmark.

Each candidate sits a whole exam through the kiosk's own session (``kiosk.core.session.ExamSession``)
with the real adaptive engine on a synthetic bank built for the hub, answering as an IRT
candidate of drawn ability would; the journal is kept in memory (what the kiosk's SQLite journal
would hold, without its fsyncs) and the bundle is signed by the kiosk's device key with
``protocol.bundle.make_bundle``, as ``kiosk.outbox.BundleWriter`` does. The console's part follows:
the center's signed device registry and ``build_package``. Everything is deterministic from the
seeds, so a cache of generated packages (``--cache``) is valid as long as this file and the
engine are unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itembank.answers import reference_responses
from itembank.cat import AdaptiveTest, ItemPool
from itembank.model import ItemType
from itembank.pbank import OpenBank, build_bank, open_bank
from itembank.synth import synthetic_bank
from kiosk.core.candidate import Candidate
from kiosk.core.events import Event
from kiosk.core.session import AttemptInfo, AttemptMode, ExamSession, State
from kiosk.journal.sealing import SALT_FIELD, SEALED_KINDS
from protocol.bundle import bundle_id, make_bundle
from protocol.canonical import b64encode, canonical_bytes
from protocol.journal_chain import entry_hash, genesis_hash
from protocol.keys import KeyPair, PublicKeys
from protocol.registry import DeviceEntry, raw_public, sign_registry
from protocol.session_package import build_package
from tests.kiosk.fakes import FakeClock, ManualAuthority, MemoryJournal

SESSION_DAY = dt.date(2026, 11, 22)
REGISTERED = dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)
LAST_NAMES = ("Martin", "Bernard", "N'Diaye", "Dubois", "Nguyen", "Moreau", "Lefèvre", "Haddad", "Fontaine", "Roux")
FIRST_NAMES = ("Léa", "Hugo", "Awa", "Louis", "Inès", "Noah", "Chloé", "Yanis", "Jade", "Éloïse")


def build_hub_bank(folder: Path, publisher: KeyPair, hub: PublicKeys, center: PublicKeys, *, items: int = 320,
                   seed: int = 12) -> Path:
    """A synthetic bank the hub (and the center) can open."""
    folder.mkdir(parents=True, exist_ok=True)
    return build_bank(synthetic_bank(items, seed=seed), folder / "synth.pbank", publisher, recipients=[hub, center])


class ChainedJournal(MemoryJournal):
    """The kiosk journal's entries as ``kiosk.journal.attempt.AttemptJournal`` makes them (hash chain from the
    attempt's genesis, canonical bodies, salted answer entries), kept in memory."""

    def __init__(self, clock: FakeClock, attempt_id: str, rng: random.Random):
        super().__init__(clock)
        self.attempt_id, self._rng = attempt_id, rng

    def append(self, kind: str, payload: dict[str, Any]) -> Event:
        body = json.loads(canonical_bytes(dict(payload)))
        if kind in SEALED_KINDS:
            body[SALT_FIELD] = b64encode(self._rng.randbytes(16))
        prev = self.events[-1].hash if self.events else genesis_hash(self.attempt_id)
        t_mono = float(self.clock.monotonic())
        t_wall = self.clock.now().astimezone(dt.UTC).isoformat()
        seq = len(self.events) + 1
        event = Event(seq, kind, body, t_mono, dt.datetime.fromisoformat(t_wall),
                      entry_hash(seq, prev, t_mono, t_wall, kind, body))
        self.events.append(event)
        return event


class _Sink:
    def __init__(self, keys: KeyPair, clock: FakeClock):
        self.keys, self.clock = keys, clock
        self.bundle: bytes | None = None
        self.summary: dict[str, Any] | None = None

    def submit(self, summary: Any, events: Any) -> str:
        self.summary = dict(summary)
        self.bundle = make_bundle(summary, events, self.keys, self.clock.now()).to_bytes()
        return bundle_id(self.bundle)[:8]


def _answer(item: Any, theta: float, rng: random.Random) -> Any:
    """What a candidate of ability ``theta`` answers: right with the item's 2PL probability."""
    irt = getattr(item, "irt", None)
    a, b = (getattr(irt, "a", 1.0), getattr(irt, "b", 0.0)) if irt is not None else (1.0, 0.0)
    if rng.random() < 1.0 / (1.0 + math.exp(-a * (theta - b))):
        return reference_responses(item, "fr")[0]
    if item.type is ItemType.QCU:
        return next(k for k in item.proposal_keys if k != item.solution[0])
    if item.type is ItemType.QCM:
        return [k for k in item.proposal_keys if k not in item.solution][:1]
    return {f.key: "zzz" for f in item.fields}


@dataclass(frozen=True)
class Sitting:
    attempt: str
    bundle: bytes
    result: dict[str, Any]


class ExamRoom:
    """One center's kiosks sitting candidates on one opened bank."""

    def __init__(self, bank: OpenBank, profile: str = "certification", kiosks: int = 4, seed: int = 1):
        self.bank = bank
        self.profile = bank.profile(profile)
        self.pool = ItemPool.build(bank.metas, bank.framework)
        rng = random.Random(seed)
        self.kiosks = [KeyPair.generate(f"PC-{n:02d}", REGISTERED) for n in range(1, kiosks + 1)]
        self._rng = rng

    def sit(self, attempt: str, candidate: Candidate, kiosk: KeyPair, seed: int, theta: float) -> Sitting:
        clock = FakeClock()
        clock.wall = dt.datetime.combine(SESSION_DAY, dt.time(9, 0), dt.UTC)
        sink = _Sink(kiosk, clock)
        rng = random.Random(seed)
        info = AttemptInfo(attempt, AttemptMode.EXAM, seed,
                           {"id": self.bank.id, "version": self.bank.meta.version,
                            "manifest_sha256": self.bank.manifest_sha256}, self.profile, kiosk.public.name)
        session = ExamSession(attempt=info, bank=self.bank,
                              engine_factory=lambda s: AdaptiveTest(self.pool, self.bank.framework, self.profile, s),
                              journal=ChainedJournal(clock, attempt, rng), clock=clock, authority=ManualAuthority(),
                              results=sink)
        session.open_check_in()
        session.submit_check_in(candidate, "fr")
        session.authorise(by="invigilator")
        session.environment_checked([])
        session.start_test()
        for _ in range(500):
            if session.state is State.FINISHED:
                break
            if session.state is State.FOCUS_WARNING:
                session.acknowledge_focus_warning()
                continue
            clock.advance(rng.uniform(8, 40))
            session.answer(_answer(session.question.item, theta, rng))
        session.submit()
        assert sink.bundle is not None and sink.summary is not None
        return Sitting(attempt, sink.bundle, dict(sink.summary.get("result") or {}))


def _candidate(n: int, session_id: str) -> tuple[Candidate, dict[str, str]]:
    last, first = LAST_NAMES[n % len(LAST_NAMES)], FIRST_NAMES[(n // 10) % len(FIRST_NAMES)]
    birth = dt.date(2000 + n % 9, 1 + n % 12, 1 + n % 28)
    external = f"INE-{session_id}-{n:03d}"
    return (Candidate(last, first, birth, session_id, "PVXB89"),
            {"external_id": external, "last_name": last, "first_name": first, "birth_date": birth.isoformat()})


def session_package(room: ExamRoom, center: KeyPair, center_id: str, session_id: str, candidates: int, *,
                    seed: int, report_pdf: bytes | None = None) -> bytes:
    """A whole session: ``candidates`` exams sat on the room's kiosks, packaged and signed by the center.

    ``session_id`` is the session number the candidates type at check-in (digits only)."""
    rng = random.Random(seed)
    bundles, results = [], []
    profile = room.profile
    for n in range(candidates):
        attempt = f"{session_id}-{n:03d}"
        candidate, fields = _candidate(n, session_id)
        sitting = room.sit(attempt, candidate, room.kiosks[n % len(room.kiosks)], rng.randrange(1, 2**31),
                           rng.gauss(0.0, 1.0))
        bundles.append(sitting.bundle)
        level = sitting.result.get("level")
        results.append({"attempt": attempt, "bundle": bundle_id(sitting.bundle), "outcome": "finished",
                        "candidate": fields, "score": sitting.result.get("score"),
                        "level": None if level is None else profile.scoring.levels[level].code,
                        "abort_reason": None, "comment": ""})
    devices = [DeviceEntry(k.public.signing_id, k.public.name or "PC", raw_public(k.public.signing), REGISTERED)
               for k in room.kiosks]
    registry = sign_registry(center_id, devices, REGISTERED, center)
    return build_package(center_keys=center, center_id=center_id, center_name="Lycée Test",
                         session={"id": session_id, "date": SESSION_DAY.isoformat(), "room": "B12",
                                  "invigilators": ["Mme Roy"],
                                  "bank": {"id": room.bank.id, "sha256": room.bank.manifest_sha256},
                                  "profile": profile.name, "finalised_by": "Mme Roy"},
                         results=results, bundles=bundles, registry=registry, report_pdf=report_pdf,
                         created_at=dt.datetime.combine(SESSION_DAY, dt.time(17, 0), dt.UTC))


def open_hub_bank(path: Path, publisher: PublicKeys, keys: KeyPair) -> Iterator[OpenBank]:
    with open_bank(path, [publisher], recipient=keys) as bank:
        yield bank


# -- a real hub and a console's outbox, wired for the upload tests -----------------------------------------
HUB_PASSPHRASE = "hub passphrase for tests"
CENTER_ID = "0750001A"


@dataclass
class Write:
    offset: int
    length: int
    conflict: bool


class HubUnderTest:
    """A hub initialised in ``root`` (SQLite unless ``db_url``), a bank it holds, one center enrolled; served on a
    thread by :meth:`serve`, or from the command line by the kill tests. Every chunk its service writes is
    recorded (offset, length, whether the offset was refused), to count what arrived twice."""

    def __init__(self, root: Path, center: KeyPair, publisher: KeyPair, db_url: str | None = None):
        from hub.banks import add_bank
        from hub.home import init_home
        from hub.store.centers import CenterStore
        from hub.store.database import open_database

        self.root = root
        self.home = init_home(root / "hub", "hub-test", HUB_PASSPHRASE, db_url)
        self.keys = self.home.unseal(HUB_PASSPHRASE)
        self.db_url = self.home.database_url()
        self.bank_path = build_hub_bank(root / "bank", publisher, self.keys.public, center.public)
        db = open_database(self.db_url)
        try:
            add_bank(db, self.bank_path, publisher.public, self.keys, REGISTERED)
            CenterStore(db).add(CENTER_ID, "Lycée Test", center.public, REGISTERED)
        finally:
            db.close()
        self.public_path = root / "hub.pub"
        self.keys.public.save(self.public_path)
        self.writes: list[Write] = []
        self.server: Any = None
        self.service: Any = None

    @property
    def pin(self) -> str:
        return self.home.pin

    def serve(self, **limits: Any) -> HubUnderTest:
        from hub.server.runner import HubServer, make_service

        self.service = make_service(self.home, self.keys, self.db_url)
        write = self.service.write

        def recording(center: Any, package: str, offset: int, data: bytes) -> Any:
            outcome = write(center, package, offset, data)
            self.writes.append(Write(offset, len(data), outcome.conflict))
            return outcome

        self.service.write = recording
        self.server = HubServer(self.service, self.home, **limits).start()
        return self

    @property
    def port(self) -> int:
        return int(self.server.port)

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
        if self.service is not None:
            self.service.banks.close()
            self.service.db.close()
            self.service = None

    def accepted(self) -> int:
        """Bytes written at the hub's own offset (each arrived once)."""
        return sum(w.length for w in self.writes if not w.conflict)


def console_for(data_dir: Path, hub: HubUnderTest, address: str, key_path: Path | None = None) -> Path:
    """A console data folder whose hub is ``address`` (``127.0.0.1:PORT``, the hub itself or a proxy)."""
    from invigilator.hub_config import save_config

    data_dir.mkdir(parents=True, exist_ok=True)
    save_config(data_dir, f"https://{address}", hub.pin, key_path or hub.public_path, None)
    return data_dir


def queue(data_dir: Path, data: bytes) -> str:
    from protocol.atomicfile import write_atomic
    from protocol.session_package import package_id

    folder = data_dir / "outbox"
    folder.mkdir(parents=True, exist_ok=True)
    package = package_id(data)
    write_atomic(folder / f"{package}.ppkg", data, mode=0o640)
    return package
