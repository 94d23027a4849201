"""The links report: an item's text may only name files of attachments/ that the item hands out."""

import shutil

from itembank.authoring import validate_source
from itembank.authoring.links import attachment_links
from itembank.cli import main
from itembank.demo import DEMO_SOURCE
from itembank.item_parser import parse_item
from itembank.model import Problems


def item(item_id: str, statement_fr: str, attachments=(), explanation_en: str = "Because."):
    data = {
        "id": item_id, "competence": "1.3", "tube": "t", "level": 3, "type": "qroc", "mode": "free",
        "statement": {"fr": statement_fr, "en": "Question?"}, "explanation": {"fr": "Parce que.", "en": explanation_en},
        "solutions": ["x"], "attachments": [{"file": f} for f in attachments],
    }
    problems = Problems(lambda path: "/".join(map(str, path)))
    parsed = parse_item(data, problems)
    assert parsed is not None, problems.messages
    return parsed


NAMES = ["1.3-sales.csv", "1.3-sales.csv.bak.txt", "logo.png"]


def test_a_named_file_must_be_handed_out():
    items = [
        item("ok", "Ouvrez `1.3-sales.csv`.", ["1.3-sales.csv"]),
        item("missing", "Ouvrez le fichier 1.3-sales.csv puis logo.png.", ["logo.png"]),
        item("in-english-explanation", "Rien.", explanation_en="As logo.png shows."),
        item("not-a-file-of-the-bank", "Ouvrez rapport.docx ou sales.csv, ou 1.3-sales.csv2, ou x1.3-sales.csv."),
    ]
    assert attachment_links(items, NAMES) == [
        "item missing: its statement (fr) names attachments/1.3-sales.csv, which is not among its attachments "
        "or illustrations",
        "item in-english-explanation: its explanation (en) names attachments/logo.png, which is not among its "
        "attachments or illustrations",
    ]
    assert attachment_links(items, []) == []


def test_the_demo_bank_has_no_broken_link():
    source = validate_source(DEMO_SOURCE).source
    assert attachment_links(source.items, source.attachments) == []


def test_validate_reports_a_broken_link_and_strict_fails(tmp_path, capsys):
    source = tmp_path / "bank"
    shutil.copytree(DEMO_SOURCE, source)
    path = source / "items" / "3.4" / "conditions-02.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - file: 3.4-race-times.csv")
    end = text.index("\n", text.index("title:", start)) + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert main(["validate", str(source)]) == 0
    out = capsys.readouterr().out
    assert "links report: 2 text(s)" in out and "item 3.4-conditions-02: its statement (fr) names" in out
    assert main(["validate", str(source), "--strict"]) == 1
    assert "2 broken link(s)" in capsys.readouterr().err
