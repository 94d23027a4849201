"""Simulation runs, their statistics, the report and the ``simulate`` command."""

import functools

import numpy as np
import pytest

from itembank import cli_engine
from itembank.cat import ItemPool
from itembank.framework import DEFAULT_FRAMEWORK
from itembank.profile import ExamProfile
from itembank.simulation import simulate, summarise, theoretical_bound
from itembank.synth import synthetic_bank

PROFILE = ExamProfile()


@functools.lru_cache
def pool() -> ItemPool:
    return ItemPool([i.meta() for i in synthetic_bank(640, 41).items], DEFAULT_FRAMEWORK)


@functools.lru_cache
def run(strategy: str = "pupitre", examinees: int = 300):
    return simulate(pool(), DEFAULT_FRAMEWORK, PROFILE, examinees=examinees, seed=2, strategy=strategy)


def test_a_run_records_every_candidate():
    r = run()
    assert r.examinees == 300 and r.items.shape == (300, 32)
    assert np.all(r.items >= 0) and np.all(r.compliant)
    assert r.shown.sum() == 300 * 32  # no neutralisation in a simulation
    table = r.responses()
    assert table.shape == (300, len(pool())) and np.all(np.isfinite(table).sum(axis=1) == 32)


def test_the_same_seed_gives_the_same_run_and_candidates_are_shared_between_strategies():
    a, b = run(), simulate(pool(), DEFAULT_FRAMEWORK, PROFILE, examinees=300, seed=2)
    assert np.array_equal(a.items, b.items) and np.array_equal(a.theta, b.theta)
    assert np.array_equal(run("reference").true_theta, a.true_theta)


def test_the_summary_is_sane():
    s = summarise(run())
    assert 0.15 < s.rmse < 0.35 and abs(s.bias) < 0.05
    assert s.bound < s.rmse < 1.3 * s.bound
    assert 0.85 < s.reliability < 1 and 0.85 < s.true_reliability < 1
    assert s.max_exposure <= PROFILE.exposure.r_max + 1e-12
    assert 0 <= s.unused_share < 1 and 0 < s.overlap < 1
    assert s.compliance == 1.0 and s.mean_length == 32
    assert [row.theta for row in s.conditional] == [-2, -1, 0, 1, 2]
    assert sum(row.count for row in s.conditional) <= 300


def test_the_bound_uses_the_best_items_at_each_ability():
    p = pool()
    bound = theoretical_bound(p, np.array([0.0, 2.0]), 32)
    info = p.information(0.0)
    assert bound[0] == pytest.approx(1 / np.sqrt(np.sort(info)[-32:].sum()))
    assert bound[1] > bound[0]  # fewer informative items far from the bank's centre


def test_reference_strategy_is_less_well_controlled_for_exposure():
    assert summarise(run("reference")).max_exposure > summarise(run()).max_exposure


@pytest.mark.slow
def test_the_report_has_markdown_and_plots(tmp_path):
    from itembank.simulation.report import write_report

    path = write_report([run(), run("reference")], tmp_path, notes=["a note"])
    text = path.read_text()
    assert "| RMSE |" in text and "pupitre" in text and "reference" in text and "a note" in text
    for name in ("conditional_precision.png", "exposure.png", "test_information.png"):
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")
        assert f"]({name})" in text


@pytest.mark.slow
def test_the_simulate_command_writes_a_report(tmp_path, capsys):
    code = cli_engine.main(["simulate", "synth:320:4", "--examinees", "40", "--seed", "3",
                            "--out", str(tmp_path)])
    assert code == 0
    assert (tmp_path / "report.md").exists()
    assert str(tmp_path / "report.md") in capsys.readouterr().out


def test_the_simulate_command_explains_a_bad_bank(tmp_path, capsys):
    assert cli_engine.main(["simulate", str(tmp_path / "missing")]) == 1
    assert "not a bank source folder" in capsys.readouterr().err
    assert cli_engine.main(["simulate", "synth:64:1", "--profile", "nope", "--out", str(tmp_path)]) == 1
    assert "no profile 'nope'" in capsys.readouterr().err
