"""The adaptive engine: one small typed object per phase (start, estimate, select, stop), the
blueprint, exposure control, and the loop the kiosk drives (:class:`AdaptiveTest`)."""

from itembank.cat.blueprint import Blueprint, TestState
from itembank.cat.engine import ENGINE_VERSION, NEUTRALISED, AdaptiveTest, Event
from itembank.cat.errors import EngineError, ItemNotPendingError, ReplayMismatchError, TestFinishedError
from itembank.cat.estimation import (
    AbilityEstimator,
    AbilityState,
    EAPEstimator,
    Estimate,
    MAPEstimator,
    MLEstimator,
    ReferenceEstimator,
)
from itembank.cat.exposure import ExposureRecord
from itembank.cat.pool import ItemPool
from itembank.cat.selection import ItemSelector, MaxInfoSelector, OpportunityCostSelector, ReferenceSelector
from itembank.cat.strategy import FixedLength, FixedStart, Strategy, build_strategy

__all__ = [
    "ENGINE_VERSION", "NEUTRALISED", "AbilityEstimator", "AbilityState", "AdaptiveTest", "Blueprint", "EAPEstimator",
    "EngineError", "Estimate", "Event", "ExposureRecord", "FixedLength", "FixedStart", "ItemNotPendingError",
    "ItemPool", "ItemSelector", "MAPEstimator", "MLEstimator", "MaxInfoSelector", "OpportunityCostSelector",
    "ReferenceEstimator", "ReferenceSelector", "ReplayMismatchError", "Strategy", "TestFinishedError", "TestState",
    "build_strategy",
]
