"""The guard's assistive allow-list follows the candidate's accommodation: a screen reader's own
windows (Orca, NVDA) are never a focus loss for a candidate whose profile says screen reader."""

from __future__ import annotations

from kiosk.core.candidate import SCREEN_READER
from kiosk.guard.policy import GuardPolicy


def test_a_screen_reader_accommodation_grants_orca_and_nvda_by_default():
    policy = GuardPolicy()
    assert policy.tools_for([SCREEN_READER]) == ("orca", "nvda")
    assert policy.tools_for([]) == ()
    assert {t.kind for t in policy.granted(policy.tools_for([SCREEN_READER]))} == {"screen-reader"}


def test_a_policy_without_those_tools_grants_only_what_it_knows():
    policy = GuardPolicy()
    narrowed = policy.with_(assistive={k: v for k, v in policy.assistive.items() if k != "nvda"})
    assert narrowed.tools_for([SCREEN_READER]) == ("orca",)
