"""A console's store filled with a room, through the store's own functions: kiosks in every state,
journals whose entries raise real alerts, a roster to name the candidates.

Used by the window's tests, ``bench/console_dashboard.py`` and ``docs/screenshots/console/make.py``.
Kiosks are written straight into the kiosks table with real device keys (enrolment has its own
tests; 300 enrolment codes would cost 300 scrypt runs); everything after that — statuses, journal
entries, alerts — goes through the store as the server would write it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from invigilator.app import Console
from invigilator.core.kiosks import KioskStatus
from invigilator.core.roster import Candidate
from invigilator.store.schema import KioskRow
from invigilator.tls import create_console_tls
from protocol.journal_chain import ChainEntry, entry_hash, genesis_hash
from protocol.keys import KeyPair

PASSPHRASE = "phrase du centre de test"
CENTER_ID, CENTER_NAME = "0750001A", "Lycée Victor Hugo"
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
              "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
              "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
              "N'Diaye", "Nguyen", "Benali", "Da Silva", "Haddad", "Kowalski"]
FIRST_NAMES = ["Léa", "Hugo", "Chloé", "Lucas", "Manon", "Nathan", "Inès", "Enzo", "Camille", "Louis", "Sarah",
               "Jules", "Awa", "Mohamed", "Zoé", "Yanis", "Emma", "Adam", "Jade", "Rayan"]


def make_console(data_dir: Path, clock: Any, *, tls: bool = False, db_url: str | None = None) -> tuple[Console,
                                                                                                      KeyPair]:
    """An initialised console (center keys sealed by :data:`PASSPHRASE`), with its TLS files if asked."""
    console = Console(data_dir, db_url, clock=clock, rng=random.Random(5))
    _, keys = console.init_center(CENTER_ID, CENTER_NAME, PASSPHRASE)
    if tls:
        create_console_tls(data_dir, CENTER_ID, clock())
    return console, keys


@dataclass
class Journal:
    """A kiosk's attempt journal as the kiosk writes it: hash-chained entries, in order."""

    attempt_id: str
    head: str = ""
    seq: int = 0
    start: dt.datetime | None = None

    def entries(self, kinds: list[tuple[str, dict[str, Any]]], at: dt.datetime, skew: float = 0.0) -> list[ChainEntry]:
        made = []
        prev = self.head or genesis_hash(self.attempt_id)
        for kind, payload in kinds:
            self.seq += 1
            t_wall = (at + dt.timedelta(seconds=skew)).isoformat()
            h = entry_hash(self.seq, prev, float(self.seq), t_wall, kind, payload)
            made.append(ChainEntry(self.seq, prev, float(self.seq), t_wall, kind, payload, h))
            prev = h
        self.head = prev
        return made


class Room:
    """A room written into a console's store."""

    def __init__(self, console: Console, session_id: str | None = None):
        self.console = console
        self.store = console.store
        self.session_id = session_id
        self.journals: dict[str, Journal] = {}
        self.names: dict[str, str] = {}
        self.candidates: dict[str, str | None] = {}

    def add_kiosk(self, name: str, at: dt.datetime) -> str:
        keys = KeyPair.generate(name)
        raw = keys.public.public_dict()
        kid = keys.public.signing_id
        with self.store.db.transaction() as session:
            session.add(KioskRow(id=kid, name=name, signing_public=raw["ed25519"], wrapping_public=raw["x25519"],
                                 enrolled_at=at, last_counter=0))
        self.names[kid] = name
        return kid

    def add_candidates(self, count: int, session_id: str) -> list[Candidate]:
        people = [Candidate(f"cand-{n:03d}", session_id, LAST_NAMES[n % len(LAST_NAMES)],
                            FIRST_NAMES[(n * 7) % len(FIRST_NAMES)], dt.date(2008, 1 + n % 12, 1 + n % 28),
                            f"INE-{n:05d}") for n in range(count)]
        self.store.sessions.add_candidates(people)
        return people

    def status(self, kid: str, at: dt.datetime, state: str, candidate: str | None = None, question: int | None = None,
               total: int | None = 32, seconds_left: float | None = None, focused: bool = True) -> None:
        journal = self.journals.get(kid)
        self.candidates[kid] = candidate
        self.store.kiosks.heard(kid, at, KioskStatus(state, candidate, journal.attempt_id if journal else None,
                                                     question, total if question is not None else None,
                                                     seconds_left, focused))

    def journal(self, kid: str, at: dt.datetime, kinds: list[tuple[str, dict[str, Any]]], *,
                received: dt.datetime | None = None, skew: float = 0.0) -> None:
        """Append entries to the kiosk's journal replica as a sync would (alerts raised by the store)."""
        journal = self.journals.setdefault(kid, Journal(f"attempt-{kid[:12]}"))
        entries = journal.entries(kinds, at, skew)
        self.store.replicas.append(kid, journal.attempt_id, entries, received or at)

    def start_test(self, kid: str, at: dt.datetime, candidate: Candidate, questions: int = 0) -> None:
        """Check-in, authorisation, start and ``questions`` questions treated, a second apart."""
        kinds: list[tuple[str, dict[str, Any]]] = [
            ("attempt-created", {"attempt_id": f"attempt-{kid[:12]}", "mode": "exam"}),
            ("checked-in", {"candidate": {"last_name": candidate.last_name, "first_name": candidate.first_name},
                            "locale": "fr"}),
            ("authorisation-requested", {"resume": False}),
            ("authorised", {"by": "Mme Roy", "resume": False}),
            ("test-started", {"length": 32, "allowed_s": 6300}),
        ]
        for n in range(1, questions + 1):
            kinds += [("question-shown", {"number": n, "item_id": f"1.{n % 3 + 1}-{n:02d}"}),
                      ("answered", {"number": n, "item_id": f"1.{n % 3 + 1}-{n:02d}", "outcome": "ok"})]
        self.journal(kid, at, kinds)


def exam_day(console: Console, now: dt.datetime, kiosks: int = 12) -> Room:
    """A room in the middle of an exam: kiosks in a test, one paused, one waiting, one silent, one locked,
    a focus loss on a focus question, a problem report, a guard warning, a journal that does not continue."""
    from invigilator.core.center import Bank, TrustedPublisher

    store = console.store
    publisher = KeyPair.generate("Éditions Pupitre")
    store.sessions.trust_publisher(TrustedPublisher(publisher.public.signing_id, "Éditions Pupitre",
                                                    publisher.public.public_dict()["ed25519"], now))
    store.sessions.add_bank(Bank("demo-crcn", "Banque de démonstration", publisher.public.signing_id, "0" * 64, now))
    session = store.sessions.create_session("demo-crcn", "certification", now.date(), "Salle B12", now,
                                            random.Random(3), session_id="2026-0615-B12", invigilators=("Mme Roy",))
    room = Room(console, session.id)
    people = room.add_candidates(kiosks, session.id)
    ids = [room.add_kiosk(f"Poste {n + 1:02d}", now - dt.timedelta(hours=1)) for n in range(kiosks)]
    earlier = now - dt.timedelta(minutes=20)
    for n, kid in enumerate(ids):
        person = people[n]
        if n == 0:  # waiting for its authorisation
            room.journal(kid, earlier, [("attempt-created", {"attempt_id": f"attempt-{kid[:12]}"}),
                                        ("checked-in", {"candidate": {"last_name": person.last_name,
                                                                      "first_name": person.first_name}}),
                                        ("authorisation-requested", {"resume": False})])
            room.status(kid, now - dt.timedelta(seconds=1), "awaiting-authorisation", person.id)
            continue
        if n == kiosks - 1:  # switched on, nobody there yet
            room.status(kid, now - dt.timedelta(seconds=1), "idle")
            continue
        room.start_test(kid, earlier, person, questions=n + 2)
        question = n + 3
        left = max(300, 6300 - 60 * (n + 12) % 6000)
        if n == 1:  # a focus question left for another application
            room.journal(kid, now - dt.timedelta(seconds=40), [
                ("question-shown", {"number": question, "item_id": "4.2-07"}),
                ("focus-lost", {"number": question, "item_id": "4.2-07", "counted": True,
                                "detail": "fenêtre « Firefox »"}),
                ("focus-regained", {"number": question, "implicit": False})])
            room.status(kid, now - dt.timedelta(seconds=1), "question", person.id, question, seconds_left=left)
        elif n == 2:  # a problem report
            room.journal(kid, now - dt.timedelta(seconds=90), [
                ("question-shown", {"number": question, "item_id": "3.1-12"}),
                ("problem-reported", {"number": question, "item_id": "3.1-12",
                                      "comment": "L'image ne s'affiche pas"})])
            room.status(kid, now - dt.timedelta(seconds=1), "problem-reported", person.id, question,
                        seconds_left=left)
        elif n == 3:  # silent for 20 s: red, and the offline alert
            room.status(kid, now - dt.timedelta(seconds=20), "question", person.id, question, seconds_left=left)
        elif n == 4:  # silent for 8 s: amber
            room.status(kid, now - dt.timedelta(seconds=8), "question", person.id, question, seconds_left=left)
        elif n == 5:  # paused by the invigilator
            room.journal(kid, now - dt.timedelta(minutes=2), [("paused", {"by": "Mme Roy", "reason": "toilettes"})])
            room.status(kid, now - dt.timedelta(seconds=1), "paused", person.id, question, seconds_left=left)
        elif n == 6:  # a guard warning
            room.journal(kid, now - dt.timedelta(seconds=70), [
                ("guard", {"severity": "warning", "finding": "capture d'écran", "what": "gnome-screenshot"})])
            room.status(kid, now - dt.timedelta(seconds=2), "question", person.id, question, seconds_left=left)
        elif n == 7 and kiosks > 9:  # a journal that does not continue the console's copy
            journal = room.journals[kid]
            forged = Journal(journal.attempt_id, "f" * 64, journal.seq)
            room.store.replicas.append(kid, journal.attempt_id,
                                       forged.entries([("question-shown", {"number": question})], now), now)
            room.status(kid, now - dt.timedelta(seconds=1), "question", person.id, question, seconds_left=left)
        elif n == 8 and kiosks > 10:  # locked
            room.journal(kid, now - dt.timedelta(minutes=1), [("locked", {"reason": "invigilator"})])
            room.status(kid, now - dt.timedelta(seconds=1), "locked", person.id, question, seconds_left=left)
        else:
            room.status(kid, now - dt.timedelta(seconds=1 + n % 3), "question", person.id, question,
                        seconds_left=left)
    store.kiosks.sweep_offline(now)
    return room
