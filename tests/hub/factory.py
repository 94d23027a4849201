"""Real session packages for the hub's tests: a real bank, real exams run by the engine, signed bundles,
a signed device registry and a center-signed package — nothing a real center would not send.

Usable outside the tests too (``World``): ``World.create(folder)`` then ``world.package(...)``.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from itembank.cat import ItemPool
from itembank.pbank import OpenBank, build_bank, open_bank
from itembank.synth import synthetic_bank
from protocol.bundle import bundle_id
from protocol.envelope import SignedEnvelope
from protocol.keys import KeyPair, PublicKeys
from protocol.registry import DeviceEntry, raw_public, sign_registry
from protocol.session_package import build_package
from tests.itembank.test_audit import NOW, attempt, sign

SESSION_DATE = NOW.date()
PROFILE = "practice-short"


def candidate(n: int) -> dict[str, str]:
    return {"external_id": f"INE-{n:05d}", "last_name": f"Martin-{n}", "first_name": "Léa",
            "birth_date": f"{2000 + n % 9}-05-17"}


@dataclass
class Exam:
    """One finished exam: the signed bundle and what the package says of it."""

    bundle: SignedEnvelope
    result: dict[str, Any]


@dataclass
class World:
    """A publisher, a bank wrapped for a center and the hub, a center with one kiosk."""

    folder: Path
    publisher: KeyPair
    center: KeyPair
    kiosk: KeyPair
    hub: KeyPair
    bank_path: Path
    bank: OpenBank
    pool: ItemPool
    center_id: str = "0750001A"
    _exams: dict[tuple[int, int], Exam] = field(default_factory=dict)

    @classmethod
    def create(cls, folder: Path, hub: KeyPair | None = None, items: int = 320) -> World:
        folder.mkdir(parents=True, exist_ok=True)
        publisher, center, kiosk = KeyPair.generate("publisher"), KeyPair.generate("center"), KeyPair.generate("PC-07")
        hub = hub or KeyPair.generate("hub")
        bank_path = folder / "bank.pbank"
        build_bank(synthetic_bank(items, seed=5), bank_path, publisher, [center.public, hub.public], now=NOW)
        publisher.public.save(folder / "publisher.pub")
        center.public.save(folder / "center.pub")
        bank = open_bank(bank_path, [publisher.public], recipient=center, now=NOW)
        return cls(folder, publisher, center, kiosk, hub, bank_path, bank, ItemPool(bank.metas, bank.framework))

    def exam(self, n: int, seed: int | None = None, *, candidate_fields: dict[str, str] | None = None,
             signer: KeyPair | None = None, lie: bool = False) -> Exam:
        """Candidate ``n``'s exam (cached by ``n`` and seed): run by the real engine, signed by the kiosk."""
        seed = seed if seed is not None else 20261122 + n
        key = (n, seed)
        special = candidate_fields is not None or signer is not None or lie
        if key not in self._exams or special:
            who = candidate_fields or candidate(n)
            summary, steps = attempt(self.bank, self.pool, PROFILE, seed=seed, theta=0.3, neutralise=(), lie=lie)
            checked = {**summary["candidate"], "last_name": who["last_name"], "first_name": who["first_name"],
                       "birth_date": who["birth_date"]}
            summary["candidate"] = checked
            summary["mode"] = "exam"
            for kind, payload in steps:
                if kind == "attempt-created":
                    payload["mode"] = "exam"
                if kind == "checked-in":
                    payload["candidate"] = checked
            bundle = sign(summary, steps, signer or self.kiosk)
            result = summary["result"]
            level = (None if result["level"] is None
                     else self.bank.profile(PROFILE).scoring.levels[result["level"]].code)
            exam = Exam(bundle, {"attempt": summary["attempt_id"], "bundle": bundle_id(bundle), "outcome": "finished",
                                 "candidate": who, "score": result["score"], "level": level, "abort_reason": None,
                                 "comment": ""})
            if special:
                return exam
            self._exams[key] = exam
        return copy.deepcopy(self._exams[key])

    def registry(self, devices: list[KeyPair] | None = None, signer: KeyPair | None = None) -> SignedEnvelope:
        entries = [DeviceEntry(k.public.signing_id, k.name, raw_public(k.public.signing), NOW - dt.timedelta(days=30))
                   for k in (devices or [self.kiosk])]
        return sign_registry(self.center_id, entries, NOW, signer or self.center)

    def package(self, exams: list[Exam], *, session_id: str = "2026-1122-B12", extra_results: list[dict] = (),
                registry: SignedEnvelope | None = None, signer: KeyPair | None = None,
                center_id: str | None = None, codes: dict[str, str] | None = None,
                date: dt.date = SESSION_DATE) -> bytes:
        results = []
        for exam in exams:
            entry = dict(exam.result)
            if codes and entry["attempt"] in codes:
                entry["verification_code"] = codes[entry["attempt"]]
            results.append(entry)
        results += list(extra_results)
        return build_package(
            center_keys=signer or self.center, center_id=center_id or self.center_id,
            center_name="Lycée Victor Hugo",
            session={"id": session_id, "date": date.isoformat(), "room": "Salle B12", "invigilators": ["Mme Roy"],
                     "bank": {"id": self.bank.id, "sha256": "ab" * 32}, "profile": PROFILE,
                     "finalised_by": "Mme Roy"},
            results=results, bundles=[e.bundle for e in exams], registry=registry or self.registry(),
            created_at=NOW + dt.timedelta(hours=3))

    @property
    def center_public(self) -> PublicKeys:
        return self.center.public

    def resign(self, exam: Exam, change: Callable[[dict[str, Any]], None], signer: KeyPair | None = None) -> Exam:
        """The exam with its bundle changed by ``change`` (on the signed part) and signed again by the kiosk."""
        signed = copy.deepcopy(exam.bundle.signed)
        change(signed)
        bundle = SignedEnvelope.create(signed, signer or self.kiosk)
        return Exam(bundle, {**exam.result, "bundle": bundle_id(bundle)})
