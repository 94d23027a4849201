"""The demonstration bank: valid, bilingual, every solution accepted and every distractor refused."""

import itertools
from collections import Counter

import pytest

from itembank.answers import check, reference_responses
from itembank.authoring import validate_source
from itembank.demo import DEMO_BANK_PASSPHRASE, DEMO_SOURCE, build_demo_banks, demo_center
from itembank.model import InputKind, ItemType, Mode, Outcome
from itembank.normalise import parse_number
from itembank.pbank import open_bank


@pytest.fixture(scope="module")
def report():
    return validate_source(DEMO_SOURCE)


@pytest.fixture(scope="module")
def items(report):
    assert report.ok, "\n".join(report.problems)
    return report.source.items


def test_bank_validates(report):
    assert report.problems == []


def test_at_least_ten_items_per_competence_with_spread_levels(report, items):
    framework = report.source.framework
    assert len(framework.codes) == 16
    per = Counter(i.competence for i in items)
    assert all(per[code] >= 10 for code in framework.codes), per
    for code in framework.codes:
        levels = {i.level for i in items if i.competence == code}
        assert min(levels) <= 2 and max(levels) >= 6, (code, sorted(levels))
        assert len({i.tube for i in items if i.competence == code}) >= 3, code


def test_types_modes_and_attachments(report, items):
    types = Counter(i.type for i in items)
    assert set(types) == set(ItemType)
    kinds = {f.input for i in items if i.type is ItemType.QROC for f in i.fields}
    assert kinds == {InputKind.TEXT, InputKind.NUMBER}
    assert sum(i.mode is Mode.FOCUS for i in items) >= len(items) / 4
    assert len(report.source.attachments) >= 20
    free_with_files = [i for i in items if i.mode is Mode.FREE and i.attachments]
    assert len(free_with_files) >= 20
    suffixes = {name.rsplit(".", 1)[-1] for name in report.source.attachments}
    assert {"png", "pdf", "csv"} <= suffixes and suffixes & {"ods", "xlsx"} and suffixes & {"docx", "odt"}


def test_every_text_in_both_locales(items):
    for item in items:
        texts = [item.statement, item.explanation, *(p.text for p in item.proposals),
                 *(i.alt for i in item.illustrations), *(f.label for f in item.fields if f.label)]
        for text in texts:
            assert text.fr.strip() and text.en.strip(), item.id


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_stated_answers_accepted_and_distractors_refused(items, locale):
    for item in items:
        for response in reference_responses(item, locale):
            assert check(item, response, locale) is Outcome.OK, (item.id, response)
        assert check(item, None, locale) is Outcome.SKIPPED
        if item.type is ItemType.QCU:
            for key in item.proposal_keys:
                if key != item.solution[0]:
                    assert check(item, key, locale) is Outcome.KO, (item.id, key)
        elif item.type is ItemType.QCM:
            keys = item.proposal_keys
            for size in range(len(keys) + 1):
                for subset in itertools.combinations(keys, size):
                    if set(subset) != set(item.solution):
                        assert check(item, list(subset), locale) is Outcome.KO, (item.id, subset)
        elif item.type is ItemType.QROCM_DEP:
            first = item.solution_groups[0][0].for_locale(locale)
            twice = {f.key: first for f in item.fields}
            assert check(item, twice, locale) is Outcome.KO, item.id
        else:
            for field in item.fields:
                right = reference_responses(item, locale)[0]
                blank = {**right, field.key: ""}
                assert check(item, blank, locale) is Outcome.KO, (item.id, field.key)
                if field.input is InputKind.NUMBER:
                    value = parse_number(field.solutions[0].for_locale(locale))
                    off = {**right, field.key: str(value + 10 * field.tolerance + 1)}
                    assert check(item, off, locale) is Outcome.KO, (item.id, field.key)


def test_builds_verifies_and_opens_both_ways(tmp_path, items):
    banks = build_demo_banks(tmp_path)
    with open_bank(banks.practice, [banks.publisher], passphrase=DEMO_BANK_PASSPHRASE) as bank:
        bank.verify_all()
        assert len(bank.metas) == len(items)
        assert set(bank.profiles) >= {"certification", "practice-short"}
        short = bank.profile("practice-short")
        assert (short.length, short.duration_minutes) == (12, 20)
        assert bank.profile().length == 32
    with open_bank(banks.center, [banks.publisher], recipient=demo_center()) as bank:
        assert bank.item(items[0].id) == items[0]


def test_attachments_are_rebuilt_byte_for_byte_by_their_scripts(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_all", DEMO_SOURCE / "generate" / "make_all.py")
    make_all = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_all)
    produced: list[str] = []
    for script in make_all.generators():
        produced += make_all.run(script, tmp_path)
    committed = sorted(p.name for p in (DEMO_SOURCE / "attachments").iterdir())
    assert sorted(produced) == committed
    for name in committed:
        assert (tmp_path / name).read_bytes() == (DEMO_SOURCE / "attachments" / name).read_bytes(), name
