"""A simulation report: Markdown with the figures, and PNG plots (matplotlib, imported here only)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from itembank import irt
from itembank.simulation.metrics import SimulationSummary, summarise, theoretical_bound
from itembank.simulation.run import SimulationRun

BINS = np.arange(-3.0, 3.01, 0.5)


def _binned(x: np.ndarray, y: np.ndarray, reduce) -> tuple[np.ndarray, np.ndarray]:
    centres, values = [], []
    for low, high in itertools.pairwise(BINS):
        inside = (x >= low) & (x < high)
        if inside.sum() >= 5:
            centres.append((low + high) / 2)
            values.append(reduce(y[inside]))
    return np.array(centres), np.array(values)


def administered_information(run: SimulationRun) -> np.ndarray:
    """Each candidate's test information at their true ability."""
    items = np.where(run.items >= 0, run.items, 0)
    info = irt.information(run.true_theta[:, None], run.pool.a[items], run.pool.b[items], run.pool.c[items])
    return np.where(run.items >= 0, info, 0.0).sum(axis=1)


def _plots(runs: Sequence[SimulationRun], bounds: Sequence[np.ndarray], out: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = []
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    for run in runs:
        errors = run.theta - run.true_theta
        x, rmse = _binned(run.true_theta, errors, lambda e: float(np.sqrt(np.mean(e * e))))
        left.plot(x, rmse, marker="o", label=f"{run.strategy} RMSE")
        x, bias = _binned(run.true_theta, errors, lambda e: float(np.mean(e)))
        right.plot(x, bias, marker="o", label=run.strategy)
    x, b = _binned(runs[0].true_theta, bounds[0], lambda v: float(np.mean(v)))
    left.plot(x, b, linestyle="--", color="black", label="bound (best items, known θ)")
    left.set(xlabel="true ability θ", ylabel="RMSE", title="Conditional RMSE")
    right.axhline(0.0, color="black", linewidth=0.8)
    right.set(xlabel="true ability θ", ylabel="mean error (θ̂ − θ)", title="Conditional bias")
    left.legend()
    right.legend()
    fig.tight_layout()
    fig.savefig(out / "conditional_precision.png", dpi=110)
    plt.close(fig)
    names.append("conditional_precision.png")

    fig, axis = plt.subplots(figsize=(7, 4))
    for run in runs:
        rates = np.sort(run.shown / run.examinees)[::-1]
        axis.plot(np.arange(1, len(rates) + 1), rates, label=run.strategy)
    axis.axhline(runs[0].profile.exposure.r_max, color="black", linestyle="--", label="r_max")
    axis.set(xscale="log", xlabel="items, most exposed first", ylabel="exposure rate",
             title="Exposure distribution")
    axis.legend()
    fig.tight_layout()
    fig.savefig(out / "exposure.png", dpi=110)
    plt.close(fig)
    names.append("exposure.png")

    fig, axis = plt.subplots(figsize=(7, 4))
    for run in runs:
        x, info = _binned(run.true_theta, administered_information(run), lambda v: float(np.mean(v)))
        axis.plot(x, info, marker="o", label=f"{run.strategy}: administered test")
    x, best = _binned(runs[0].true_theta, 1.0 / bounds[0] ** 2, lambda v: float(np.mean(v)))
    axis.plot(x, best, linestyle="--", color="black",
              label=f"best {runs[0].profile.length} items of the bank")
    axis.set(xlabel="true ability θ", ylabel="test information", title="Test information at the true ability")
    axis.legend()
    fig.tight_layout()
    fig.savefig(out / "test_information.png", dpi=110)
    plt.close(fig)
    names.append("test_information.png")
    return names


def _fmt(value: float, digits: int = 3) -> str:
    return "—" if value != value else f"{value:.{digits}f}"


def markdown(summaries: Sequence[SimulationSummary], title: str, notes: Sequence[str] = (),
             images: Sequence[str] = ()) -> str:
    """The report's Markdown text."""
    lines = [f"# {title}", ""]
    lines += [f"- {note}" for note in notes]
    if notes:
        lines.append("")
    header = "| figure | " + " | ".join(s.strategy for s in summaries) + " |"
    lines += [header, "|---|" + "---:|" * len(summaries)]
    rows = [
        ("examinees", lambda s: str(s.examinees)),
        ("mean test length", lambda s: _fmt(s.mean_length, 1)),
        ("RMSE", lambda s: _fmt(s.rmse, 4)),
        ("bias", lambda s: _fmt(s.bias, 4)),
        ("theoretical bound (mean SE of the best items)", lambda s: _fmt(s.bound, 4)),
        ("RMSE / bound", lambda s: _fmt(s.rmse_to_bound, 3)),
        ("mean reported SE (RMS)", lambda s: _fmt(s.mean_se, 4)),
        ("empirical reliability", lambda s: _fmt(s.reliability, 3)),
        ("squared correlation with true θ", lambda s: _fmt(s.true_reliability, 3)),
        ("max item exposure", lambda s: _fmt(s.max_exposure, 3)),
        ("share of bank unused", lambda s: _fmt(s.unused_share, 3)),
        ("overlap rate", lambda s: _fmt(s.overlap, 3)),
        ("blueprint compliance", lambda s: _fmt(s.compliance, 3)),
        ("ms per candidate", lambda s: _fmt(s.ms_per_candidate, 2)),
    ]
    for label, get in rows:
        lines.append(f"| {label} | " + " | ".join(get(s) for s in summaries) + " |")
    lines += ["", "## Conditional precision (true θ within ±0.5)", "",
              "| θ | " + " | ".join(f"{s.strategy} RMSE | {s.strategy} bias" for s in summaries)
              + " | bound |",
              "|---:|" + "---:|---:|" * len(summaries) + "---:|"]
    for k, row in enumerate(summaries[0].conditional):
        cells = []
        for s in summaries:
            cells += [_fmt(s.conditional[k].rmse, 3), _fmt(s.conditional[k].bias, 3)]
        lines.append(f"| {row.theta:+.0f} | " + " | ".join(cells) + f" | {_fmt(row.bound, 3)} |")
    lines.append("")
    for image in images:
        lines += [f"![{image[:-4].replace('_', ' ')}]({image})", ""]
    return "\n".join(lines)


def write_report(runs: SimulationRun | Sequence[SimulationRun], out_dir: str | Path, *,
                 title: str | None = None, notes: Sequence[str] = ()) -> Path:
    """Write ``report.md`` and its PNG plots into ``out_dir``; returns the Markdown file's path."""
    runs = [runs] if isinstance(runs, SimulationRun) else list(runs)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    bound = theoretical_bound(runs[0].pool, runs[0].true_theta, runs[0].profile.length)
    bounds = [bound if np.array_equal(r.true_theta, runs[0].true_theta)
              else theoretical_bound(r.pool, r.true_theta, r.profile.length) for r in runs]
    summaries = [summarise(r, b) for r, b in zip(runs, bounds, strict=True)]
    images = _plots(runs, bounds, out)
    title = title or f"Adaptive test simulation ({runs[0].examinees} candidates)"
    text = markdown(summaries, title, notes, images)
    path = out / "report.md"
    path.write_text(text + "\n", encoding="utf-8")
    return path
