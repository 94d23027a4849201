"""Particular items of the demonstration bank: the expert level, 1.3's multiple-choice items, two corrected keys.

Each expected answer is worked out here from the attachment or the program the item shows,
not copied from the item.
"""

import contextlib
import io
import re
from collections import defaultdict

import pytest

from itembank.answers import check
from itembank.authoring import validate_source
from itembank.authoring.csvfile import read_csv
from itembank.demo import DEMO_SOURCE
from itembank.model import ItemType, Outcome


@pytest.fixture(scope="module")
def items():
    report = validate_source(DEMO_SOURCE)
    assert report.ok, report.problems
    return {item.id: item for item in report.source.items}


def test_the_expert_level_8_has_items_in_every_domain(items):
    expert = [i for i in items.values() if i.level == 8]
    assert len(expert) >= 6
    assert {i.competence.split(".")[0] for i in expert} == {"1", "2", "3", "4", "5"}
    for item in expert:
        assert item.irt.b > max(i.irt.b for i in items.values() if i.level <= 7) - 1e-9, item.id
        assert item.explanation.fr.strip() and item.explanation.en.strip(), item.id


def test_competence_1_3_has_multiple_choice_items(items):
    qcm = [i for i in items.values() if i.competence == "1.3" and i.type is ItemType.QCM]
    assert len(qcm) >= 2
    assert all(1 < len(i.solution) < len(i.proposals) for i in qcm)


@pytest.mark.parametrize(("width", "height", "outcome"), [
    ("20,3", "13,5", Outcome.OK),
    ("20.32", "13.55", Outcome.OK),  # the unrounded values are not wrong
    ("20,3 cm", "13,546", Outcome.OK),
    ("20,3", "13,6", Outcome.KO),  # a wrong rounding of 13.546…
    ("20,4", "13,5", Outcome.KO),
    ("20,2", "13,5", Outcome.KO),
    ("20,3", "13,4", Outcome.KO),
])
def test_image_resolution_accepts_the_right_rounding_only(items, width, height, outcome):
    item = items["3.2-image-resolution-01"]
    assert check(item, {"width": width, "height": height}, "fr") is outcome


def test_open_formats_asks_for_a_standard_so_that_doc_is_not_an_answer(items):
    item = items["3.3-open-formats-01"]
    key = next(p for p in item.proposals if p.key == item.solution[0])
    assert ".odt" in key.text.fr
    assert "normalisé" in item.statement.fr and "organisme de normalisation" in item.statement.fr
    assert "standards body" in item.statement.en
    assert ".doc" in item.explanation.fr and "pas une norme" in item.explanation.fr


def test_the_month_of_highest_revenue_is_worked_out_from_the_attachment(items):
    rows = read_csv(DEMO_SOURCE / "attachments" / "1.3-sales-2025.csv")[1:]
    per_month: dict[int, int] = defaultdict(int)
    for date, _city, _seller, _product, quantity, price in rows:
        per_month[int(date[5:7])] += int(quantity) * int(price)
    best = max(per_month, key=per_month.get)
    share = round(100 * per_month[best] / sum(per_month.values()))
    item = items["1.3-sort-filter-04"]
    month_fr = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre"][best - 1]
    assert check(item, {"month": month_fr, "share": str(share)}, "fr") is Outcome.OK
    assert check(item, {"month": str(best), "share": f"{share} %"}, "fr") is Outcome.OK
    assert check(item, {"month": month_fr, "share": str(share + 1)}, "fr") is Outcome.KO
    runner_up = sorted(per_month, key=per_month.get)[-2]
    assert check(item, {"month": str(runner_up), "share": str(share)}, "fr") is Outcome.KO


def test_the_recursive_call_count_is_that_of_the_program_shown(items):
    item = items["3.4-functions-02"]
    program = re.search(r"```python\n(.*?)```", item.statement.fr, re.DOTALL).group(1)
    calls = []
    scope: dict = {}
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        exec(program.replace("def f(n):\n", "def f(n):\n    calls.append(n)\n"), {"calls": calls, **scope})
    assert printed.getvalue().strip() == "5"
    assert check(item, str(len(calls)), "fr") is Outcome.OK
    assert check(item, printed.getvalue().strip(), "fr") is Outcome.KO
