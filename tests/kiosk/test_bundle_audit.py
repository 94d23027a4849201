"""End to end: a practice attempt on the demo bank through the real kiosk parts, then the audit of its bundle.

The session, the journal on disk, the adaptive engine, the practice authority and the bundle writer
are the ones the kiosk wires (kiosk/app.py); only the clock is a test double. The bundle the kiosk
writes must pass the audit; forged copies must fail it where they were changed.
"""

import copy
import datetime as dt

import pytest

from itembank.answers import reference_responses
from itembank.audit import audit_bundle
from itembank.cat import NEUTRALISED, AdaptiveTest, ItemPool
from itembank.cli import main
from itembank.demo import DEMO_BANK_PASSPHRASE, DEMO_KEYS, DEMO_SOURCE, demo_publisher
from itembank.model import ItemType, Mode
from itembank.pbank import build_bank, open_bank
from kiosk.core.authority import LocalAuthority
from kiosk.core.candidate import Candidate
from kiosk.core.session import AttemptInfo, AttemptMode, ExamSession, State
from kiosk.device import load_or_create_device
from kiosk.journal import JournalStore
from kiosk.outbox import BundleWriter
from protocol.bundle import make_bundle, read_bundle
from protocol.journal_chain import entry_hash, genesis_hash
from protocol.keys import KeyPair
from tests.kiosk.fakes import FakeClock

CANDIDATE = Candidate("Martin", "Léa", dt.date(2009, 5, 17))
NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
PUBLISHER_PUB = DEMO_KEYS / "demo-publisher.pub"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo bank built from its source, as ``./run demo`` builds it, and opened."""
    from itembank.authoring import load_source

    root = tmp_path_factory.mktemp("demo-bank")
    path = build_bank(load_source(DEMO_SOURCE), root / "demo-crcn.pbank", demo_publisher(),
                      passphrase=DEMO_BANK_PASSPHRASE)
    (root / "passphrase").write_text(DEMO_BANK_PASSPHRASE + "\n")
    publisher = demo_publisher().public
    with open_bank(path, [publisher], passphrase=DEMO_BANK_PASSPHRASE) as bank:
        yield bank


class PracticeKioskParts:
    """The practice kiosk's wiring (kiosk/app.py PracticeKiosk): device key, journal, engine, outbox."""

    def __init__(self, data_dir, bank, profile_name):
        self.clock = FakeClock()
        self.bank = bank
        self.profile = bank.profile(profile_name)
        self.device = load_or_create_device(data_dir, name="kiosk-07", machine_secret=lambda: "machine-A")
        self.store = JournalStore(data_dir, self.device, self.clock)
        self.sink = BundleWriter(data_dir, self.device, self.store, self.clock)
        self.pool = ItemPool.build(bank.metas, bank.framework)

    def engine(self, seed):
        return AdaptiveTest(self.pool, self.bank.framework, self.profile, seed)

    def new_attempt(self, attempt_id, seed):
        info = AttemptInfo(attempt_id, AttemptMode.PRACTICE, seed,
                           {"id": self.bank.id, "version": self.bank.meta.version,
                            "manifest_sha256": self.bank.manifest_sha256},
                           self.profile, self.device.name)
        authority = LocalAuthority()
        session = ExamSession(attempt=info, bank=self.bank, engine_factory=self.engine,
                              journal=self.store.create_attempt(attempt_id), clock=self.clock, authority=authority,
                              results=self.sink)
        authority.attach(session)
        return session


def wrong_response(item):
    if item.type is ItemType.QCU:
        return next(key for key in item.proposal_keys if key != item.solution[0])
    if item.type is ItemType.QCM:
        return [key for key in item.proposal_keys if key not in item.solution][:1]
    return {f.key: "zzz" for f in item.fields}


def take_the_test(session, clock):
    """A candidate who answers right, wrong, skips, leaves the window on a focus question, and reports a
    problem once (validated at once in practice: the question is replaced under the same number)."""
    session.open_check_in()
    session.submit_check_in(CANDIDATE, "fr")  # practice authorises at once
    session.environment_checked([])
    session.start_test()
    reported = False
    for _ in range(200):
        if session.state is State.FINISHED:
            return
        if session.state is State.FOCUS_WARNING:
            session.acknowledge_focus_warning()
            continue
        assert session.state is State.QUESTION, session.state
        for _ in range(4):
            clock.advance(3.0)
            session.tick()
        number, item = session.number, session.question.item
        if number == 3 and not reported:
            reported = True
            session.report_problem("l'image ne s'affiche pas")
        elif number % 4 == 0:
            session.skip()
        elif number % 5 == 0 and item.mode is Mode.FOCUS:
            session.focus_lost("xterm")
            clock.advance(2.0)
            session.focus_regained()
            session.answer(reference_responses(item, "fr")[0])
        elif number % 3 == 1:
            session.answer(wrong_response(item))
        else:
            session.answer(reference_responses(item, "fr")[0])
    raise AssertionError("the test did not end")


@pytest.fixture(scope="module", params=["practice-short", "certification"])
def written(request, demo, tmp_path_factory):
    """A whole practice attempt, submitted: the bundle file and the kiosk that wrote it."""
    data_dir = tmp_path_factory.mktemp("kiosk")
    kiosk = PracticeKioskParts(data_dir, demo, request.param)
    session = kiosk.new_attempt("practice-1", seed=3_141_592_653)
    take_the_test(session, kiosk.clock)
    receipt = session.submit()
    assert session.state is State.SUBMITTED and receipt
    path = data_dir / "practice" / "practice-1.pbundle"
    yield kiosk, session, path
    kiosk.store.close()


def forge(data, signer, change):
    """The bundle re-made with ``change(summary, events)`` applied, its journal re-chained, signed by ``signer``."""
    signed = copy.deepcopy(read_bundle(data).signed)
    summary = {k: signed[k] for k in ("attempt_id", "mode", "seed", "device", "bank", "profile", "candidate",
                                      "locale", "questions", "time", "end_reason", "result")}
    events = signed["events"]
    change(summary, events)
    prev = genesis_hash(summary["attempt_id"])
    for entry in events:
        entry["prev_hash"] = prev
        entry["hash"] = prev = entry_hash(entry["seq"], prev, entry["t_mono"], entry["t_wall"], entry["kind"],
                                          entry["payload"])
    return make_bundle(summary, events, signer, NOW).to_bytes()


def events_of(events, kind):
    return [e["payload"] for e in events if e["kind"] == kind]


# -- the bundle the kiosk wrote -----------------------------------------------------------------------
def test_the_bundle_the_kiosk_wrote_passes_the_audit(written, demo):
    kiosk, session, path = written
    report = audit_bundle(path.read_bytes(), demo, [kiosk.device.public], what=str(path))
    assert report.ok, "\n".join(report.lines())
    outcomes = [q["outcome"] for q in session.summary()["questions"]]
    assert outcomes.count(NEUTRALISED) == 1 and {"ok", "ko", "skipped", "focused-out"} <= set(outcomes)
    assert len(outcomes) == kiosk.profile.length + 1  # every question, and the one neutralised
    assert report.replayed.to_dict() == session.result
    assert report.replayed.treated == kiosk.profile.length and report.replayed.score is not None


def test_the_audit_command_on_the_bundle_file(written, demo, capsys):
    _, _, path = written
    passphrase = demo.path.parent / "passphrase"
    args = ["audit", str(path), "--bank", str(demo.path), "--trust", str(PUBLISHER_PUB), "--passphrase-file",
            str(passphrase)]
    device_pub = path.parent.parent / "device" / "device.pub"
    assert main([*args, "--trust-device", str(device_pub)]) == 0
    out = capsys.readouterr().out
    assert "MATCH" in out and "signed by a trusted device key" in out and "1 neutralised" in out


# -- forged bundles ---------------------------------------------------------------------------------
def test_a_changed_outcome_re_signed_with_another_key_fails_on_trust(written, demo, tmp_path, capsys):
    kiosk, _, path = written

    def flip_first_wrong_answer(summary, events):
        answered = next(p for p in events_of(events, "answered") if p["outcome"] != "ok")
        question = next(q for q in summary["questions"] if q["item_id"] == answered["item_id"])
        question["outcome"] = answered["outcome"] = "ok"

    forged = forge(path.read_bytes(), KeyPair.generate("rogue-kiosk"), flip_first_wrong_answer)
    report = audit_bundle(forged, demo, [kiosk.device.public])
    assert not report.ok and not report.check("signature").ok
    assert "untrusted key" in report.check("signature").detail
    assert report.check("journal").ok and report.check("contents").ok  # consistent, just not from this kiosk
    forged_path = tmp_path / "forged.pbundle"
    forged_path.write_bytes(forged)
    assert main(["audit", str(forged_path), "--bank", str(demo.path), "--trust", str(PUBLISHER_PUB),
                 "--passphrase-file", str(demo.path.parent / "passphrase"), "--trust-device",
                 str(path.parent.parent / "device" / "device.pub")]) == 1
    assert "signature  FAILED" in capsys.readouterr().out


def test_a_claimed_score_signed_with_the_right_key_diverges_at_the_score(written, demo):
    kiosk, session, path = written
    true_score = session.result["score"]

    def raise_score(summary, events):
        for result in (summary["result"], events_of(events, "finished")[0]["result"]):
            result["score"] = true_score + 100

    report = audit_bundle(forge(path.read_bytes(), kiosk.device.keypair, raise_score), demo, [kiosk.device.public])
    assert [c.name for c in report.checks if not c.ok] == ["result"]
    assert [(d.what, d.stated, d.replayed) for d in report.differences] == [
        ("result.score", true_score + 100, true_score)]


def test_a_different_seed_diverges_at_the_first_question_chosen_otherwise(written, demo):
    kiosk, session, path = written
    new_seed = session.attempt.seed + 1

    def reseed(summary, events):
        summary["seed"] = events_of(events, "attempt-created")[0]["seed"] = new_seed

    questions = session.summary()["questions"]
    test = AdaptiveTest(kiosk.pool, demo.framework, kiosk.profile, new_seed)
    for question in questions:
        chosen = test.next_item()
        if chosen != question["item_id"]:
            expected = (question["number"], question["item_id"], chosen)
            break
        if question["outcome"] == NEUTRALISED:
            test.neutralise(chosen)
        else:
            test.record(chosen, question["outcome"])
    else:
        pytest.fail("the other seed gives the same items")
    report = audit_bundle(forge(path.read_bytes(), kiosk.device.keypair, reseed), demo, [kiosk.device.public])
    assert [c.name for c in report.checks if not c.ok] == ["questions", "result"]
    first = report.first_difference
    assert (first.question, first.stated, first.replayed) == expected
    assert first.what == "item" and len(report.differences) == 1
