"""The center's exposure record at the kiosk, end to end: the console sends its record of the bank with the
authorisation, the kiosk's engine honours r_max across the room's candidates, the bundle carries the record,
and the audit replays with it (MATCH); a bundle that states another record does not audit (ADR 0004, 0020)."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

from itembank.audit import audit_bundle
from itembank.cat import AdaptiveTest, ExposureRecord, ItemPool
from itembank.model import Outcome
from itembank.pbank import open_bank
from kiosk.core.session import State
from protocol.bundle import read_bundle
from protocol.canonical import canonical_bytes
from protocol.envelope import SignedEnvelope
from tests.room.conftest import Console, now
from tests.room.test_e2e_bank import PASSPHRASE, PROFILE, RoomKiosk, authorise, bank_file, open_session

__all__ = ["bank_file"]  # the module-wide bank fixture

EARLIER_TESTS = 8


def _skipping(bank, seed: int, record: ExposureRecord | None) -> list[str]:
    """The items a candidate who skips every question gets, by the engine alone."""
    test = AdaptiveTest(ItemPool(bank.metas, bank.framework), bank.framework, bank.profile(PROFILE), seed,
                        exposure=record)
    shown = []
    while (item := test.next_item()) is not None and not test.finished:
        shown.append(item)
        test.record(item, Outcome.SKIPPED)
    return shown


def test_over_exposed_items_are_not_given_and_the_audit_replays_with_the_record(tmp_path: Path, console: Console,
                                                                                bank_file) -> None:
    path, publisher, _ = bank_file
    open_session(console, bank_file, candidates=3)
    assert console.store is not None
    with open_bank(path, [publisher.public], passphrase=PASSPHRASE) as bank:
        metas = sorted(m.id for m in bank.metas)
        overexposed = set(metas[::2])  # half the bank was shown in every one of the earlier tests
        for n in range(EARLIER_TESTS):
            console.store.exposure.count_attempt("synth-room", f"earlier-{n}", overexposed, now())
        kiosks = [RoomKiosk(tmp_path, console, f"PC {n:02d}") for n in range(1, 4)]
        try:
            bundles = []
            for number, kiosk in enumerate(kiosks, start=1):
                kiosk.worker.start()
                kiosk.check_in()
                command = authorise(console, kiosk, f"cand-{number}")
                assert command.args["exposure"]["tests"] >= EARLIER_TESTS  # and the room's finished tests
                s = kiosk.session
                kiosk.until(lambda s=s: s.state is State.ENVIRONMENT_CHECK, "the authorisation")
                s.environment_checked([])
                s.start_test()
                shown = kiosk.answer_all()
                assert len(shown) == 12 and not overexposed & set(shown)  # the cap acts across the room
                # the control: the same seed and answers without the record would have shown some of them
                assert overexposed & set(_skipping(bank, s.attempt.seed, None))
                s.submit()
                bundle = next((kiosk.data_dir / "outbox").glob("*.pbundle"))
                bundles.append(bundle)
                recorded = read_bundle(bundle.read_bytes()).signed["exposure"]
                assert recorded == command.args["exposure"]
                report = audit_bundle(SignedEnvelope.from_bytes(bundle.read_bytes(), "bundle"), bank,
                                      [kiosk.device.keypair.public])
                assert report.ok, report.differences
            # a bundle signed by the kiosk's key but stating another record (its digest made to fit) diverges
            kiosk = kiosks[0]
            envelope = SignedEnvelope.from_bytes(bundles[0].read_bytes(), "bundle")
            forged = copy.deepcopy(envelope.signed)
            forged["exposure"] = {"bank_id": "synth-room", "tests": 0, "counts": {}}
            forged["exposure"]["sha256"] = hashlib.sha256(canonical_bytes(
                {k: v for k, v in forged["exposure"].items()})).hexdigest()
            resigned = SignedEnvelope.create(forged, kiosk.device.keypair)
            report = audit_bundle(resigned, bank, [kiosk.device.keypair.public])
            assert not report.ok
            assert any("exposure record differs" in str(d) for d in (*report.differences, *report.checks))
        finally:
            for kiosk in kiosks:
                kiosk.close()
