"""Publication: the jury's decisions, the verification page and JSON, the QR verified online, retakes, CSV."""

import csv
import datetime as dt

import pytest

from hub.errors import JuryError
from hub.jury import export_csv, jury_list, lookup, publish
from hub.store.centers import CenterStore
from protocol.attestation import CompactResult, holder_digest, initials, sign_attestation
from protocol.bundle import receipt_code
from protocol.keys import KeyPair
from protocol.registry import DeviceRegistry, sign_registry
from tests.hub.conftest import CenterClient
from tests.hub.factory import NOW, SESSION_DATE, candidate

CODES = {"att-20261123": "P-7KQ4M9XB", "att-20261124": "P-23469BCD"}


@pytest.fixture
def stored(client, world):
    exams = [world.exam(1), world.exam(2)]
    status = client.upload(world.package(exams, codes=CODES))
    assert status.state == "stored", status.reason
    return exams


def test_results_wait_for_the_jury_and_a_decision_publishes_them(hub, stored, client):
    pending = jury_list(hub.db)
    assert [r.attempt for r in pending] == ["att-20261123", "att-20261124"]
    assert all(r.decision == "pending" and r.status == "scored" for r in pending)
    assert lookup(hub.db, "P-7KQ4M9XB") is None  # not published before the jury decides
    answer = client.http.get("/v1/verify/P-7KQ4M9XB")
    assert answer.status_code == 404
    row = publish(hub.db, "att-20261123", "obtained", "score above the threshold", "Jury national",
                  NOW + dt.timedelta(days=3))
    assert (row.decision, row.decided_by) == ("obtained", "Jury national")
    assert [r.attempt for r in jury_list(hub.db)] == ["att-20261124"]
    found = client.http.get("/v1/verify/p-7kq4m9xb").json()
    assert found["decision"] == "obtained" and found["score"] == stored[0].result["score"]
    assert found["center"] == {"id": "0750001A", "name": "Lycée Victor Hugo"}
    assert found["initials"] == initials(*[candidate(1)[k] for k in ("last_name", "first_name")])
    assert "Martin" not in str(found)  # no names, no birth date in what anyone can read
    by_receipt = client.http.get(f"/v1/verify/{receipt_code(stored[0].result['bundle']).lower()}").json()
    assert by_receipt["code"] == receipt_code(stored[0].result["bundle"])


def test_the_page_is_french_then_english(hub, stored, client):
    publish(hub.db, "P-23469BCD", "not-obtained", "too few questions treated", "Jury", NOW)
    page = client.http.get("/verify/P-23469BCD")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.text.index("Certification non obtenue") < page.text.index("Certification not obtained")
    missing = client.http.get("/verify/P-XXXXXXXX")
    assert missing.status_code == 404 and missing.text.index("introuvable") < missing.text.index("not found")
    hostile = client.http.get("/verify/<script>alert(1)<%2Fscript>")
    assert "<script>" not in hostile.text


def test_a_decision_needs_a_reason_and_a_known_result(hub, stored):
    with pytest.raises(JuryError, match="reason"):
        publish(hub.db, "att-20261123", "obtained", " ", "Jury", NOW)
    with pytest.raises(JuryError, match="no stored result"):
        publish(hub.db, "att-nope", "obtained", "ok", "Jury", NOW)
    with pytest.raises(JuryError, match="one of"):
        publish(hub.db, "att-20261123", "maybe", "ok", "Jury", NOW)


def test_a_later_decision_replaces_the_published_one(hub, stored, client):
    publish(hub.db, "att-20261123", "obtained", "ok", "Jury", NOW)
    publish(hub.db, "att-20261123", "cancelled", "fraud established after review", "Jury", NOW + dt.timedelta(days=9))
    found = client.http.get("/v1/verify/P-7KQ4M9XB").json()
    assert found["decision"] == "cancelled" and found["score"] is None


def qr(world, code, score, center_id="0750001A", key=None, date=SESSION_DATE):
    c = candidate(1)
    result = CompactResult(code=code, center=center_id, date=date, score=score, level=2, levels="1" * 16,
                           engine="3", initials=initials(c["last_name"], c["first_name"]),
                           holder=holder_digest(code, c["last_name"], c["first_name"],
                                                dt.date.fromisoformat(c["birth_date"])))
    return sign_attestation(result, (key or world.center).signing_private)


def test_the_qr_payload_verifies_online(hub, stored, client, world):
    score = stored[0].result["score"]
    payload = qr(world, "P-7KQ4M9XB", score)
    answer = client.http.post("/v1/verify-qr", json={"payload": payload}).json()
    assert answer["signature"] and not answer["published"] and not answer["valid"]
    publish(hub.db, "att-20261123", "obtained", "ok", "Jury", NOW)
    answer = client.http.post("/v1/verify-qr", json={"payload": payload}).json()
    assert answer["valid"] and answer["decision"] == "obtained", answer
    lied = client.http.post("/v1/verify-qr", json={"payload": qr(world, "P-7KQ4M9XB", score + 100)}).json()
    assert lied["signature"] and not lied["valid"] and "score" in lied["reason"]
    forged = qr(world, "P-7KQ4M9XB", score, key=KeyPair.generate("forger"))
    answer = client.http.post("/v1/verify-qr", json={"payload": forged}).json()
    assert not answer["signature"] and not answer["valid"]
    stranger = client.http.post("/v1/verify-qr", json={"payload": qr(world, "P-7KQ4M9XB", score, "0999999Z")}).json()
    assert not stranger["valid"] and "not enrolled" in stranger["reason"]
    for bad in ("PUP1:!!!", "hello", payload[:-20]):
        answer = client.http.post("/v1/verify-qr", json={"payload": bad})
        assert answer.status_code == 200 and not answer.json()["valid"]
    assert client.http.post("/v1/verify-qr", content=b"not json").status_code == 400


def test_a_retake_sooner_than_15_days_is_flagged_across_centers(hub, client, world):
    other = KeyPair.generate("center B")
    CenterStore(hub.db).add("0690002B", "Collège Jean Moulin", other.public, NOW)
    first = client.upload(world.package([world.exam(1), world.exam(2)]))
    assert first.state == "stored"
    # the same candidate 10 days later at another center, under another external id
    same_person = {**candidate(1), "external_id": "B-LOCAL-77"}
    retake = world.exam(1, seed=777, candidate_fields=same_person)
    later = world.exam(3)
    kiosk = DeviceRegistry.from_dict(world.registry().signed).devices[0]  # the same PC, now at center B
    registry = sign_registry("0690002B", [kiosk], NOW, other)
    data = world.package([retake, later], center_id="0690002B", signer=other, registry=registry,
                         session_id="B-2026-1202", date=SESSION_DATE + dt.timedelta(days=10))
    status = CenterClient(client.http, "0690002B", other, hub.home.pin).upload(data)
    assert status.state == "stored", status.reason
    rows = {(r.center, r.attempt): r for r in jury_list(hub.db)}
    flagged = rows[("0690002B", retake.result["attempt"])]
    assert [(x.center, x.days) for x in flagged.retakes] == [("0750001A", 10)]
    assert [(x.center, x.days) for x in rows[("0750001A", "att-20261123")].retakes] == [("0690002B", 10)]
    assert rows[("0690002B", later.result["attempt"])].retakes == ()  # another candidate
    assert rows[("0750001A", "att-20261124")].retakes == ()


def test_the_csv_export_holds_every_result_and_defuses_formulas(hub, client, world, tmp_path):
    exam = world.exam(1, candidate_fields={**candidate(1), "last_name": "=HYPERLINK(\"x\")"})
    assert client.upload(world.package([exam, world.exam(2)])).state == "stored"
    publish(hub.db, "att-20261124", "obtained", "ok", "Jury", NOW)
    assert export_csv(hub.db, tmp_path / "out.csv") == 2
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["attempt"] for r in rows] == ["att-20261123", "att-20261124"]
    assert rows[0]["last_name"].startswith("'=")
    assert rows[1]["decision"] == "obtained" and rows[1]["decided_by"] == "Jury"
