"""The French typography check of the validator: each rule, what it leaves alone, file:line, the fix."""

import re
import shutil

import pytest

from itembank.answers import check
from itembank.authoring import validate_source
from itembank.authoring.typography import (
    APOSTROPHE,
    NBSP,
    NNBSP,
    file_findings,
    findings_in_scalar,
    fix_text,
    typography_report,
)
from itembank.demo import DEMO_SOURCE
from itembank.model import Outcome

N, B, A = NNBSP, NBSP, APOSTROPHE


def messages(text: str, style=None) -> list[str]:
    return [f.message for f in findings_in_scalar(text, style)]


WRONG = {
    "plain space before ?": ("Que faites-vous ?", "before « ? »"),
    "no-break space of the wrong width before ?": (f"Que faites-vous{B}?", "before « ? »"),
    "no space before ?": ("Que faites-vous?", "no space before « ? »"),
    "plain space before !": ("Attention !", "before « ! »"),
    "plain space before ;": ("un ; deux", "before « ; »"),
    "plain space before :": ("Remarque : rien", "before « : »"),
    "narrow space before :": (f"Remarque{N}: rien", "before « : »"),
    "no space before : in a sentence": ("Remarque: rien", "no space before « : »"),
    "a line break before ? (a wrapped YAML line)": ("Que faites-\n    vous\n    ?", "a line break before « ? »"),
    "plain space after «": (f"« Bonjour{N}»", "after «"),
    "nothing after «": (f"«Bonjour{N}»", "after «"),
    "plain space before »": (f"«{N}Bonjour »", "before »"),
    "plain thousands": ("15 000 personnes", "group thousands"),
    "plain space before €": ("coûte 12 €", "« € »"),
    "plain space before %": ("soit 20 %", "« % »"),
    "plain space before a unit": ("une image de 300 ppp", "« ppp »"),
    "typewriter apostrophe": ("l'ordinateur", "apostrophe"),
    "English quotation marks": ("le bouton “Envoyer”", "quote with « »"),
    "e-mail in French": ("reçu par e-mail", "write « courriel »"),
    "mail in French": ("envoyez un mail.", "write « courriel »"),
    "email in French": ("votre Email", "write « courriel »"),
}

RIGHT = {
    "narrow spaces before ? ! ;": f"Que faire{N}? Attention{N}! un{N}; deux",
    "no-break space before :": f"Remarque{B}: rien",
    "guillemets with narrow spaces": f"«{N}Bonjour{N}»",
    "thousands and a unit": f"15{B}000{B}€ et 20{B}%",
    "the apostrophe": f"l{A}ordinateur",
    "inline code": "tapez `l'adresse ? : ;` puis `=SOMME(A1:A3)`",
    "a fenced code block": "avant\n```\nif x != 'oui' : print('?')\n```\naprès",
    "a URL": "ouvrez https://exemple.fr/page?id=3&x=1 puis www.exemple.fr/a?b",
    "an e-mail address": "écrivez à jean.dupont@exemple.fr",
    "glued punctuation that is not a sentence's": "Soleil2026! C:\\Windows 10:30 B2:B5 a;b",
    "a number that is not grouped": "en 2026 avec 06 01 02 03 04",
    "straight quotes (search queries, formulas)": '"tarte aux pommes" ou =NB.SI(B2:B30;">=10")',
    "e-mail in a quoted label, a file name, an address": f"le bouton «{N}Envoyer l{A}e-mail{N}», mail.txt, "
                                                          "mail-2026.eml, jean@mail.fr, Gmail, courriel",
}


@pytest.mark.parametrize("name", WRONG)
def test_each_rule_finds_its_fault(name):
    text, expected = WRONG[name]
    found = messages(text)
    assert any(expected in m for m in found), found


@pytest.mark.parametrize("name", RIGHT)
def test_correct_or_protected_text_passes(name):
    assert messages(RIGHT[name]) == []


def test_single_quoted_scalar_counts_a_doubled_quote_as_one_apostrophe():
    found = findings_in_scalar("'l''ordinateur'", "'")
    assert [(f.start, f.end, f.replacement) for f in found] == [(2, 4, A)]
    assert findings_in_scalar(f"'l{A}ordinateur'", "'") == []


def test_only_french_text_and_answer_keys_with_untypable_characters_are_reported():
    text = f"""statement:
  fr: Que faites-vous{N}?
  en: "What do you do ? It's 15 000 €"
fields:
  - key: a
    label: {{fr: "Nom d'hôte", en: "Host's name"}}
    solutions: [l'ordinateur, "15 000", "Que faire ?"]
  - key: b
    solutions: [{{fr: "l{A}école", en: school}}]
"""
    found = file_findings(text)
    assert [(text.count("\n", 0, f.start) + 1, f.message.split(":")[0]) for f in found] == [
        (6, "use the apostrophe ’ (U+2019) in French text"),
        (9, "an answer key holds U+2019, which a keyboard does not type"),
    ]


def test_choice_instructions_are_left_to_the_kiosk_in_both_languages():
    text = f"""statement:
  fr: |
    Quelles affirmations sont vraies{N}? Cochez toutes les
    bonnes réponses.
  en: Which statements are true? (several answers possible)
explanation: {{fr: "Plusieurs réponses possibles{B}: A et B.", en: "Tick every right answer: A, B."}}
"""
    found = [f for f in file_findings(text) if "kiosk" in f.message]
    assert [text.count("\n", 0, f.end) + 1 for f in found] == [4, 5]  # statements only, not explanations
    assert fix_text(text) == text.replace(" Cochez toutes les\n    bonnes réponses.", "").replace(
        " (several answers possible)", "")


def test_report_names_file_and_line_and_the_fix_clears_it(tmp_path):
    source = tmp_path / "bank"
    shutil.copytree(DEMO_SOURCE, source)
    item = source / "items" / "4.1" / "phishing-detection-01.yaml"
    original = item.read_text(encoding="utf-8")
    lines = original.splitlines()
    target = next(i for i, line in enumerate(lines) if f"faites-vous{N}?" in line)
    lines[target] = lines[target].replace(f"vous{N}?", "vous ?")
    broken = "\n".join(lines) + "\n"
    item.write_text(broken, encoding="utf-8")
    issues = typography_report(source)
    assert [(i.where, "« ? »" in i.message) for i in issues] == [(f"items/4.1/phishing-detection-01.yaml:{target + 1}",
                                                                  True)]
    assert "faites-vous ?" in issues[0].excerpt
    assert fix_text(broken) == original
    assert fix_text(original) == original


def test_the_demo_bank_has_no_typography_finding():
    issues = typography_report(DEMO_SOURCE)
    assert issues == [], "\n".join(map(str, issues[:20]))


def test_the_demo_bank_french_text_uses_the_rules():
    """Not vacuous: the bank's French text does carry the characters the rules ask for."""
    items = validate_source(DEMO_SOURCE).source.items
    french = "".join(item.statement.fr + item.explanation.fr for item in items)
    assert french.count(A) > 500 and french.count(f"{N}?") > 150 and french.count(f"{B}:") > 150
    assert "'" not in re.sub(r"`[^`]*`|```.*?```", "", french, flags=re.DOTALL)  # straight ones only in code
    english = "".join(item.statement.en for item in items)
    assert NNBSP not in english and "'" in english


@pytest.fixture(scope="module")
def demo_items():
    return {item.id: item for item in validate_source(DEMO_SOURCE).source.items}


@pytest.mark.parametrize("typed", [";", "« ; »", "«\u202f;\u202f»", " ; ", "';'", "point-virgule", "le point-virgule"])
def test_typed_separator_answers_still_match(demo_items, typed):
    """What a candidate types, with plain spaces and straight quotes, matches the keyed answers."""
    item = demo_items["1.3-csv-files-02"]
    assert check(item, {"separator": typed, "rows": "48"}, "fr") is Outcome.OK


@pytest.mark.parametrize("typed", ["3 800", "3\u00a0800", "3\u202f800", "3800", "3\u00a0800\u00a0euros"])
def test_typed_numbers_with_any_space_still_match(demo_items, typed):
    item = demo_items["2.3-review-comments-03"]
    right = {f.key: f.solutions[0].for_locale("fr") for f in item.fields}
    assert check(item, {**right, "budget": typed}, "fr") is Outcome.OK


def test_answer_keys_of_the_demo_bank_hold_only_typable_characters(demo_items):
    for item in demo_items.values():
        accepted = [a for f in item.fields for a in f.solutions] + [a for g in item.solution_groups for a in g]
        for answer in accepted:
            for locale in ("fr", "en"):
                text = answer.for_locale(locale)
                assert not set(text) & {A, N, B, "\u2018", "\u201c", "\u201d"}, (item.id, text)


def test_hostile_files_cost_their_size_not_their_expansion(tmp_path):
    """Nested aliases ('billion laughs') are walked once per node; too deep a nesting is skipped, not raised."""
    (tmp_path / "items").mkdir()
    bomb = ['a0: &a0 {fr: "x ?"}'] + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 30)]
    (tmp_path / "items" / "bomb.yaml").write_text("\n".join(bomb) + "\n", encoding="utf-8")
    (tmp_path / "items" / "deep.yaml").write_text("fr: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    (tmp_path / "items" / "binary.yaml").write_bytes(b"\xff\xfe\x00fr: x")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    outside.write_text("fr: Que faire ?\n", encoding="utf-8")
    (tmp_path / "items" / "link.yaml").symlink_to(outside)
    (tmp_path / "items" / "escape.yaml").write_text('fr: "\u202eQue faire ?"\n', encoding="utf-8")
    issues = typography_report(tmp_path)
    assert [(i.where, "« ? »" in i.message) for i in issues] == [("items/bomb.yaml:1", True),
                                                                  ("items/escape.yaml:1", True)]
    assert "\u202e" not in str(issues[1])  # a right-to-left override is not sent to the terminal
