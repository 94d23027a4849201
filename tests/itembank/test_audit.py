"""The audit of a result bundle: a faithful bundle matches; every tamper is found where it is."""

import copy
import dataclasses
import datetime as dt
import json
import math

import numpy as np
import pytest

from itembank.answers import reference_responses
from itembank.audit import CHECKS, BundleAuditError, audit_bundle
from itembank.cat import ENGINE_VERSION, NEUTRALISED, AdaptiveTest, ExposureRecord, ItemPool
from itembank.cli import main
from itembank.model import ItemType, Outcome
from itembank.pbank import build_bank, open_bank, read_manifest
from itembank.synth import synthetic_bank
from protocol import canonical
from protocol.bundle import make_bundle
from protocol.journal_chain import entry_hash, genesis_hash
from protocol.keys import KeyPair

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
PASSPHRASE = "audit secret"
CANDIDATE = {"last_name": "Martin", "first_name": "Léa", "birth_date": "2009-05-17", "session_number": "12345",
             "access_code": "PVXB89"}
WRONG = [Outcome.KO, Outcome.SKIPPED, Outcome.FOCUSED_OUT, Outcome.TIMED_OUT]


@pytest.fixture(scope="module")
def keys():
    return {"publisher": KeyPair.generate("publisher"), "device": KeyPair.generate("kiosk-07"),
            "other": KeyPair.generate("kiosk-99")}


@pytest.fixture(scope="module")
def files(tmp_path_factory, keys):
    root = tmp_path_factory.mktemp("audit")
    build_bank(synthetic_bank(320, seed=5), root / "bank.pbank", keys["publisher"], passphrase=PASSPHRASE)
    build_bank(synthetic_bank(320, seed=5), root / "rebuilt.pbank", keys["publisher"], passphrase=PASSPHRASE)
    build_bank(synthetic_bank(160, seed=6), root / "other.pbank", keys["publisher"], passphrase=PASSPHRASE)
    keys["publisher"].public.save(root / "publisher.pub")
    keys["device"].public.save(root / "kiosk-07.pub")
    keys["other"].public.save(root / "kiosk-99.pub")
    (root / "pp").write_text(PASSPHRASE + "\n")
    return root


@pytest.fixture(scope="module")
def bank(files, keys):
    with open_bank(files / "bank.pbank", [keys["publisher"].public], passphrase=PASSPHRASE) as opened:
        yield opened


@pytest.fixture(scope="module")
def pool(bank):
    return ItemPool(bank.metas, bank.framework)


# -- an attempt as a kiosk records it -------------------------------------------------------------
def chain(attempt_id, steps):
    """Journal entries with their hashes, as a kiosk's journal writes them."""
    entries, prev = [], genesis_hash(attempt_id)
    for seq, (kind, payload) in enumerate(steps, start=1):
        t_mono, t_wall = 100.0 + seq * 1.5, f"2026-11-22T09:{seq // 60:02d}:{seq % 60:02d}+00:00"
        digest = entry_hash(seq, prev, t_mono, t_wall, kind, payload)
        entries.append({"seq": seq, "t_mono": t_mono, "t_wall": t_wall, "kind": kind, "payload": payload,
                        "hash": digest})
        prev = digest
    return entries


def wrong_response(item):
    """A response the item's solution does not accept."""
    if item.type is ItemType.QCU:
        return next(key for key in item.proposal_keys if key != item.solution[0])
    if item.type is ItemType.QCM:
        return [key for key in item.proposal_keys if key not in item.solution][:1]
    return {f.key: "zzz" for f in item.fields}


def response_for(item, outcome):
    """What a candidate typed for the kiosk to record ``outcome``."""
    if outcome is Outcome.OK:
        return reference_responses(item, "fr")[0]
    if outcome in (Outcome.KO, Outcome.FOCUSED_OUT):
        return wrong_response(item)
    return None  # skipped, timed out


def attempt(bank, pool, profile_name="practice-short", seed=20261122, theta=0.3, *, neutralise=(3,), stop_after=None,
            end="completed", exposure=None, lie=False, screen_reader=False):
    """Run the real engine for a simulated candidate and return (summary, steps) as the kiosk would record them.

    ``neutralise`` lists question numbers whose first item is withdrawn (a validated problem report).
    ``lie``: a doctored kiosk records every wrong answer as right (the engine is fed "ok" too, so the
    bundle's questions and result are the engine's own for those outcomes).
    """
    profile = bank.profile(profile_name)
    test = AdaptiveTest(pool, bank.framework, profile, seed, exposure=exposure, screen_reader=screen_reader)
    candidate = {**CANDIDATE, "accommodations": ["screen-reader"]} if screen_reader else CANDIDATE
    rng = np.random.default_rng(seed)
    attempt_id = f"att-{seed}"
    bank_ref = {"id": bank.id, "version": bank.meta.version, "manifest_sha256": bank.manifest_sha256}
    steps = [("attempt-created", {"attempt_id": attempt_id, "mode": "practice", "seed": seed, "bank": bank_ref,
                                  "profile": profile.to_dict(), "device": "kiosk-07", "elapsed": 0.0}),
             ("checked-in", {"candidate": candidate, "locale": "fr", "elapsed": 0.0, "_salt": "c2FsdA=="}),
             ("test-started", {"length": profile.length, "allowed_s": 60.0 * profile.duration_minutes,
                               "elapsed": 0.0})]
    questions, elapsed, withdrawn = [], 0.0, set()
    while not test.finished and (stop_after is None or test.answered < stop_after):
        number, item_id = test.position, test.next_item()
        k = pool.index[item_id]
        steps.append(("question-shown", {"number": number, "item_id": item_id, "order": [], "elapsed": elapsed}))
        competence = pool.metas[k].competence
        if number in neutralise and number not in withdrawn:
            withdrawn.add(number)
            test.neutralise(item_id)
            steps += [("problem-reported", {"number": number, "item_id": item_id, "comment": "", "elapsed": elapsed}),
                      ("problem-resolved", {"number": number, "item_id": item_id, "validated": True,
                                            "by": "practice", "elapsed": elapsed})]
            questions.append({"number": number, "item_id": item_id, "competence": competence,
                              "outcome": NEUTRALISED, "response": None, "duration_s": 0.0, "focus_out_s": 0.0})
            continue
        right = rng.random() < 1 / (1 + math.exp(pool.a[k] * (pool.b[k] - theta)))
        outcome = Outcome.OK if right else WRONG[int(rng.integers(len(WRONG)))]
        if outcome is Outcome.FOCUSED_OUT and pool.metas[k].mode.value != "focus":
            outcome = Outcome.KO  # leaving the window counts only during a focus question
        typed = response_for(bank.item(item_id), Outcome.KO if lie else outcome)
        if lie:
            outcome = Outcome.OK
        test.record(item_id, outcome)
        duration = round(float(rng.uniform(5, 90)), 3)
        elapsed = round(elapsed + duration, 3)
        if outcome is Outcome.FOCUSED_OUT:  # the candidate left the window during a focus question
            steps.append(("focus-lost", {"number": number, "item_id": item_id, "counted": True, "detail": "",
                                         "elapsed": elapsed}))
        answer = {"number": number, "item_id": item_id, "response": typed,
                  "outcome": outcome.value, "duration_s": duration, "focus_out_s": 0.0}
        steps.append(("answered", {**answer, "elapsed": elapsed}))
        questions.append({**answer, "competence": competence})
    abort = end if end in ("candidate", "technical") else None
    result = test.result(abort=abort).to_dict()
    steps.append(("finished", {"reason": end, "by": "", "treated": test.answered, "result": result,
                               "elapsed": elapsed}))
    summary = {"attempt_id": attempt_id, "mode": "practice", "seed": seed, "device": "kiosk-07", "bank": bank_ref,
               "profile": profile.to_dict(), "candidate": candidate, "locale": "fr", "questions": questions,
               "time": {"allowed_s": 60.0 * profile.duration_minutes, "extra_s": 0.0, "used_s": elapsed,
                        "compensated_s": 0.0},
               "end_reason": end, "result": result}
    return summary, steps


def sign(summary, steps, signer):
    return make_bundle(summary, chain(summary["attempt_id"], steps), signer, NOW)


def payloads(steps, kind):
    return [payload for k, payload in steps if k == kind]


# -- a faithful bundle ----------------------------------------------------------------------------
@pytest.mark.parametrize(("profile_name", "end", "stop_after"), [
    ("practice-short", "completed", None),
    ("certification", "completed", None),
    ("certification", "time-up", 25),  # degraded score: the missing questions simulated as skipped
    ("certification", "candidate", 12),  # too few treated: rejected, no score
    ("certification", "technical", 21),
])
def test_a_faithful_bundle_matches_bit_for_bit(bank, pool, keys, profile_name, end, stop_after):
    summary, steps = attempt(bank, pool, profile_name, stop_after=stop_after, end=end, neutralise=(2, 7))
    report = audit_bundle(sign(summary, steps, keys["device"]).to_bytes(), bank, [keys["device"].public])
    assert report.ok, "\n".join(report.lines())
    assert [c.name for c in report.checks] == list(CHECKS)
    assert CHECKS == ("signature", "journal", "contents", "profile", "responses", "questions", "result")
    assert report.differences == ()
    assert report.replayed.to_dict() == summary["result"]
    assert [q["outcome"] for q in summary["questions"]].count(NEUTRALISED) == 2
    assert "2 neutralised" in report.check("questions").detail
    assert "trusted device key" in report.check("signature").detail
    lines = report.lines()
    assert lines[-1].startswith("MATCH") and any("seed 20261122" in line for line in lines)


def test_without_trusted_keys_the_bundle_never_matches_and_the_report_says_why(bank, pool, keys):
    summary, steps = attempt(bank, pool)
    envelope = sign(summary, steps, keys["device"])
    report = audit_bundle(envelope, bank)
    assert not report.ok and not report.check("signature").ok
    assert [c.name for c in report.checks if not c.ok] == ["signature"]
    detail = report.check("signature").detail
    assert "no trusted device key" in detail and "intact under the key it carries" in detail
    assert "anyone can make a key" in detail
    assert report.lines()[-1].startswith("DIVERGES: signature")
    untrusted = audit_bundle(envelope, bank, [keys["other"].public])
    assert not untrusted.ok and not untrusted.check("signature").ok
    assert "untrusted key" in untrusted.check("signature").detail
    assert untrusted.check("result").ok  # the rest is still checked and reported
    assert not audit_bundle(envelope, bank, []).ok  # an empty list trusts nobody


def test_a_bundle_without_an_embedded_key_needs_a_trusted_one(bank, pool, keys):
    summary, steps = attempt(bank, pool)
    envelope = sign(summary, steps, keys["device"])
    del envelope.signed["device_key"]  # as bundles made before the key was embedded
    envelope.signatures.clear()
    envelope.add_signature(keys["device"])
    report = audit_bundle(envelope, bank)
    assert not report.ok and "carries no device key" in report.check("signature").detail
    assert audit_bundle(envelope, bank, [keys["device"].public]).ok


def test_the_exposure_record_the_engine_used_is_an_input_of_the_replay(bank, pool, keys):
    record = ExposureRecord({pool.ids[k]: 40 for k in range(0, len(pool), 2)}, 100)
    summary, steps = attempt(bank, pool, "certification", exposure=record)
    envelope = sign(summary, steps, keys["device"])
    assert audit_bundle(envelope, bank, [keys["device"].public], exposure=record).ok
    without = audit_bundle(envelope, bank, [keys["device"].public])
    assert not without.ok and without.first_difference.what == "item"


def test_the_screen_reader_accommodation_is_an_input_of_the_replay(tmp_path, keys):
    """The candidate's accommodation, carried in the bundle, makes the replay choose among the same
    items; without it the replay parts from the bundle at the first item a screen reader was spared."""
    source = synthetic_bank(320, seed=5)
    readable = np.random.default_rng(2).random(len(source.items)) < 0.5
    items = tuple(dataclasses.replace(item, accessibility=dataclasses.replace(item.accessibility,
                                                                             screen_reader=bool(readable[k])))
                  for k, item in enumerate(source.items))
    build_bank(dataclasses.replace(source, items=items), tmp_path / "visual.pbank", keys["publisher"],
               passphrase=PASSPHRASE)
    with open_bank(tmp_path / "visual.pbank", [keys["publisher"].public], passphrase=PASSPHRASE) as visual:
        pool = ItemPool(visual.metas, visual.framework)
        summary, steps = attempt(visual, pool, "certification", screen_reader=True)
        assert all(pool.metas[pool.index[q["item_id"]]].screen_reader for q in summary["questions"])
        assert audit_bundle(sign(summary, steps, keys["device"]), visual, [keys["device"].public]).ok
        hidden = copy.deepcopy(summary)  # the same test, its accommodation dropped (and signed again)
        del hidden["candidate"]["accommodations"]
        for kind, payload in steps:
            if kind == "checked-in":
                payload["candidate"] = hidden["candidate"]
        report = audit_bundle(sign(hidden, steps, keys["device"]), visual, [keys["device"].public])
        assert not report.ok and report.first_difference.what == "item"


# -- tampered bundles, signed with the right key (so only the replay can see them) -----------------
def _set_result(summary, steps, **changes):
    for result in (summary["result"], payloads(steps, "finished")[0]["result"]):
        result.update(changes)


def _first_answered(summary, steps, after=0):
    """Index in summary['questions'] and the answered payload of the first answer after question ``after``."""
    index = next(i for i, q in enumerate(summary["questions"]) if q["outcome"] != NEUTRALISED and q["number"] > after)
    item = summary["questions"][index]["item_id"]
    return index, next(p for p in payloads(steps, "answered") if p["item_id"] == item)


def score_raised(summary, steps, metas=()):
    _set_result(summary, steps, score=summary["result"]["score"] + 64)
    return "result.score"


def level_raised(summary, steps, metas=()):
    _set_result(summary, steps, level=summary["result"]["level"] + 1)
    return "result.level"


def competence_level_raised(summary, steps, metas=()):
    levels = dict(summary["result"]["competence_levels"])
    levels["3.4"] += 1
    _set_result(summary, steps, competence_levels=levels)
    return "result.competence_levels.3.4"


def status_changed(summary, steps, metas=()):
    _set_result(summary, steps, status="no-certificate")
    return "result.status"


def theta_off_by_one_ulp(summary, steps, metas=()):
    _set_result(summary, steps, theta=math.nextafter(summary["result"]["theta"], math.inf))
    return "result.theta"


def score_as_a_float(summary, steps, metas=()):
    _set_result(summary, steps, score=float(summary["result"]["score"]))
    return "result.score"


def strategy_claimed(summary, steps, metas=()):
    _set_result(summary, steps, strategy="reference")
    return "result.strategy"


def last_answer_dropped(summary, steps, metas=()):
    item = summary["questions"].pop()["item_id"]
    steps[:] = [(k, p) for k, p in steps if p.get("item_id") != item]
    return "result.treated"


def question_renumbered(summary, steps, metas=()):
    index, answered = _first_answered(summary, steps, after=4)
    summary["questions"][index]["number"] = answered["number"] = 99
    return "number"


def competence_misstated(summary, steps, metas=()):
    index, _ = _first_answered(summary, steps, after=4)
    summary["questions"][index]["competence"] = "9.9"
    return "competence"


def item_swapped(summary, steps, metas):
    index, answered = _first_answered(summary, steps, after=4)
    used = {q["item_id"] for q in summary["questions"]}
    other = next(m for m in metas if m.id not in used)
    old = answered["item_id"]
    summary["questions"][index].update(item_id=other.id, competence=other.competence)
    for _, payload in steps:
        if payload.get("item_id") == old:
            payload["item_id"] = other.id
    return "item"


TAMPERS = [score_raised, level_raised, competence_level_raised, status_changed, theta_off_by_one_ulp,
           score_as_a_float, strategy_claimed, last_answer_dropped, question_renumbered, competence_misstated,
           item_swapped]


@pytest.mark.parametrize("tamper", TAMPERS, ids=[t.__name__ for t in TAMPERS])
def test_a_tampered_bundle_signed_with_the_right_key_diverges_where_it_was_changed(bank, pool, keys, tamper):
    summary, steps = attempt(bank, pool, "certification", neutralise=(2,))
    expected = tamper(summary, steps, bank.metas)
    report = audit_bundle(sign(summary, steps, keys["device"]), bank, [keys["device"].public])
    assert not report.ok
    assert all(report.check(name).ok for name in ("signature", "journal", "contents", "profile")), report.lines()
    assert expected in [d.what for d in report.differences], report.lines()
    if tamper is item_swapped:  # the response was typed for the other item: re-scoring sees it first
        assert report.first_difference.what in ("item", "outcome"), report.lines()
    elif tamper is not last_answer_dropped:  # one answer fewer also moves the ability, hence the score
        assert report.first_difference.what == expected, report.lines()
    assert report.lines()[-1].startswith("DIVERGES")


def test_a_changed_score_names_both_values(bank, pool, keys):
    summary, steps = attempt(bank, pool, "certification")
    true_score = summary["result"]["score"]
    score_raised(summary, steps)
    report = audit_bundle(sign(summary, steps, keys["device"]), bank, [keys["device"].public])
    assert [d.what for d in report.differences] == ["result.score"]
    difference = report.differences[0]
    assert (difference.stated, difference.replayed) == (true_score + 64, true_score)
    assert f"  score: the bundle states {true_score + 64}, the replay gives {true_score}" in report.lines()


@pytest.mark.parametrize("version", [1, 2, ENGINE_VERSION + 1, "2"])
def test_a_bundle_of_another_engine_version_is_not_replayed_and_the_report_says_why(bank, pool, keys, files,
                                                                                   tmp_path, capsys, version):
    summary, steps = attempt(bank, pool, "certification")
    if version == 1:  # results made before they stated their engine: version 1
        for result in (summary["result"], payloads(steps, "finished")[0]["result"]):
            result.pop("engine", None)
    else:
        _set_result(summary, steps, engine=version)
    report = audit_bundle(sign(summary, steps, keys["device"]), bank, [keys["device"].public])
    checks = {c.name: c for c in report.checks}
    assert not report.ok and checks["signature"].ok and checks["profile"].ok
    assert not checks["questions"].ok and f"engine version {version!r}" in checks["questions"].detail
    assert f"this Pupitre runs engine version {ENGINE_VERSION}" in checks["questions"].detail
    assert report.differences == ()  # not a divergence: the bundle is not blamed
    assert report.other_engine and report.lines()[-1].startswith(f"NOT REPLAYED: engine version {version!r}")
    path = tmp_path / "older.pbundle"
    path.write_bytes(sign(summary, steps, keys["device"]).to_bytes())
    assert _cli(files, path, "--trust-device", str(files / "kiosk-07.pub")) == 2  # cannot audit, not "diverges"
    assert "NOT REPLAYED" in capsys.readouterr().out
    # what does not depend on the engine is still checked: a doctored response is a divergence
    index, answered = _first_answered(summary, steps)
    if answered["outcome"] != "ok":
        summary["questions"][index]["outcome"] = answered["outcome"] = "ok"
    else:
        summary["questions"][index]["response"] = answered["response"] = wrong_response(bank.item(answered["item_id"]))
    doctored = audit_bundle(sign(summary, steps, keys["device"]), bank, [keys["device"].public])
    assert not doctored.other_engine and doctored.lines()[-1].startswith("DIVERGES: responses")


def test_a_different_seed_diverges_at_the_first_question_the_engine_chooses_otherwise(bank, pool, keys):
    summary, steps = attempt(bank, pool, "certification", neutralise=())
    new_seed = summary["seed"] + 1
    summary["seed"] = payloads(steps, "attempt-created")[0]["seed"] = new_seed
    # where the engine with the new seed first chooses another item, following the recorded answers
    test = AdaptiveTest(pool, bank.framework, bank.profile("certification"), new_seed)
    number = 1
    for question in summary["questions"]:
        if test.next_item() != question["item_id"]:
            break
        test.record(question["item_id"], question["outcome"])
        number += 1
    report = audit_bundle(sign(summary, steps, keys["device"]), bank, [keys["device"].public])
    difference = report.first_difference
    assert (difference.what, difference.question) == ("item", number)
    assert difference.stated == summary["questions"][number - 1]["item_id"]
    assert difference.replayed == test.next_item()
    assert not report.check("questions").ok and f"question {number}" in report.check("questions").detail


def _with_profile(summary, steps, change):
    summary, steps = copy.deepcopy(summary), copy.deepcopy(steps)
    for profile in (summary["profile"], payloads(steps, "attempt-created")[0]["profile"]):
        change(profile)
    return summary, steps


def test_a_profile_other_than_the_banks_is_refused(bank, pool, keys):
    summary, steps = attempt(bank, pool, "certification")

    def kinder(profile):  # valid settings, but not the bank's: easier competence levels, fewer questions needed
        profile["min_treated"] = 10
        profile["scoring"]["competence_levels"]["default"][2] = 0.25

    def broken(profile):
        profile["scoring"]["intervals"][3]["weight"] = 129

    def renamed(profile):
        profile["name"] = "generous"

    for change, fragment in [(kinder, "differs from the bank's in min_treated, scoring.competence_levels.default"),
                             (broken, "cannot be read (profile certification: scoring.intervals.3"),
                             (renamed, "the bank has no profile 'generous' (it has: certification, practice-short)")]:
        report = audit_bundle(sign(*_with_profile(summary, steps, change), keys["device"]), bank,
                              [keys["device"].public])
        assert not report.ok and not report.check("profile").ok
        assert fragment in report.check("profile").detail, report.check("profile").detail


def test_inputs_no_engine_could_have_run_are_reported_not_raised(bank, pool, keys):
    summary, steps = attempt(bank, pool)
    odd = copy.deepcopy((summary, steps))
    index, answered = _first_answered(*odd, after=2)
    odd[0]["questions"][index]["outcome"] = answered["outcome"] = "maybe"
    report = audit_bundle(sign(*odd, keys["device"]), bank, [keys["device"].public])
    assert report.first_difference.what == "log" and report.first_difference.question == answered["number"]
    assert "'maybe'" in str(report.first_difference) and not report.check("questions").ok

    unhashable = copy.deepcopy((summary, steps))
    index, answered = _first_answered(*unhashable, after=2)
    unhashable[0]["questions"][index]["outcome"] = answered["outcome"] = ["ok"]
    unhashable[1].insert(3, ("focus-lost", {"number": 1, "item_id": ["x"], "counted": True, "detail": "",
                                            "elapsed": 0.0}))
    report = audit_bundle(sign(*unhashable, keys["device"]), bank, [keys["device"].public])
    assert report.first_difference.what == "log" and not report.ok

    negative = copy.deepcopy((summary, steps))
    negative[0]["seed"] = payloads(negative[1], "attempt-created")[0]["seed"] = -1
    report = audit_bundle(sign(*negative, keys["device"]), bank, [keys["device"].public])
    assert "the engine cannot run with the bundle's inputs" in report.check("questions").detail
    assert not report.ok and report.check("contents").ok


def test_a_changed_outcome_re_signed_with_another_key(bank, pool, keys):
    summary, steps = attempt(bank, pool, "certification")
    index, answered = _first_answered(summary, steps, after=3)
    flipped = "ok" if answered["outcome"] != "ok" else "ko"
    summary["questions"][index]["outcome"] = answered["outcome"] = flipped
    envelope = sign(summary, steps, keys["other"])
    report = audit_bundle(envelope, bank, [keys["device"].public])
    assert not report.ok and not report.check("signature").ok
    # without a trusted key it is intact under the key it carries, which proves nothing; the re-scoring
    # of the response sees the change too
    alone = audit_bundle(envelope, bank)
    assert not alone.check("signature").ok and "intact under the key it carries" in alone.check("signature").detail
    assert alone.first_difference.what == "outcome" and alone.first_difference.item == answered["item_id"]


def test_a_bundle_altered_after_signing_fails_its_signature_and_contents(bank, pool, keys):
    summary, steps = attempt(bank, pool)
    envelope = sign(summary, steps, keys["device"])
    envelope.signed["result"]["score"] += 1
    report = audit_bundle(envelope, bank, [keys["device"].public])
    assert not report.check("signature").ok and "does not match" in report.check("signature").detail
    assert not report.check("contents").ok and "result differs" in report.check("contents").detail


# -- what cannot be audited ---------------------------------------------------------------------
def test_inputs_that_cannot_be_audited(bank, pool, keys, files):
    summary, steps = attempt(bank, pool)
    data = sign(summary, steps, keys["device"]).to_bytes()
    cases = {
        "truncated": (data[: len(data) // 2], "not a result bundle, or a truncated"),
        "a bank file": ((files / "bank.pbank").read_bytes(), "not valid UTF-8 JSON"),
        "empty": (b"", "not valid UTF-8 JSON"),
    }
    for name, (payload, fragment) in cases.items():
        with pytest.raises(BundleAuditError, match=fragment):
            audit_bundle(payload, bank, what=name)
    manifest, _ = read_manifest(files / "bank.pbank")
    with pytest.raises(BundleAuditError, match="not a result bundle"):
        audit_bundle(manifest, bank)
    with (open_bank(files / "other.pbank", [keys["publisher"].public], passphrase=PASSPHRASE) as other,
          pytest.raises(BundleAuditError, match=r"made on bank synth-320-5 v1, but .* is bank synth-160-6")):
        audit_bundle(data, other)
    with (open_bank(files / "rebuilt.pbank", [keys["publisher"].public], passphrase=PASSPHRASE) as rebuilt,
          pytest.raises(BundleAuditError, match="another build of the bank")):
        audit_bundle(data, rebuilt)


# -- the command ---------------------------------------------------------------------------------
def _cli(files, bundle, *extra, bank="bank.pbank"):
    return main(["audit", str(bundle), "--bank", str(files / bank), "--trust", str(files / "publisher.pub"),
                 "--passphrase-file", str(files / "pp"), *extra])


def test_the_audit_command(bank, pool, keys, files, tmp_path, capsys):
    summary, steps = attempt(bank, pool, "certification", neutralise=(5,))
    good = tmp_path / "good.pbundle"
    good.write_bytes(sign(summary, steps, keys["device"]).to_bytes())
    assert _cli(files, good, "--trust-device", str(files / "kiosk-07.pub")) == 0
    out = capsys.readouterr().out
    assert "MATCH" in out and "signature  ok" in out and "result     ok" in out

    assert _cli(files, good) == 2  # no trusted key: refused, one line saying why
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no trusted device key" in err and "--trust-device" in err
    assert _cli(files, good, "--trust-device", str(files / "kiosk-99.pub")) == 1
    assert "signature  FAILED" in capsys.readouterr().out

    score_raised(summary, steps)
    forged = tmp_path / "forged.pbundle"
    forged.write_bytes(sign(summary, steps, keys["device"]).to_bytes())
    assert _cli(files, forged, "--trust-device", str(files / "kiosk-07.pub")) == 1
    out = capsys.readouterr().out
    assert "DIVERGES: result" in out and "score: the bundle states" in out

    truncated = tmp_path / "truncated.pbundle"
    truncated.write_bytes(good.read_bytes()[:-100])
    (tmp_path / "bad.pub").write_text("{}")
    (tmp_path / "wrong-pp").write_text("not the passphrase\n")
    for args, fragment in [
        ((truncated,), "truncated"),
        ((files / "bank.pbank",), "not valid UTF-8 JSON"),
        ((tmp_path / "missing.pbundle",), "no such file"),
        ((good, "--trust-device", str(tmp_path / "bad.pub")), "not a Pupitre key file"),
        ((good, "--trust-device", str(tmp_path / "absent.pub")), "absent.pub"),
    ]:
        if "--trust-device" not in args:
            args = (*args, "--trust-device", str(files / "kiosk-07.pub"))
        assert _cli(files, *args) == 2, fragment
        err = capsys.readouterr().err
        assert fragment in err and "Traceback" not in err
    assert _cli(files, good, "--trust-device", str(files / "kiosk-07.pub"), bank="other.pbank") == 2
    assert "give the bank the attempt ran on" in capsys.readouterr().err
    assert main(["audit", str(good), "--bank", str(files / "bank.pbank"), "--trust", str(files / "publisher.pub"),
                 "--passphrase-file", str(tmp_path / "wrong-pp"), "--trust-device", str(files / "kiosk-07.pub")]) == 2
    assert "cannot audit" in capsys.readouterr().err


# -- the responses, re-scored against their items -------------------------------------------------
def test_wrong_responses_marked_right_by_a_kiosk_with_its_real_key_diverge_at_each_question(bank, pool, keys, files,
                                                                                               tmp_path, capsys):
    summary, steps = attempt(bank, pool, "certification", lie=True, neutralise=(4,))
    assert {q["outcome"] for q in summary["questions"]} == {"ok", NEUTRALISED}
    assert summary["result"]["score"] > 0  # what the doctored kiosk claims
    envelope = sign(summary, steps, keys["device"])
    report = audit_bundle(envelope, bank, [keys["device"].public])
    assert not report.ok
    assert [c.name for c in report.checks if not c.ok] == ["responses"], report.lines()  # all else is consistent
    answered = [q for q in summary["questions"] if q["outcome"] != NEUTRALISED]
    assert [(d.what, d.question, d.item, d.stated, d.replayed) for d in report.differences] == [
        ("outcome", q["number"], q["item_id"], "ok", "ko") for q in answered]
    first = answered[0]
    assert (f'  question 1 (entry 1 of the bundle\'s questions), item {first["item_id"]}: the bundle states outcome '
            '"ok", re-scoring the response gives "ko"') in report.lines()
    assert f"{len(answered)} outcome(s) are not what the response gives" in report.check("responses").detail
    path = tmp_path / "doctored.pbundle"
    path.write_bytes(envelope.to_bytes())
    assert _cli(files, path, "--trust-device", str(files / "kiosk-07.pub")) == 1
    out = capsys.readouterr().out
    assert "responses  FAILED" in out and "DIVERGES: responses" in out


def test_a_right_answer_given_after_leaving_a_focus_question_is_focused_out(bank, pool, keys):
    summary, steps = attempt(bank, pool, "certification", neutralise=())
    focus = {m.id for m in bank.metas if m.mode.value == "focus"}
    question = next(q for q in summary["questions"] if q["outcome"] == "ok" and q["item_id"] in focus)
    at = next(i for i, (kind, p) in enumerate(steps) if kind == "answered" and p["item_id"] == question["item_id"])
    # the journal says the candidate left the window, and the entry's own flag claims it did not count
    steps.insert(at, ("focus-lost", {"number": question["number"], "item_id": question["item_id"], "counted": False,
                                     "detail": "firefox", "elapsed": 0.0}))
    report = audit_bundle(sign(summary, steps, keys["device"]), bank, [keys["device"].public])
    first = report.first_difference
    assert (first.what, first.question, first.item, first.stated, first.replayed) == (
        "outcome", question["number"], question["item_id"], "ok", "focused-out")


def test_responses_that_are_no_answer_to_their_item_or_missing_diverge(bank, pool, keys):
    summary, steps = attempt(bank, pool, "certification", neutralise=())
    qcu = next(q for q in summary["questions"] if bank.item(q["item_id"]).type is ItemType.QCU)
    other = next(q for q in summary["questions"] if q is not qcu)
    for payload in payloads(steps, "answered"):
        if payload["item_id"] == qcu["item_id"]:
            payload["response"] = qcu["response"] = "Z"  # not one of its proposals
        if payload["item_id"] == other["item_id"]:
            payload["response"] = other["response"] = None
            payload["outcome"] = other["outcome"] = "timed-out" if other["outcome"] == "ok" else other["outcome"]
    hostile = next(q for q in summary["questions"] if q not in (qcu, other)
                   and bank.item(q["item_id"]).type is ItemType.QCM)
    for payload in payloads(steps, "answered"):
        if payload["item_id"] == hostile["item_id"]:
            payload["response"] = hostile["response"] = [{"A": 1}, ["B"]]  # no proposal keys at all
    report = audit_bundle(sign(summary, steps, keys["device"]), bank, [keys["device"].public])
    by_item = {d.item: d for d in report.differences if d.what == "outcome"}
    assert "not an answer to this item" in by_item[hostile["item_id"]].replayed
    assert "not an answer to this item" in by_item[qcu["item_id"]].replayed
    assert "'Z' is not one of its proposals" in by_item[qcu["item_id"]].replayed
    assert not report.check("responses").ok


def test_the_report_names_mode_candidate_session_and_device(bank, pool, keys):
    summary, steps = attempt(bank, pool)
    report = audit_bundle(sign(summary, steps, keys["device"]), bank, [keys["device"].public])
    lines = report.lines()
    assert "mode       practice" in lines
    assert "candidate  Léa MARTIN, born 2009-05-17" in lines
    assert "session    12345" in lines
    assert f"device     'kiosk-07', key {keys['device'].public.signing_id}" in lines
    assert (report.mode, report.session) == ("practice", "12345")


def test_a_hostile_deeply_nested_bundle_cannot_be_audited(bank, pool, keys, files, tmp_path, capsys, monkeypatch):
    summary, steps = attempt(bank, pool)
    nested = []
    for _ in range(canonical.MAX_DEPTH + 5):
        nested = [nested]
    summary["nested"] = nested  # an unknown field, kept and signed
    with monkeypatch.context() as forger:  # a forger's own encoder knows no depth limit
        forger.setattr(canonical, "MAX_DEPTH", 10_000)
        deep = sign(summary, steps, keys["device"]).to_bytes()
    with pytest.raises(BundleAuditError, match=f"nested deeper than {canonical.MAX_DEPTH} levels"):
        audit_bundle(deep, bank, [keys["device"].public])
    very_deep = b"[" * 100_000 + b"]" * 100_000  # deeper than the JSON reader's stack
    for name, data in (("deep", deep), ("very-deep", very_deep)):
        path = tmp_path / f"{name}.pbundle"
        path.write_bytes(data)
        assert _cli(files, path, "--trust-device", str(files / "kiosk-07.pub")) == 2, name
        captured = capsys.readouterr()
        assert captured.err.count("\n") == 1 and "cannot audit" in captured.err and "Traceback" not in captured.err
        assert "DIVERGES" not in captured.out


# -- the center's device registry, and several bundles --------------------------------------------
def _registry(tmp_path, keys, center, revoked_at=None, enrolled_at=NOW - dt.timedelta(days=30), name="registry"):
    from protocol.registry import DeviceEntry, raw_public, sign_registry

    device = DeviceEntry(keys["device"].public.signing_id, "kiosk-07", raw_public(keys["device"].public.signing),
                         enrolled_at, revoked_at)
    path = tmp_path / f"{name}.json"
    path.write_bytes(sign_registry("0750001A", [device], NOW + dt.timedelta(days=1), center).to_bytes())
    return path


@pytest.fixture(scope="module")
def center():
    return KeyPair.generate("center")


def test_the_registry_signed_by_the_center_is_what_trusts_a_device(bank, pool, keys, files, tmp_path, capsys,
                                                                  center):
    summary, steps = attempt(bank, pool, "certification", neutralise=())
    good = tmp_path / "good.pbundle"
    good.write_bytes(sign(summary, steps, keys["device"]).to_bytes())
    center.public.save(tmp_path / "center.pub")
    registry = _registry(tmp_path, keys, center)
    args = ("--registry", str(registry), "--center-key", str(tmp_path / "center.pub"))
    assert _cli(files, good, *args) == 0
    out = capsys.readouterr().out
    assert "MATCH" in out and "registry: device kiosk-07" in out

    # a device the registry does not list: refused, even though the bundle carries a valid key of its own
    stranger = tmp_path / "stranger.pbundle"
    stranger.write_bytes(sign(summary, steps, keys["other"]).to_bytes())
    assert _cli(files, stranger, *args) == 1
    out = capsys.readouterr().out
    assert "signature  FAILED" in out and "is not in the device registry" in out

    # revoked, before or after the bundle's own time: refused either way (that time is the device's claim)
    for when, word in ((NOW - dt.timedelta(hours=1), "before"), (NOW + dt.timedelta(hours=1), "after")):
        revoked = _registry(tmp_path, keys, center, revoked_at=when, name=f"revoked-{word}")
        assert _cli(files, good, "--registry", str(revoked), "--center-key", str(tmp_path / "center.pub")) == 1
        assert f"revoked at {when.isoformat()}, {word} the document's time" in capsys.readouterr().out
    # enrolled after the bundle was made
    late = _registry(tmp_path, keys, center, enrolled_at=NOW + dt.timedelta(minutes=1), name="late")
    assert _cli(files, good, "--registry", str(late), "--center-key", str(tmp_path / "center.pub")) == 1
    assert "after the document's time" in capsys.readouterr().out

    # a registry signed by another key, a registry edited after signing, a registry without its center key
    forger = KeyPair.generate("forger")
    forged_registry = _registry(tmp_path, keys, forger, name="forged")
    assert _cli(files, good, "--registry", str(forged_registry), "--center-key", str(tmp_path / "center.pub")) == 2
    assert "not signed by the given center key" in capsys.readouterr().err
    edited = json.loads(registry.read_text())
    edited["signed"]["devices"][0]["revoked_at"] = None
    edited["signed"]["devices"][0]["name"] = "renamed"
    from protocol.canonical import canonical_bytes

    (tmp_path / "edited.json").write_bytes(canonical_bytes(edited))
    assert _cli(files, good, "--registry", str(tmp_path / "edited.json"), "--center-key",
                str(tmp_path / "center.pub")) == 2
    assert "does not match" in capsys.readouterr().err
    assert _cli(files, good, "--registry", str(registry)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "go together" in err
    assert _cli(files, good, "--registry", str(tmp_path / "nope.json"), "--center-key",
                str(tmp_path / "center.pub")) == 2
    assert "no such device registry" in capsys.readouterr().err


def test_two_bundles_of_one_attempt_are_flagged(bank, pool, keys, files, tmp_path, capsys):
    summary, steps = attempt(bank, pool, "certification", neutralise=())
    first = tmp_path / "first.pbundle"
    first.write_bytes(sign(summary, steps, keys["device"]).to_bytes())
    other_summary, other_steps = attempt(bank, pool, "certification", neutralise=(), theta=-1.5)
    second = tmp_path / "second.pbundle"
    second.write_bytes(sign(other_summary, other_steps, keys["device"]).to_bytes())  # same attempt id, other answers
    trust = ("--trust-device", str(files / "kiosk-07.pub"))
    assert _cli(files, first, *trust) == 0
    capsys.readouterr()
    assert main(["audit", str(first), str(second), "--bank", str(files / "bank.pbank"), "--trust",
                 str(files / "publisher.pub"), "--passphrase-file", str(files / "pp"), *trust]) == 1
    out = capsys.readouterr().out
    assert out.count("MATCH: ") == 2  # each bundle holds up on its own…
    assert "SEVERAL BUNDLES OF ONE ATTEMPT: attempt att-20261122 has 2 different bundles" in out  # …not both
    # the same bundle given twice is one bundle
    assert main(["audit", str(first), str(first), "--bank", str(files / "bank.pbank"), "--trust",
                 str(files / "publisher.pub"), "--passphrase-file", str(files / "pp"), *trust]) == 0
    assert "SEVERAL" not in capsys.readouterr().out


def test_the_exposure_record_a_bundle_carries_is_the_one_the_replay_uses(bank, pool, keys):
    from invigilator.core.exposure import ExposureSnapshot  # the console's side of the format

    sent = ExposureSnapshot(bank.id, 100, {pool.ids[k]: 40 for k in range(0, len(pool), 2)}).to_dict()
    record = ExposureRecord.from_dict(sent)  # what the kiosk's engine is given
    summary, steps = attempt(bank, pool, "certification", exposure=record)
    summary["exposure"] = sent  # what the kiosk records in its bundle…
    steps.insert(2, ("authorised", {"by": "console:M. Roy", "resume": False, "exposure": sent, "elapsed": 0.0}))
    # …and in its journal, with the authorisation that carried it
    report = audit_bundle(sign(summary, steps, keys["device"]), bank, [keys["device"].public])
    assert report.ok and any("an exposure record of 100 tests" in n for n in report.notes)

    changed = copy.deepcopy(summary)
    changed["exposure"]["counts"] = {}  # the record altered, its digest kept
    with pytest.raises(BundleAuditError, match="does not match its sha256"):
        audit_bundle(sign(changed, steps, keys["device"]), bank, [keys["device"].public])
    changed["exposure"] = {"tests": 3, "counts": {pool.ids[0]: 9}}
    with pytest.raises(BundleAuditError, match="must be a whole number from 0 to the 3 tests"):
        audit_bundle(sign(changed, steps, keys["device"]), bank, [keys["device"].public])
    changed["exposure"] = {"tests": -1}
    with pytest.raises(BundleAuditError, match="'tests'"):
        audit_bundle(sign(changed, steps, keys["device"]), bank, [keys["device"].public])
    lied = copy.deepcopy(summary)
    del lied["exposure"]  # a bundle that hides the record its engine used does not replay
    assert not audit_bundle(sign(lied, steps, keys["device"]), bank, [keys["device"].public]).ok


def test_a_profile_verdict_kept_for_one_bundle_is_never_given_to_another_profile(bank, pool, keys):
    """The profile check is done once for each profile a bank's bundles state (bit for bit): a bundle with
    the bank's profile, then one with a kinder one, then the first again, each gets its own verdict."""
    summary, steps = attempt(bank, pool, "certification")

    def kinder(profile):
        profile["min_treated"] = 10

    def float_for_int(profile):  # the same number to ==, not bit for bit as canonical JSON
        profile["min_treated"] = float(profile["min_treated"])

    faithful = sign(summary, steps, keys["device"])
    for _ in range(2):
        assert audit_bundle(faithful, bank, [keys["device"].public]).ok
        for change in (kinder, float_for_int):
            report = audit_bundle(sign(*_with_profile(summary, steps, change), keys["device"]), bank,
                                  [keys["device"].public])
            assert not report.ok and not report.check("profile").ok, report.check("profile").detail


def test_an_exposure_record_kept_for_one_bundle_is_given_only_to_a_bundle_carrying_the_same(pool):
    """The record a session's bundles share is read once: a bundle whose record differs in a count, in
    its digest or in a number's type gets its own verdict, and the kept one is never given to it."""
    from types import SimpleNamespace

    from invigilator.core.exposure import ExposureSnapshot
    from itembank.audit import _recorded_exposure

    def recorded(record, what="results[0]"):
        return _recorded_exposure(SimpleNamespace(extra={"exposure": record}), what)

    one, two = pool.ids[0], pool.ids[1]
    sent = ExposureSnapshot("synth", 100, {one: 40, two: 7}).to_dict()
    first = recorded(sent)
    assert (first.tests, first.counts) == (100, {one: 40, two: 7})
    assert recorded(copy.deepcopy(sent)) is first  # the same bytes, the same digest: read once
    altered = copy.deepcopy(sent)
    altered["counts"][one] = 41  # its digest kept
    with pytest.raises(BundleAuditError, match=r"results\[1\]: its exposure record does not match its sha256"):
        recorded(altered, "results[1]")
    with pytest.raises(BundleAuditError, match="does not match its sha256"):
        recorded({**sent, "sha256": "0" * 64})
    with pytest.raises(BundleAuditError, match="'tests' must be a whole number"):
        recorded({**sent, "tests": 100.0})
    other = ExposureSnapshot("synth", 100, {one: 41, two: 7}).to_dict()
    assert recorded(other).counts == {one: 41, two: 7} and recorded(sent) is first
    undigested = {k: v for k, v in sent.items() if k != "sha256"}
    assert recorded(undigested).counts == {one: 40, two: 7}
    assert recorded(sent).counts == {one: 40, two: 7}


def test_the_result_is_compared_bit_for_bit_whatever_the_replay_carries_besides(bank, pool, keys):
    """The replay's result encoded once serves the comparison when it holds the engine's fields only; with
    more (``Result.extra``) the fields are compared as before. Either way, a field stated otherwise differs."""
    from itembank.audit_report import result_differences as _result_differences

    summary, steps = attempt(bank, pool, "certification")
    report = audit_bundle(sign(summary, steps, keys["device"]), bank, [keys["device"].public])
    assert report.ok
    result = report.replayed
    for replayed in (result, dataclasses.replace(result, extra={"note": "more"})):
        whole = replayed.to_dict()
        encoded, exact = canonical.canonical_bytes(whole), set(whole) == {
            f.name for f in dataclasses.fields(result) if f.name != "extra"}
        assert exact is not bool(replayed.extra)
        stated = result.to_dict()
        assert _result_differences(stated, encoded, exact) == []
        assert _result_differences({**stated, "note": "ignored"}, encoded, exact) == []
        wrong = {**stated, "score": (stated["score"] or 0) + 1}
        assert [d.what for d in _result_differences(wrong, encoded, exact)] == ["result.score"]
        as_float = {**stated, "treated": float(stated["treated"])}  # equal to ==, not bit for bit
        assert [d.what for d in _result_differences(as_float, encoded, exact)] == ["result.treated"]
        missing = {k: v for k, v in stated.items() if k != "theta"}
        assert [d.what for d in _result_differences(missing, encoded, exact)] == ["result.theta"]
        levels = dict(stated["competence_levels"])
        code = sorted(levels)[0]
        levels[code] += 1
        assert [d.what for d in _result_differences({**stated, "competence_levels": levels}, encoded, exact)] == \
            [f"result.competence_levels.{code}"]


def test_each_kind_of_difference_reads_as_what_it_is():
    from itembank.audit_report import MISSING, Difference

    assert str(Difference("item", "crcn-1.2-04", "crcn-1.2-07", 5, 6)) == (
        "question 5 (entry 6 of the bundle's questions): the bundle has item crcn-1.2-04, the engine chooses "
        "crcn-1.2-07")
    assert str(Difference("outcome", "correct", "incorrect", 2, 2, "crcn-3.1-01")) == (
        "question 2 (entry 2 of the bundle's questions), item crcn-3.1-01: the bundle states outcome \"correct\", "
        "re-scoring the response gives \"incorrect\"")
    assert str(Difference("number", 4, 3, 3, 3)) == (
        "question 3 (entry 3 of the bundle's questions): the bundle states number 4, expected 3")
    assert str(Difference("result.score", MISSING, 512)) == "score: the bundle states (missing), the replay gives 512"
