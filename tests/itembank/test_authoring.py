"""The source folder: every problem at once, each with its file and line."""

import os
import textwrap
from pathlib import Path

import pytest
import yaml

from itembank.authoring import SizeLimits, load_source, validate_source, write_source
from itembank.errors import AuthoringError
from itembank.synth import synthetic_bank
from tests.itembank.conftest import base_item


@pytest.fixture
def folder(tmp_path) -> Path:
    root = write_source(synthetic_bank(64, seed=5), tmp_path / "bank")
    return root


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def test_valid_folder_loads(folder):
    report = validate_source(folder)
    assert report.ok, report.problems
    assert len(report.source.items) == 64


def test_problem_names_file_and_line(folder):
    write(folder / "items/4.1/phishing-03.yaml", """
        id: 4.1-phishing-03
        competence: "4.1"
        tube: phishing
        level: 3
        type: qcu
        mode: focus
        statement: {fr: Que faites-vous ?, en: What do you do?}
        explanation: {fr: Parce que., en: Because.}
        proposals:
          A: {fr: Je clique, en: I click}
          B: {fr: Je réponds, en: I reply}
          C: {fr: Je signale, en: I report}
        solution: D
        """)
    report = validate_source(folder)
    assert "items/4.1/phishing-03.yaml:13: solution 'D' is not one of the proposals A–C" in report.problems


def test_all_problems_reported_at_once(folder):
    write(folder / "items/a.yaml", yaml.safe_dump(base_item(id="x-1", level=0)))
    write(folder / "items/b.yaml", yaml.safe_dump(base_item(id="x-2", mode="open", solutiun="A")))
    write(folder / "items/c.yaml", "id: [unclosed\n")
    write(folder / "items/d.yaml", yaml.safe_dump(base_item(id="1.1-s00000")))
    report = validate_source(folder)
    text = "\n".join(report.problems)
    assert "items/a.yaml:" in text and "not a level" in text
    assert "items/b.yaml:" in text and "'open' is not a valid mode" in text
    assert "unknown field 'solutiun'" in text
    assert "items/c.yaml:2: not valid YAML" in text
    assert "items/d.yaml:5: item id '1.1-s00000' is already used by items/1.1/1.1-s00000.yaml:1" in text
    assert len(report.problems) >= 5
    with pytest.raises(AuthoringError) as info:
        load_source(folder)
    assert len(info.value.problems) == len(report.problems)


def test_bank_level_checks(folder):
    write(folder / "items/z.yaml", yaml.safe_dump(base_item(
        id="z-1", competence="6.1", attachments=[{"file": "missing.pdf"}])))
    write(folder / "items/y.yaml", yaml.safe_dump(base_item(id="y-1", competence="1.1", tube="c12-t00")))
    (folder / "attachments").mkdir(exist_ok=True)
    (folder / "attachments" / "unused.csv").write_text("a,b\n")
    (folder / "attachments" / "virus.exe").write_bytes(b"MZ")
    report = validate_source(folder)
    text = "\n".join(report.problems)
    assert "competence '6.1' is not a competence number" in text or "'6.1' is not in competences.yaml" in text
    assert "file 'missing.pdf' is not in attachments/" in text
    assert "tube 'c12-t00' already belongs to competence 1.2" in text
    assert "attachments/virus.exe: file type '.exe' is not supported" in text
    assert "attachments/unused.csv: not used by any item" in report.warnings


def test_tube_file_holds_several_items(folder):
    write(folder / "items/tube.yaml", """
        competence: "2.1"
        tube: netiquette
        type: qcu
        mode: focus
        items:
          - id: 2.1-netiquette-01
            level: 1
            statement: {fr: Q1, en: Q1}
            explanation: {fr: E, en: E}
            proposals: {A: {fr: a, en: a}, B: {fr: b, en: b}}
            solution: A
          - id: 2.1-netiquette-02
            level: 9
            statement: {fr: Q2, en: Q2}
            explanation: {fr: E, en: E}
            proposals: {A: {fr: a, en: a}, B: {fr: b, en: b}}
            solution: B
        """)
    report = validate_source(folder)
    assert report.problems == ["items/tube.yaml:13: '9' is not a level (a whole number from 1 to 8)"]


def test_missing_files_and_profiles(tmp_path):
    report = validate_source(tmp_path / "nothing")
    assert "not a folder" in report.problems[0]
    (tmp_path / "empty").mkdir()
    report = validate_source(tmp_path / "empty")
    text = "\n".join(report.problems)
    assert "bank.yaml: missing" in text and "profile.yaml: missing" in text and "items/: no item files" in text


def test_profile_problems_point_into_profile_yaml(folder):
    write(folder / "profile.yaml", """
        default: exam
        profiles:
          certification:
            length: 32
            min_treated: 40
            strategy: guess
        """)
    text = "\n".join(validate_source(folder).problems)
    assert "profile.yaml:1: default profile 'exam' is not defined" in text
    assert "profile.yaml:5: min_treated must be between 1 and length (32)" in text
    assert "profile.yaml:6: unknown strategy 'guess'" in text


def test_blueprint_needs_enough_tubes(folder):
    for path in (folder / "items" / "3.4").glob("*.yaml"):
        data = yaml.safe_load(path.read_text())
        data["tube"] = "only-one"
        path.write_text(yaml.safe_dump(data))
    text = "\n".join(validate_source(folder).problems)
    assert "competence 3.4 has 1 tube(s); profile 'certification' needs 2" in text


ALIAS_BOMB = "\n".join(
    ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    + ["id: *a8"]
) + "\n"


def test_yaml_alias_bomb_is_refused_with_its_line(folder):
    assert len(ALIAS_BOMB) < 500
    write(folder / "items/bomb.yaml", ALIAS_BOMB)
    problems = [p for p in validate_source(folder).problems if p.startswith("items/bomb.yaml")]
    assert problems == ["items/bomb.yaml:2: YAML aliases (*name) are not allowed in a bank source; "
                        "write the value out in full"]


@pytest.mark.parametrize("text, line", [
    ("id: &x one\nstem: *x\n", 2),                       # a scalar alias
    ("base: &b {level: 2}\nother:\n  <<: *b\n", 3),       # a merge key
    ("loop: &l [1, *l]\n", 1),                            # a recursive alias
])
def test_every_alias_is_refused(folder, text, line):
    write(folder / "items/alias.yaml", text)
    problems = [p for p in validate_source(folder).problems if p.startswith("items/alias.yaml")]
    assert problems == [f"items/alias.yaml:{line}: YAML aliases (*name) are not allowed in a bank source; "
                        "write the value out in full"]


def _attachment_problems(report):
    return sorted(p for p in report.problems if p.startswith("attachments/"))


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="POSIX links and FIFOs")
def test_links_and_special_files_in_attachments_are_refused_by_name(folder):
    attachments = folder / "attachments"
    attachments.mkdir(exist_ok=True)
    (attachments / "passwd.txt").symlink_to("/etc/passwd")
    (attachments / "gone.png").symlink_to(attachments / "nowhere.png")
    (attachments / "loop.png").symlink_to(attachments / "loop.png")
    (attachments / "system").symlink_to("/etc", target_is_directory=True)
    os.mkfifo(attachments / "pipe.csv")
    report = validate_source(folder)
    problems = _attachment_problems(report)
    assert problems == [
        f"attachments/gone.png: a symbolic link (to {attachments / 'nowhere.png'}); links are not followed: copy "
        "the file itself into attachments/",
        f"attachments/loop.png: a symbolic link (to {attachments / 'loop.png'}); links are not followed: copy "
        "the file itself into attachments/",
        "attachments/passwd.txt: a symbolic link (to /etc/passwd); links are not followed: copy the file itself "
        "into attachments/",
        "attachments/pipe.csv: a named pipe (FIFO), not a file; remove it",
        "attachments/system: a symbolic link (to /etc); links are not followed: copy the file itself into "
        "attachments/",
    ]
    assert report.source is None


@pytest.mark.skipif(os.name != "posix", reason="POSIX links")
def test_a_linked_attachments_folder_is_refused(folder, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("not for the bank")
    (folder / "attachments").symlink_to(elsewhere, target_is_directory=True)
    assert any(p.startswith("attachments/: a symbolic link") for p in validate_source(folder).problems)


def test_an_empty_attachment_is_a_warning(folder):
    (folder / "attachments").mkdir(exist_ok=True)
    (folder / "attachments" / "empty.csv").write_bytes(b"")
    report = validate_source(folder)
    assert "attachments/empty.csv: empty file (0 bytes)" in report.warnings
    assert report.ok


def test_attachment_and_bank_sizes_are_capped(folder):
    (folder / "attachments").mkdir(exist_ok=True)
    (folder / "attachments" / "big.pdf").write_bytes(b"%" * 3000)
    (folder / "attachments" / "a.csv").write_bytes(b"x" * 900)
    (folder / "attachments" / "b.csv").write_bytes(b"x" * 900)
    report = validate_source(folder, SizeLimits(attachment_bytes=1000, bank_bytes=1500))
    problems = _attachment_problems(report)
    assert len(problems) == 2
    assert problems[0].startswith("attachments/: 0.0 MiB in all, more than the 0 MiB a bank may hold")
    assert problems[1].startswith("attachments/big.pdf: 0.0 MiB, more than the 0 MiB an attachment may have")
    assert validate_source(folder).ok  # the defaults leave room for them


def test_cli_size_options(folder, capsys):
    from itembank.cli import main

    (folder / "attachments").mkdir(exist_ok=True)
    (folder / "attachments" / "big.pdf").write_bytes(b"%" * 300_000)
    assert main(["validate", str(folder), "--max-attachment-mb", "0.1"]) == 1
    err = capsys.readouterr().err
    assert "attachments/big.pdf: 0.3 MiB, more than the 0 MiB an attachment may have (--max-attachment-mb)" in err
    assert "Traceback" not in err
    assert main(["validate", str(folder), "--max-bank-mb", "0"]) == 1
    assert "--max-bank-mb must be a positive number of MiB, not 0" in capsys.readouterr().err


@pytest.mark.parametrize("depth", [100, 999, 5000])
def test_deep_nesting_is_one_clear_problem(folder, depth):
    write(folder / "items/deep.yaml", "stem: x\nid: " + "[" * depth + "]" * depth + "\n")
    problems = [p for p in validate_source(folder).problems if p.startswith("items/deep.yaml")]
    assert len(problems) == 1 and problems[0].startswith("items/deep.yaml:2: ")
    assert "nested deeper than 64 levels" in problems[0] or "maximum nesting depth" in problems[0]


def test_unreadable_attachments_and_folders_are_problems(folder, monkeypatch):
    """As an account that may not read them (simulated: the tests may run as root, who reads anything)."""
    (folder / "attachments" / "locked").mkdir(parents=True)
    (folder / "attachments" / "locked" / "a.csv").write_text("x")
    (folder / "attachments" / "nope.csv").write_text("x")
    real_open, real_scandir = os.open, os.scandir

    def refusing_open(path, *args, **kwargs):
        if str(path).endswith("nope.csv"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    def refusing_scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "open", refusing_open)
    monkeypatch.setattr(os, "scandir", refusing_scandir)
    problems = _attachment_problems(validate_source(folder))
    assert problems == ["attachments/locked: cannot be listed (Permission denied)",
                        "attachments/nope.csv: cannot be read (Permission denied)"]
