"""Table-driven valid and invalid items: every problem is named with its field."""

import pytest

from itembank.errors import ItemFormatError
from itembank.model import Item, ItemType, Problems
from tests.itembank.conftest import base_item

QROC = {"type": "qroc", "proposals": None, "solution": None, "input": "text", "solutions": ["pdf"]}
IND = {"type": "qrocm-ind", "proposals": None, "solution": None,
       "fields": [{"key": "a", "input": "number", "solutions": [12]}, {"key": "b", "solutions": ["Martin"]}]}
DEP = {"type": "qrocm-dep", "proposals": None, "solution": None,
       "fields": [{"key": "x"}, {"key": "y"}], "solution_groups": [["ctrl+c"], ["ctrl+v"], ["ctrl+x"]]}

VALID = [
    ("qcu", {}, ItemType.QCU),
    ("qcm", {"type": "qcm", "solution": ["A", "C"]}, ItemType.QCM),
    ("qroc text", QROC, ItemType.QROC),
    ("qroc number", {**QROC, "input": "number", "solutions": ["3,5"], "tolerance": 0.1,
                     "unit": {"fr": "Mo", "en": "MB"}}, ItemType.QROC),
    ("qroc per-locale solution", {**QROC, "solutions": [{"fr": "courriel", "en": "email"}]}, ItemType.QROC),
    ("qrocm-ind", IND, ItemType.QROCM_IND),
    ("qrocm-dep", DEP, ItemType.QROCM_DEP),
    ("free mode with attachment", {"mode": "free", "attachments": [{"file": "a.csv"}]}, ItemType.QCU),
    ("illustration", {"illustrations": [{"file": "a.png", "alt": {"fr": "Une image", "en": "A picture"}}]},
     ItemType.QCU),
    ("explicit irt", {"irt": {"a": 1.5, "b": -0.4, "c": 0.2}}, ItemType.QCU),
    ("time limit", {"time_limit": 90}, ItemType.QCU),
]

INVALID = [
    ("bad id", {"id": "has space"}, "id: 'has space' is not a valid item id"),
    ("bad competence", {"competence": "6"}, "competence: '6' is not a competence number"),
    ("level out of range", {"level": 9}, "level: '9' is not a level"),
    ("unknown type", {"type": "essay"}, "type: 'essay' is not a valid type"),
    ("unknown mode", {"mode": "open"}, "mode: 'open' is not a valid mode"),
    ("missing English", {"statement": {"fr": "Bonjour"}}, "statement: the 'en' text is missing"),
    ("unknown locale", {"statement": {"fr": "a", "en": "b", "de": "c"}}, "statement.de: unknown locale"),
    ("solution not a proposal", {"solution": "D"}, "solution: solution 'D' is not one of the proposals A–C"),
    ("qcu with list", {"solution": ["A", "B"]}, "exactly one solution"),
    ("proposal keys out of order", {"proposals": {"A": {"fr": "a", "en": "a"}, "C": {"fr": "c", "en": "c"}}},
     "proposals.C: proposal keys must be A, B, C"),
    ("one proposal", {"proposals": {"A": {"fr": "a", "en": "a"}}, "solution": "A"}, "at least two proposals"),
    ("duplicate proposals", {"proposals": {"A": {"fr": "Oui", "en": "Yes"}, "B": {"fr": "oui", "en": "No"}},
                              "solution": "A"},
     "two proposals have the same text"),
    ("qroc without solutions", {**QROC, "solutions": []}, "at least one accepted answer"),
    ("number solution not a number", {**QROC, "input": "number", "solutions": ["douze"]}, "'douze' is not a number"),
    ("tolerance on text", {**QROC, "tolerance": 1}, "tolerance only applies to number fields"),
    ("qrocm-ind one field", {**IND, "fields": IND["fields"][:1]}, "at least two fields"),
    ("qrocm-dep too few groups", {**DEP, "solution_groups": [["a"]]}, "at least as many solution groups"),
    ("qrocm-dep solutions on fields", {**DEP, "fields": [{"key": "x", "solutions": ["a"]}, {"key": "y"}]},
     "answers go in 'solution_groups'"),
    ("proposals on qroc", {**QROC, "proposals": {"A": {"fr": "a", "en": "a"}}}, "not proposals"),
    ("illustration without alt", {"illustrations": [{"file": "a.png"}]}, "alternative text"),
    ("path escape", {"attachments": [{"file": "../secret.txt"}]}, "not a file name inside attachments"),
    ("irt out of range", {"irt": {"a": 0, "b": 0}}, "out of range"),
    ("irt malformed", {"irt": {"a": "x"}}, "expected irt"),
    ("time limit too short", {"time_limit": 2}, "not a time limit"),
    ("normalise unknown step", {**QROC, "normalise": ["t4"]}, "drawn from t1, t2, t3"),
    ("duplicate field keys", {**IND, "fields": [{"key": "a", "solutions": ["x"]}, {"key": "a", "solutions": ["y"]}]},
     "two fields have the same key"),
]


@pytest.mark.parametrize(("name", "changes", "expected_type"), VALID, ids=[v[0] for v in VALID])
def test_valid_items(name, changes, expected_type):
    item = Item.from_dict(base_item(**changes))
    assert item.type is expected_type
    assert Item.from_dict(item.to_dict()) == item


@pytest.mark.parametrize(("name", "changes", "fragment"), INVALID, ids=[v[0] for v in INVALID])
def test_invalid_items(name, changes, fragment):
    with pytest.raises(ItemFormatError) as info:
        Item.from_dict(base_item(**changes))
    assert fragment in str(info.value)


def test_every_problem_is_reported_at_once():
    problems = Problems()
    from itembank.item_parser import parse_item

    assert parse_item(base_item(level=12, mode="x", solution="Z", explanation=None), problems) is None
    text = "\n".join(problems.messages)
    assert "level" in text and "mode" in text and "solution 'Z'" in text and "explanation" in text
    assert len(problems.messages) >= 4


def test_irt_defaults_follow_the_level():
    low, high = Item.from_dict(base_item(level=1)), Item.from_dict(base_item(level=8))
    assert low.irt.b < 0 < high.irt.b
    assert low.skill == "phishing@1"


def test_meta_carries_what_the_engine_needs():
    item = Item.from_dict(base_item(mode="free", attachments=[{"file": "x.pdf"}],
                                    illustrations=[{"file": "y.png", "alt": {"fr": "a", "en": "b"}}]))
    meta = item.meta()
    assert meta.attachments == ("x.pdf", "y.png")
    assert meta.variant_group == "phishing@3"
    assert meta.domain == "4"
