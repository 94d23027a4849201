"""Calibration: parameter recovery on simulated data, response tables, writing back to the source."""

import numpy as np
import pytest
import yaml

from itembank import cli_engine
from itembank.calibration import CalibrationError, calibrate, read_responses, set_irt, write_responses


def simulated(n_people=1500, n_items=30, missing=0.5, seed=0):
    rng = np.random.default_rng(seed)
    a = rng.uniform(0.8, 2.0, n_items)
    b = rng.normal(0, 1, n_items)
    theta = rng.normal(size=n_people)
    p = 1 / (1 + np.exp(a * (b - theta[:, None])))
    table = (rng.random((n_people, n_items)) < p).astype(float)
    table[rng.random(table.shape) < missing] = np.nan
    return a, b, table


def test_parameters_are_recovered_from_incomplete_data():
    a, b, table = simulated()
    result = calibrate(table)
    assert result.converged
    assert np.sqrt(np.mean((result.b - b) ** 2)) < 0.15
    assert np.sqrt(np.mean((result.a - a) ** 2)) < 0.25
    assert np.corrcoef(result.a, a)[0, 1] > 0.8
    assert np.all(result.counts == np.isfinite(table).sum(axis=0))


def test_items_without_answers_keep_a_neutral_estimate_and_are_filtered():
    _, _, table = simulated(n_people=300, n_items=6)
    table[:, 2] = np.nan
    table[:250, 4] = np.nan
    result = calibrate(table, [f"i{k}" for k in range(6)])
    assert result.counts[2] == 0 and np.isfinite(result.b[2])
    assert "i2" not in result.estimates(1)
    assert "i4" not in result.estimates(100) and "i0" in result.estimates(100)


def test_fixed_discriminations_are_held_and_only_b_is_estimated():
    a, b, table = simulated()
    fixed = a.copy()
    fixed[::3] = np.nan  # these items' a is estimated as usual
    result = calibrate(table, fixed_a=fixed)
    held = ~np.isnan(fixed)
    assert np.array_equal(result.a[held], a[held])
    assert np.sqrt(np.mean((result.b - b) ** 2)) < 0.15
    assert not np.array_equal(result.a[~held], a[~held])
    with pytest.raises(CalibrationError, match="fixed discriminations for 30 items"):
        calibrate(table, fixed_a=a[:5])
    with pytest.raises(CalibrationError, match="positive"):
        calibrate(table, fixed_a=-a)


def test_invalid_tables_are_refused():
    with pytest.raises(CalibrationError, match="not 0 or 1"):
        calibrate(np.array([[1.0, 2.0]]))
    with pytest.raises(CalibrationError, match="item ids"):
        calibrate(np.zeros((3, 2)), ["only-one"])


def test_response_tables_round_trip():
    _, _, table = simulated(n_people=20, n_items=4)
    text = write_responses([f"c{k}" for k in range(20)], ["a", "b", "c", "d"], table)
    candidates, items, again = read_responses(text)
    assert candidates[0] == "c0" and items == ["a", "b", "c", "d"]
    assert np.array_equal(np.isnan(again), np.isnan(table)) and np.array_equal(again[~np.isnan(again)],
                                                                              table[~np.isnan(table)])
    semicolons = "candidate;x;y\nc1;1;\nc2;NA;0\n"
    _, items, t = read_responses(semicolons)
    assert items == ["x", "y"] and t[0, 0] == 1 and np.isnan(t[1, 0]) and t[1, 1] == 0
    with pytest.raises(CalibrationError, match="line 2"):
        read_responses("candidate,x\nc1,yes\n")


# -- writing back -------------------------------------------------------------------------------
SINGLE = """\
# Phishing: the classic
id: 4.1-phishing-03   # keep this comment
competence: "4.1"
tube: phishing
irt:
  a: 1.2   # from the level
  b: -0.75
statement:
  fr: Que faites-vous ?
  en: What do you do?
"""


@pytest.mark.parametrize(("text", "expected_irt"), [
    (SINGLE, "irt: {a: 1.500, b: 0.250}\n"),
    (SINGLE.replace("irt:\n  a: 1.2   # from the level\n  b: -0.75\n",
                    "irt: {a: 1.2, b: -0.75, c: 0.2}  # old\n"),
     "irt: {a: 1.500, b: 0.250, c: 0.2}\n"),
    (SINGLE.replace("irt:\n  a: 1.2   # from the level\n  b: -0.75\n", ""), "irt: {a: 1.500, b: 0.250}\n"),
])
def test_set_irt_changes_only_the_irt_line(text, expected_irt):
    out = set_irt(text, "4.1-phishing-03", 1.5, 0.25)
    assert expected_irt in out
    assert "# Phishing: the classic" in out and "# keep this comment" in out
    data = yaml.safe_load(out)
    assert data["irt"]["a"] == 1.5 and data["irt"]["b"] == 0.25
    assert data["statement"]["en"] == "What do you do?"
    untouched = [line for line in text.splitlines() if "irt" not in line and not line.startswith("  a:")
                 and not line.startswith("  b:")]
    assert all(line in out.splitlines() for line in untouched)


def test_set_irt_in_a_file_of_several_items():
    text = """\
- id: t-01
  level: 2
  irt: {a: 1, b: 2}
- competence: "1.2"
  id: t-02   # second
  level: 3

- id: t-03
  level: 4
  irt:
    a: 0.9
    b: 1.1
"""
    out = text
    for item_id, (a, b) in {"t-01": (1.1, 0.1), "t-02": (2.2, 0.2), "t-03": (3.3, 0.3)}.items():
        out = set_irt(out, item_id, a, b)
    data = yaml.safe_load(out)
    assert [d["irt"] for d in data] == [{"a": 1.1, "b": 0.1}, {"a": 2.2, "b": 0.2}, {"a": 3.3, "b": 0.3}]
    assert [d["level"] for d in data] == [2, 3, 4] and "# second" in out
    with pytest.raises(CalibrationError, match="not defined"):
        set_irt(text, "t-09", 1, 1)


@pytest.mark.slow
def test_the_calibrate_command_updates_a_source_folder(tmp_path, capsys):
    from itembank.authoring import load_source, write_source
    from itembank.synth import synthetic_bank

    bank = synthetic_bank(64, 3)
    write_source(bank, tmp_path / "bank")
    rng = np.random.default_rng(1)
    ids = [i.id for i in bank.items][:10]
    a = np.array([i.irt.a for i in bank.items][:10])
    b = np.array([i.irt.b for i in bank.items][:10])
    theta = rng.normal(size=800)
    table = (rng.random((800, 10)) < 1 / (1 + np.exp(a * (b - theta[:, None])))).astype(float)
    table[:700, 9] = np.nan  # too few answers: not updated
    (tmp_path / "answers.csv").write_text(write_responses([f"c{k}" for k in range(800)], ids, table))
    before = (tmp_path / "bank" / "items" / bank.items[9].competence / f"{ids[9]}.yaml").read_text()

    code = cli_engine.main(["calibrate", str(tmp_path / "answers.csv"), "--bank", str(tmp_path / "bank"),
                            "--min-count", "200"])
    assert code == 0
    out = capsys.readouterr()
    assert ids[0] in out.out and "updated b of 9 items" in out.err
    assert "a is not written: estimated from adaptive tests it is biased" in out.err
    reloaded = {i.id: i for i in load_source(tmp_path / "bank").items}
    errors = [reloaded[i].irt.b - bb for i, bb in zip(ids[:9], b[:9], strict=True)]
    assert np.sqrt(np.mean(np.square(errors))) < 0.25
    assert [reloaded[i].irt.a for i in ids[:9]] == pytest.approx(list(a[:9]), abs=5e-4)  # b only: a kept
    assert (tmp_path / "bank" / "items" / bank.items[9].competence / f"{ids[9]}.yaml").read_text() == before
    # asked for, a is written too
    assert cli_engine.main(["calibrate", str(tmp_path / "answers.csv"), "--bank", str(tmp_path / "bank"),
                            "--write-a"]) == 0
    assert "updated a and b of 9 items" in capsys.readouterr().err
    rewritten = {i.id: i for i in load_source(tmp_path / "bank").items}
    assert [rewritten[i].irt.a for i in ids[:9]] != pytest.approx(list(a[:9]), abs=5e-4)
    # a dry run writes nothing
    snapshot = {p: p.read_text() for p in (tmp_path / "bank").rglob("*.yaml")}
    assert cli_engine.main(["calibrate", str(tmp_path / "answers.csv"), "--bank", str(tmp_path / "bank"),
                            "--dry-run"]) == 0
    assert {p: p.read_text() for p in (tmp_path / "bank").rglob("*.yaml")} == snapshot
