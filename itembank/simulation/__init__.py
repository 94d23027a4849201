"""Simulation: simulated candidates with known abilities, precision and exposure statistics, and a
Markdown report with plots (matplotlib is imported only when a report is written)."""

from itembank.simulation.metrics import SimulationSummary, summarise, theoretical_bound
from itembank.simulation.run import SimulationRun, abilities, answer_sheet, candidate_seeds, simulate

__all__ = ["SimulationRun", "SimulationSummary", "abilities", "answer_sheet", "candidate_seeds", "simulate",
           "summarise", "theoretical_bound"]
