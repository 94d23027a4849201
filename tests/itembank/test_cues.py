"""The longest-answer cue report of the validator, and the validate command's reports."""

import shutil

import pytest

from itembank.authoring import validate_source
from itembank.authoring.cues import COMPETENCE_LIMIT, OVERALL_LIMIT, longest_key_cue
from itembank.cli import main
from itembank.demo import DEMO_SOURCE
from itembank.item_parser import parse_item
from itembank.model import Problems


def qcu(item_id: str, competence: str, texts: list[str], key: str = "A", kind: str = "qcu"):
    letters = "ABCDEF"
    data = {
        "id": item_id, "competence": competence, "tube": f"t-{item_id}", "level": 3, "type": kind, "mode": "focus",
        "statement": {"fr": "Question ?", "en": "Question?"}, "explanation": {"fr": "Parce que.", "en": "Because."},
        "proposals": {letters[i]: {"fr": t, "en": t} for i, t in enumerate(texts)},
        "solution": key if kind == "qcu" else [key],
    }
    problems = Problems(lambda path: "/".join(map(str, path)))
    item = parse_item(data, problems)
    assert item is not None, problems.messages
    return item


def test_share_counts_ties_and_chance():
    items = [
        qcu("a", "1.1", ["la plus longue", "b", "c", "d"]),  # key longest: 1
        qcu("b", "1.1", ["aa", "bb", "c", "d"]),  # key tied with one other: 1/2
        qcu("c", "1.1", ["a", "bbbbbb"]),  # key shortest: 0, chance 1/2
        qcu("d", "1.2", ["a", "bbbbbb", "c"], key="B"),  # key longest: 1, chance 1/3
        qcu("e", "1.2", ["a", "bbbbbb", "c"], kind="qcm"),  # not single-choice: not counted
    ]
    report = longest_key_cue(items)
    rows = {row.competence: row for row in report.rows}
    assert (rows["1.1"].items, rows["1.1"].longest) == (3, 1.5)
    assert rows["1.1"].chance == pytest.approx(0.25 + 0.25 + 0.5)
    assert (rows["1.2"].items, rows["1.2"].longest) == (1, 1.0)
    assert report.overall.share == pytest.approx(2.5 / 4)
    assert report.longest_keys == ("a", "b", "d")


def test_excesses_over_the_bank_and_within_a_competence():
    heavy = [qcu(f"k{n}", "2.1", ["la réponse la plus longue", "b", "c", "d"]) for n in range(4)]
    light = [qcu(f"l{n}", "3.1", ["a", "une autre réponse longue", "c", "d"]) for n in range(12)]
    report = longest_key_cue(heavy + light)
    assert report.overall.share == pytest.approx(4 / 16) and report.overall.share <= OVERALL_LIMIT
    assert report.excesses() == ["competence 2.1: the key is the longest proposal in 100% of its 4 single-choice "
                                 f"items (limit {COMPETENCE_LIMIT:.0%})"]
    few = longest_key_cue(heavy[:3] + light)  # three items say too little for a per-competence warning
    assert few.excesses() == []
    everywhere = longest_key_cue(heavy + light[:2])
    assert any("single-choice items (limit 35%" in e for e in everywhere.excesses())


def test_the_demo_bank_is_below_the_limits():
    report = longest_key_cue(validate_source(DEMO_SOURCE).source.items)
    assert report.overall.items >= 120
    assert report.excesses() == [], report.excesses()
    assert report.overall.share < 0.35
    assert all(row.share <= COMPETENCE_LIMIT for row in report.rows if row.items >= 4)


def test_validate_prints_both_reports_and_strict_fails_on_findings(tmp_path, capsys):
    assert main(["validate", str(DEMO_SOURCE), "--strict"]) == 0
    out = capsys.readouterr().out
    assert "typography report: 0 finding(s)" in out
    assert "cue report: single-choice items whose key is the longest proposal" in out
    assert "  all " in out

    source = tmp_path / "bank"
    shutil.copytree(DEMO_SOURCE, source)
    item = source / "items" / "2.4" / "online-civility-02.yaml"
    item.write_text(item.read_text(encoding="utf-8").replace("\u202f?", " ?", 1), encoding="utf-8")
    assert main(["validate", str(source)]) == 0  # a finding is reported, not fatal…
    out = capsys.readouterr().out
    assert "typography report: 1 finding(s)" in out and "items/2.4/online-civility-02.yaml:" in out
    assert main(["validate", str(source), "--strict"]) == 1  # …unless asked
    err = capsys.readouterr().err
    assert "fails --strict (1 typography finding(s), 0 cue(s) above the limits, 0 broken link(s))" in err


def test_strict_fails_on_a_cue_above_the_limits(tmp_path, capsys):
    source = tmp_path / "bank"
    shutil.copytree(DEMO_SOURCE, source)
    for path in sorted((source / "items" / "4.3").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "type: qcu" in text and "solution: A" in text:  # make each key far the longest
            text = text.replace("proposals:\n  A:\n    fr: \"", "proposals:\n  A:\n    fr: \"" + "Réponse " * 20)
            text = text.replace("proposals:\n  A: {fr: \"", "proposals:\n  A: {fr: \"" + "Réponse " * 20)
            path.write_text(text, encoding="utf-8")
    assert main(["validate", str(source), "--strict"]) == 1
    captured = capsys.readouterr()
    assert "warning: competence 4.3: the key is the longest proposal in" in captured.err
