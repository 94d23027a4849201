"""A package tampered with at every layer is refused with the right reason, kept for review, never half stored."""

import copy
import json

import pytest
from sqlalchemy import func, select, text

from hub.store.schema import PackageRow, ResultRow, SessionRow, UploadRow
from protocol.canonical import canonical_bytes
from protocol.envelope import SignedEnvelope
from protocol.journal_chain import entry_hash, genesis_hash
from protocol.keys import KeyPair


def upload(client, data):
    return client.upload(data, chunk=64 * 1024)


def assert_refused(hub, status, code, *words):
    assert status.state == "refused", status
    with hub.db.transaction() as s:
        row = s.get(UploadRow, status.package)
        assert row.refusal == code, (row.refusal, row.reason)
        assert s.get(PackageRow, status.package).data  # kept aside for review
        assert s.scalar(select(func.count()).select_from(SessionRow)) == 0  # nothing of it stored
        assert s.scalar(select(func.count()).select_from(ResultRow)) == 0
    for word in words:
        assert word in status.reason, status.reason
    assert status.receipt is None


def test_a_package_that_is_not_canonical_is_malformed(client, hub, world):
    data = world.package([world.exam(1)])
    loose = json.dumps(json.loads(data), indent=1).encode()
    assert_refused(hub, upload(client, loose), "malformed", "canonical")


def test_a_package_signed_by_another_key_is_a_bad_signature(client, hub, world):
    data = world.package([world.exam(1)], signer=KeyPair.generate("not the center"))
    assert_refused(hub, upload(client, data), "bad-signature", "0750001A")


def test_a_package_altered_after_signing_is_a_bad_signature(client, hub, world):
    raw = json.loads(world.package([world.exam(1)]))
    raw["signed"]["results"][0]["score"] += 10
    assert_refused(hub, upload(client, canonical_bytes(raw)), "bad-signature", "altered")


def test_a_package_naming_another_center_is_refused(client, hub, world):
    data = world.package([world.exam(1)], center_id="0750002B")
    assert_refused(hub, upload(client, data), "wrong-center", "0750002B")


def test_a_registry_not_signed_by_the_center_is_untrusted(client, hub, world):
    data = world.package([world.exam(1)], registry=world.registry(signer=KeyPair.generate("other center")))
    assert_refused(hub, upload(client, data), "untrusted-registry")


def test_a_bundle_from_a_device_the_registry_does_not_list_is_untrusted(client, hub, world):
    stranger = KeyPair.generate("PC-99")
    data = world.package([world.exam(1), world.exam(3, signer=stranger)])
    assert_refused(hub, upload(client, data), "untrusted-device", "not in the device registry")


def test_a_bundle_altered_after_the_kiosk_signed_it_is_a_bad_signature(client, hub, world):
    exam = world.exam(1)
    signed = copy.deepcopy(exam.bundle.signed)
    signed["result"]["theta"] = signed["result"]["theta"] + 0.5
    forged = SignedEnvelope(signed, list(exam.bundle.signatures))  # the kiosk's signature over other bytes
    from protocol.bundle import bundle_id
    from tests.hub.factory import Exam
    tampered = Exam(forged, {**exam.result, "bundle": bundle_id(forged)})
    assert_refused(hub, upload(client, world.package([tampered])), "bad-signature", "document altered")


def test_a_journal_with_a_changed_entry_is_a_chain_break(client, hub, world):
    def change(signed):
        signed["events"][3]["payload"]["elapsed"] = 999.0
    tampered = world.resign(world.exam(1), change)
    assert_refused(hub, upload(client, world.package([tampered])), "chain-break")


def test_a_journal_with_an_entry_removed_is_a_chain_break(client, hub, world):
    def change(signed):
        del signed["events"][4]
    tampered = world.resign(world.exam(1), change)
    assert_refused(hub, upload(client, world.package([tampered])), "chain-break")


def test_a_bundle_stating_what_its_journal_does_not_record_is_inconsistent(client, hub, world):
    def change(signed):
        signed["questions"][0]["duration_s"] += 1.0
    tampered = world.resign(world.exam(1), change)
    assert_refused(hub, upload(client, world.package([tampered])), "bundle-inconsistent", "differ from the journal")


def test_a_kiosk_that_marks_wrong_answers_right_is_caught_by_the_replay(client, hub, world):
    liar = world.exam(5, lie=True)
    assert_refused(hub, upload(client, world.package([world.exam(1), liar])), "replay-divergence", "responses")


def test_a_result_the_engine_does_not_give_back_is_a_replay_divergence(client, hub, world):
    def change(signed):
        signed["result"]["score"] = (signed["result"]["score"] or 0) + 7
        for event in signed["events"]:
            if event["kind"] == "finished":
                event["payload"]["result"]["score"] = signed["result"]["score"]
        prev = genesis_hash(signed["attempt_id"])  # the journal made again, whole, as a doctored kiosk would
        for e in signed["events"]:
            e["prev_hash"] = prev
            e["hash"] = prev = entry_hash(e["seq"], prev, e["t_mono"], e["t_wall"], e["kind"], e["payload"])
        signed["journal_head"] = prev
    tampered = world.resign(world.exam(1), change)
    tampered.result["score"] += 7
    assert_refused(hub, upload(client, world.package([tampered])), "replay-divergence", "score")


def test_a_package_stating_another_score_than_the_bundle_is_a_result_mismatch(client, hub, world):
    exam = world.exam(1)
    exam.result["score"] = (exam.result["score"] or 0) + 1
    assert_refused(hub, upload(client, world.package([exam])), "result-mismatch", "score")


def test_a_package_naming_another_candidate_than_the_bundle_is_refused(client, hub, world):
    exam = world.exam(1)
    exam.result["candidate"] = {**exam.result["candidate"], "last_name": "Dupont"}
    assert_refused(hub, upload(client, world.package([exam])), "candidate-mismatch")


def test_a_bank_the_hub_does_not_hold_is_unknown(client, hub, world):
    with hub.db.transaction() as s:
        s.execute(text("DELETE FROM banks"))
    assert_refused(hub, upload(client, world.package([world.exam(1)])), "unknown-bank", "banks add")


def test_an_attempt_already_stored_from_another_package_is_refused(client, hub, world):
    first = upload(client, world.package([world.exam(1), world.exam(2)]))
    assert first.state == "stored"
    second = upload(client, world.package([world.exam(2)], session_id="2026-1122-B13"))
    assert second.state == "refused" and "already stored" in second.reason
    with hub.db.transaction() as s:
        assert s.get(UploadRow, second.package).refusal == "duplicate-attempt"
        assert s.scalar(select(func.count()).select_from(ResultRow)) == 2


@pytest.mark.parametrize("code", ["P-2346789", "P-22222222", "X"])
def test_a_verification_code_not_of_the_form_is_malformed(client, hub, world, code):
    exam = world.exam(1)
    data = world.package([exam], codes={exam.result["attempt"]: code})
    assert_refused(hub, upload(client, data), "malformed", "verification_code")


def test_a_refusal_is_final_and_the_same_for_the_same_bytes(client, hub, world):
    data = world.package([world.exam(1)], signer=KeyPair.generate("not the center"))
    first = upload(client, data)
    assert upload(client, data) == first


def test_two_packages_claiming_one_attempt_at_once_store_one_and_refuse_the_other(hub, world):
    import threading

    from hub.store.centers import CenterStore
    center = CenterStore(hub.db).find(world.center_id)
    packages = [world.package([world.exam(1), world.exam(2)]), world.package([world.exam(2)], session_id="B13")]
    ends, barrier = [], threading.Barrier(2)
    for data in packages:
        hub.service.start(center, hub_api_start(data))
        hub.service.write(center, package_id(data), 0, data[:-10])

    def finish(data):
        barrier.wait()
        ends.append(hub.service.write(center, package_id(data), len(data) - 10, data[-10:]).status)

    threads = [threading.Thread(target=finish, args=(d,)) for d in packages]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(s.state for s in ends) == ["refused", "stored"]
    refused = next(s for s in ends if s.state == "refused")
    assert "already stored" in refused.reason, refused.reason
    with hub.db.transaction() as s:
        assert s.get(UploadRow, refused.package).refusal == "duplicate-attempt"
        assert s.scalar(select(func.count()).select_from(SessionRow)) == 1


def hub_api_start(data):
    from protocol.hub_api import UploadStart
    return UploadStart(package_id(data), len(data)).to_bytes()


def package_id(data):
    import hashlib
    return hashlib.sha256(data).hexdigest()


def test_a_package_refused_for_its_bank_is_stored_once_the_bank_is_added(client, hub, world, capsys, monkeypatch):
    from hub.banks import add_bank
    from hub.cli import main
    from tests.hub.conftest import PASSPHRASE
    from tests.hub.factory import NOW
    with hub.db.transaction() as s:
        s.execute(text("DELETE FROM banks"))
    status = upload(client, world.package([world.exam(1)]))
    assert status.state == "refused"
    url = hub.db.engine.url.render_as_string(hide_password=False)
    base = ["--dir", str(hub.home.root)]
    assert main([*base, "packages", "list", "--db", url]) == 0
    assert status.package in capsys.readouterr().out
    monkeypatch.setenv("PUPITRE_HUB_PASSPHRASE", PASSPHRASE)
    assert main([*base, "packages", "retry", status.package, "--db", url]) == 1  # still no bank: refused again
    add_bank(hub.db, world.bank_path, world.publisher.public, hub.keys, NOW)
    assert main([*base, "packages", "retry", status.package, "--db", url]) == 0
    assert "stored" in capsys.readouterr().out
    again = client.get(status.package).json()
    assert again["state"] == "stored" and again["receipt"]
    assert main([*base, "packages", "retry", status.package, "--db", url]) == 2  # not refused any more
