"""Answer checking: a case table per item type, then properties of free-text normalisation."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itembank.answers import check, is_blank, reference_responses
from itembank.errors import AnswerFormatError
from itembank.model import Item, Outcome
from itembank.normalise import levenshtein, normalise, parse_number, t1, text_matches
from tests.itembank.conftest import base_item

OK, KO, SKIPPED = Outcome.OK, Outcome.KO, Outcome.SKIPPED


def qroc(**changes):
    return Item.from_dict(base_item(type="qroc", proposals=None, solution=None, **changes))


QCU = Item.from_dict(base_item())
QCM = Item.from_dict(base_item(type="qcm", solution=["A", "C"]))
TEXT = qroc(input="text", solutions=["mot de passe", {"fr": "phrase de passe", "en": "passphrase"}])
STRICT = qroc(input="text", solutions=["docx"], normalise=["t1", "t2"])
T1_ONLY = qroc(input="text", solutions=["C++"], normalise=["t1"])
NUMBER = qroc(input="number", solutions=[3.5], tolerance=0.05)
IND = Item.from_dict(base_item(type="qrocm-ind", proposals=None, solution=None, fields=[
    {"key": "total", "input": "number", "solutions": [1250]},
    {"key": "best", "solutions": ["Martin"]},
]))
DEP = Item.from_dict(base_item(type="qrocm-dep", proposals=None, solution=None, normalise=["t1", "t2"],
                               fields=[{"key": "first"}, {"key": "second"}],
                               solution_groups=[["ctrl+c", "cmd+c"], ["ctrl+v"], ["ctrl+x"]]))

CASES = [
    ("qcu right", QCU, "C", OK),
    ("qcu wrong", QCU, "A", KO),
    ("qcu skipped", QCU, None, SKIPPED),
    ("qcm exact set", QCM, ["C", "A"], OK),
    ("qcm as set", QCM, {"A", "C"}, OK),
    ("qcm subset", QCM, ["A"], KO),
    ("qcm superset", QCM, ["A", "B", "C"], KO),
    ("qcm empty", QCM, [], KO),
    ("text t1 case/accents/spaces", TEXT, "  MOT  de  PASSE ", OK),
    ("text accents", TEXT, "mot de pàssé", OK),
    ("text t3 typo", TEXT, "mot de pase", OK),
    ("text too far", TEXT, "identifiant", KO),
    ("text per-locale fr", TEXT, "phrase de passe", OK),
    ("text empty", TEXT, "", KO),
    ("strict no typo", STRICT, "doc", KO),
    ("strict t2 punctuation", STRICT, ".docx", OK),
    ("t1 only keeps punctuation", T1_ONLY, "c", KO),
    ("t1 only exact", T1_ONLY, "c ++", OK),
    ("number comma", NUMBER, "3,5", OK),
    ("number dot", NUMBER, "3.52", OK),
    ("number outside tolerance", NUMBER, "3.6", KO),
    ("number garbage", NUMBER, "trois", KO),
    ("ind all right", IND, {"total": "1 250", "best": "martin"}, OK),
    ("ind one wrong", IND, {"total": "1250", "best": "Dupont"}, KO),
    ("ind missing field", IND, {"total": "1250"}, KO),
    ("dep any order", DEP, {"first": "Ctrl+V", "second": "ctrl c"}, OK),
    ("dep alternative spelling", DEP, {"first": "cmd+c", "second": "ctrl+x"}, OK),
    ("dep same group twice", DEP, {"first": "ctrl+c", "second": "cmd+c"}, KO),
    ("dep blank", DEP, {"first": "ctrl+c", "second": ""}, KO),
]


@pytest.mark.parametrize(("name", "item", "response", "outcome"), CASES, ids=[c[0] for c in CASES])
def test_check(name, item, response, outcome):
    assert check(item, response, "fr") is outcome


def test_number_with_the_unit_typed_after_it():
    item = qroc(input="number", solutions=[12], unit={"fr": "%", "en": "%"})
    assert check(item, "12 %", "fr") is OK and check(item, "12%", "en") is OK and check(item, "12", "fr") is OK
    mb = qroc(input="number", solutions=[250], unit={"fr": "Mo", "en": "MB"})
    assert check(mb, "250 Mo", "fr") is OK and check(mb, "250 mb", "en") is OK and check(mb, "250 Go", "fr") is KO


def test_per_locale_solution_depends_on_locale():
    assert check(TEXT, "passphrase", "en") is OK
    assert check(TEXT, "passphrase", "fr") is KO


@pytest.mark.parametrize(
    ("item", "response", "fragment"),
    [
        (QCU, ["C"], "one proposal key"),
        (QCU, "Z", "not one of its proposals"),
        (QCM, "A", "collection of proposal keys"),
        (QCM, ["A", "Q"], "are not proposals"),
        (IND, {"total": "1", "nope": "x"}, "unknown answer field"),
        (IND, "1250", "mapping of field"),
    ],
)
def test_malformed_responses_are_refused(item, response, fragment):
    with pytest.raises(AnswerFormatError, match=fragment):
        check(item, response)


def test_reference_responses_are_accepted():
    for item in (QCU, QCM, TEXT, NUMBER, IND, DEP):
        for locale in ("fr", "en"):
            for response in reference_responses(item, locale):
                assert check(item, response, locale) is OK, (item.id, response)


def test_blank():
    assert is_blank(TEXT, "  ") and is_blank(IND, {"total": "", "best": None}) and is_blank(QCM, [])
    assert not is_blank(QCU, "A")


@pytest.mark.parametrize(
    ("text", "value"),
    [("3,5", 3.5), ("3.5", 3.5), ("1 024", 1024), ("1\u202f024,5", 1024.5), ("1,024.5", 1024.5),
     ("1.024,5", 1024.5), ("-2", -2), ("\u22122", -2), ("+7", 7), (".5", 0.5), ("1e3", 1000), ("", None),
     ("abc", None), ("1,2,3", 123), ("3,5 €", None), ("nan", None), ("inf", None)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "fr", "en"),
    [("173,245", 173.245, 173245), ("3,800", 3.8, 3800), ("3,5", 3.5, 3.5), ("1,024,000", 1024000, 1024000),
     ("12,50", 12.5, 12.5), ("1,024.5", 1024.5, 1024.5)],
)
def test_thousands_comma_in_english_only(text, fr, en):
    assert parse_number(text, "fr") == fr
    assert parse_number(text, "en") == en


# -- properties --------------------------------------------------------------------------------
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30)


def t1_preserving_edit(text: str, data) -> str:
    """Change case, add accents and spacing: what t1 is meant to ignore."""
    out = []
    for ch in text:
        choice = data.draw(st.integers(0, 3))
        if choice == 1:
            ch = ch.upper() if ch.upper().casefold() == ch.casefold() else ch
        elif choice == 2 and ch in "aeiouc":
            ch = unicodedata.normalize("NFC", ch + "\u0301")
        elif choice == 3:
            ch = ch + " "
        out.append(ch)
    return "  " + "".join(out) + "\t"


@given(words)
def test_normalisation_is_idempotent(text):
    for steps in (["t1"], ["t1", "t2"]):
        once = normalise(text, steps)
        assert normalise(once, steps) == once


@settings(max_examples=200)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 -+.", min_size=1, max_size=20), st.data())
def test_accents_case_spacing_never_change_a_t1_verdict(expected, data):
    given_text = data.draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=20))
    edited = t1_preserving_edit(given_text, data)
    for steps in (["t1"], ["t1", "t2"], ["t1", "t2", "t3"]):
        assert text_matches(edited, expected, steps) == text_matches(given_text, expected, steps)


@settings(max_examples=200)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=20), st.data())
def test_correct_answer_accepted_after_any_t1_preserving_edit(expected, data):
    item = qroc(input="text", solutions=[expected])
    assert check(item, t1_preserving_edit(expected, data)) is OK


@given(st.text(max_size=12), st.text(max_size=12))
def test_levenshtein_is_a_distance(a, b):
    assert levenshtein(a, b) == levenshtein(b, a)
    assert (levenshtein(a, b) == 0) == (a == b)
    assert abs(len(a) - len(b)) <= levenshtein(a, b) <= max(len(a), len(b))


def test_t1_examples():
    assert t1("  Éléphant Rose ") == "elephantrose"
    assert t1("ŒUVRE") == "œuvre"
    assert t1("𝕬") == "a" == t1(t1("𝕬"))  # compatibility forms fold before case


# -- what checking prepares once per item and keeps ---------------------------------------------
def test_two_items_with_the_same_id_keep_their_own_answers():
    """Two banks may hold an item of the same id with other solutions: each is judged by its own."""
    first = qroc(input="text", solutions=["pare-feu"])
    second = qroc(input="text", solutions=["antivirus"])
    assert first.id == second.id
    for _ in range(2):  # prepared on the first pass, kept on the second
        assert check(first, "pare-feu") is OK and check(first, "antivirus") is KO
        assert check(second, "antivirus") is OK and check(second, "pare-feu") is KO
    a, b = qroc(input="number", solutions=[10]), qroc(input="number", solutions=[20])
    for _ in range(2):
        assert (check(a, "10"), check(b, "10"), check(a, "20"), check(b, "20")) == (OK, KO, KO, OK)
    equal = [qroc(input="text", solutions=["mot de passe"]) for _ in range(2)]
    assert equal[0] == equal[1] and all(check(item, "mot de passe") is OK for item in equal)


def test_an_item_read_again_after_the_first_is_gone_is_judged_by_its_own_answers():
    """What is kept for an item goes with it: an item made later (perhaps at the same address) never
    inherits it."""
    import gc

    from itembank import answers

    kept = len(answers._KEYS)
    for n in range(6):  # each full collection walks the whole suite's heap: a few suffice
        right, wrong = ("pare-feu", "antivirus")[::1 if n % 2 else -1]
        item = qroc(input="text", solutions=[right])
        assert check(item, right) is OK and check(item, wrong) is KO
        del item
        gc.collect()
    assert len(answers._KEYS) <= kept + 1


def test_each_locale_has_its_own_accepted_answers_whichever_comes_first():
    for order in (("fr", "en"), ("en", "fr")):
        item = qroc(input="text", solutions=[{"fr": "phrase de passe", "en": "passphrase"}])
        verdicts = {locale: (check(item, "phrase de passe", locale), check(item, "passphrase", locale))
                    for locale in order for _ in range(2)}
        assert verdicts == {"fr": (OK, KO), "en": (KO, OK)}
        number = qroc(input="number", solutions=[{"fr": "1,5", "en": "1.5"}], unit={"fr": "Mo", "en": "MB"})
        verdicts = {locale: (check(number, "1,5 Mo", locale), check(number, "1.5 MB", locale),
                             check(number, "173,245", locale)) for locale in order for _ in range(2)}
        assert verdicts == {"fr": (OK, KO, KO), "en": (KO, OK, KO)}
        thousands = qroc(input="number", solutions=[173245])  # 173,245 is a thousand-grouped number in English
        assert [check(thousands, "173,245", locale) for locale in order for _ in range(2)] == \
            [OK if locale == "en" else KO for locale in order for _ in range(2)]
    other = qroc(input="text", solutions=[{"fr": "phrase de passe", "en": "passphrase"}])
    for n in range(8):  # locales past the few kept are prepared again each time, with the same verdicts
        assert check(other, "phrase de passe", f"x{n}") is OK and check(other, "passphrase", "en") is OK


def test_the_same_answer_given_to_two_fields_is_judged_by_each_field():
    item = Item.from_dict(base_item(type="qrocm-ind", proposals=None, solution=None, fields=[
        {"key": "a", "solutions": ["alpha"]}, {"key": "b", "solutions": ["bravo"]}]))
    for _ in range(2):
        assert check(item, {"a": "alpha", "b": "bravo"}) is OK
        assert check(item, {"a": "bravo", "b": "alpha"}) is KO
        assert check(item, {"a": "alpha", "b": "alpha"}) is KO


def test_remembered_verdicts_are_forgotten_past_the_bound_without_changing_any():
    from itembank.normalise import REMEMBERED_ANSWERS, TextAnswers

    answers = TextAnswers(["mot de passe"], ["t1", "t2", "t3"])
    given = [f"mot de pass{'e' * (n % 3)}{n}" for n in range(3 * REMEMBERED_ANSWERS)] + ["MOT de passe", "x" * 500]
    for text in given + given[::-1]:
        assert answers.matches(text) == text_matches(text, "mot de passe", ["t1", "t2", "t3"])
        assert len(answers._seen) <= REMEMBERED_ANSWERS


def test_malformed_responses_get_the_same_messages_on_a_prepared_item():
    for _ in range(2):
        with pytest.raises(AnswerFormatError, match=r"item 4\.1-phishing-03: field total must be text"):
            check(IND, {"total": ["1"], "best": "x"})
        with pytest.raises(AnswerFormatError, match=r"\['Q'\] are not proposals"):
            check(QCM, ["A", "Q"])
        with pytest.raises(TypeError):
            check(QCM, 3)


steps_lists = st.lists(st.sampled_from(["t1", "t2", "t3"]), unique=True)
answer_text = st.text(alphabet="aAeéÉ1 ,.-'\u00a0ßﬁ\u0301xyzXYZ", max_size=12)


@settings(max_examples=300)
@given(st.lists(answer_text, min_size=1, max_size=3), st.lists(answer_text, min_size=1, max_size=6), steps_lists)
def test_answers_prepared_once_give_the_verdicts_of_text_matches(expected, given_texts, steps):
    from itembank.normalise import TextAnswers

    prepared = TextAnswers(expected, steps)
    for text in given_texts + given_texts:
        assert prepared.matches(text) == any(text_matches(text, e, steps) for e in expected)
