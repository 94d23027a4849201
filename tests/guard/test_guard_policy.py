"""The guard's policy from the exam profile: defaults, every setting, every invalid case."""

import pytest

from itembank.profile import ExamProfile
from kiosk.guard import catalogue
from kiosk.guard.errors import GuardPolicyError
from kiosk.guard.policy import GuardPolicy, ProcessPattern


def test_defaults_never_strand_a_candidate():
    policy = GuardPolicy()
    assert policy.debounce_ms == 300
    assert policy.virtual_machine == "warn" and policy.screens == "blank"
    assert {p.category for p in policy.prohibited} == set(catalogue.CATEGORIES)
    assert "orca" in policy.assistive and policy.assistive["orca"].kind == "screen-reader"


def test_a_profile_without_a_guard_section_gets_the_defaults():
    assert GuardPolicy.from_profile(ExamProfile()) == GuardPolicy()


def test_the_guard_section_comes_from_the_profiles_extra_keys():
    profile = ExamProfile.from_dict({"guard": {"debounce_ms": 150, "screens": "refuse",
                                               "processes": {"prohibited_categories": ["browsers"],
                                                             "prohibited": ["cheat*"], "permitted": ["firefox*"]}}},
                                    name="center")
    policy = GuardPolicy.from_profile(profile)
    assert policy.debounce_ms == 150 and policy.screens == "refuse"
    assert {p.category for p in policy.prohibited} == {"browsers", "profile"}
    assert ProcessPattern("cheat*", "profile") in policy.prohibited
    assert policy.permitted == (ProcessPattern("firefox*", "profile"),)


def test_assistive_tools_can_be_added():
    policy = GuardPolicy.from_dict({"assistive": {"my-reader": {"kind": "screen-reader", "names": ["myreader"]}}})
    assert policy.granted(["my-reader"])[0].names == ("myreader",)
    assert "orca" in policy.assistive  # the defaults stay


def test_granting_an_unknown_tool_names_the_known_ones():
    with pytest.raises(GuardPolicyError, match=r"unknown assistive technology 'jaws2'.*orca"):
        GuardPolicy().granted(["jaws2"])


@pytest.mark.parametrize("section, message", [
    ({"debounce_ms": -1}, "debounce_ms: -1 is outside 0–5000"),
    ({"debounce_ms": 1.5}, "debounce_ms: '1.5' is not a whole number"),
    ({"debounce_ms": True}, "is not a whole number"),
    ({"poll_ms": 10}, "poll_ms: 10 is outside"),
    ({"process_interval_s": 3}, "process_interval_s: 3 is outside 0.1–2"),
    ({"screens": "mirror"}, "screens: 'mirror' is not one of allow, blank, refuse"),
    ({"virtual_machine": "ban"}, "virtual_machine: 'ban' is not one of warn, lock, refuse"),
    ({"remote_session": None}, "remote_session: 'None' is not one of"),
    ({"keyboard": "yes"}, "keyboard: 'yes' is not true or false"),
    ({"exit_shortcut": ""}, "exit_shortcut: expected a key sequence"),
    ({"processes": []}, "processes: expected a mapping"),
    ({"processes": {"prohibited_categories": ["games"]}}, "prohibited_categories: expected a list among"),
    ({"processes": {"prohibited": "zoom"}}, "prohibited: expected a list of process names"),
    ({"processes": {"permitted": [""]}}, "permitted: expected a list of process names"),
    ({"processes": {"blocked": []}}, "processes: unknown setting(s) blocked"),
    ({"assistive": []}, "assistive: expected a mapping"),
    ({"assistive": {"x": {"kind": "braille"}}}, "assistive.x: expected {kind:"),
    ({"assistive": {"x": {"kind": "magnifier"}}}, "assistive.x: give at least one process name"),
    ({"assistive": {"x": {"kind": "magnifier", "names": "zoom"}}}, "names and wm_classes must be lists"),
    ({"debouce_ms": 100}, "unknown setting(s) debouce_ms"),
])
def test_invalid_settings_are_named_with_their_key(section, message):
    with pytest.raises(GuardPolicyError) as raised:
        GuardPolicy.from_dict(section, what="profile demo")
    assert message in str(raised.value)
    assert str(raised.value).startswith("profile demo: guard")


def test_every_problem_is_reported_at_once():
    with pytest.raises(GuardPolicyError) as raised:
        GuardPolicy.from_dict({"screens": "x", "virtual_machine": "y"})
    assert str(raised.value).count("\n") == 1


def test_a_guard_section_that_is_not_a_mapping_is_refused():
    with pytest.raises(GuardPolicyError, match="must be a mapping"):
        GuardPolicy.from_dict(["screens"])


@pytest.mark.parametrize("pattern, name, exe, matches", [
    ("anydesk*", "AnyDesk.exe", r"C:\Program Files\AnyDesk\AnyDesk.exe", True),
    ("anydesk*", "anydesk", "/usr/bin/anydesk", True),
    ("zoom", "zoom", "/opt/zoom/zoom", True),
    ("zoom", "zoomit", "/usr/bin/zoomit", False),
    ("obs64.exe", "obs64.exe", "", True),
    ("chrome", "python3", "/opt/google/chrome/chrome", True),  # a renamed process still has its executable
    ("/opt/tools/*", "anything", "/opt/tools/bin/x", True),
    ("/opt/tools/*", "anything", "/usr/bin/x", False),
    (r"C:\Tools\*", "x.exe", r"c:\tools\x.exe", True),
    ("/opt/tools/*", "anything", "", False),
])
def test_process_patterns(pattern, name, exe, matches):
    assert ProcessPattern(pattern).matches(name, exe) is matches


def test_assistive_tools_match_process_names_or_window_classes():
    onboard = GuardPolicy().assistive["onboard"]
    assert onboard.matches("onboard", ())
    assert onboard.matches("", ("onboard", "Onboard"))
    assert not onboard.matches("xterm", ("xterm", "XTerm"))
    assert GuardPolicy().assistive["nvda"].matches("nvda.exe", ())


def test_the_allow_list_and_hash_patterns_are_read_and_checked():
    policy = GuardPolicy.from_dict({"processes": {"allowed": ["/usr/lib/libreoffice/*", "sha256:" + "aB" * 32],
                                                  "prohibited": ["sha256:" + "01" * 32]}})
    assert [p.pattern for p in policy.allowed] == ["/usr/lib/libreoffice/*", "sha256:" + "aB" * 32]
    assert policy.prohibited[-1].on_hash and policy.prohibited[-1].matches("x", "/x", "01" * 32)
    assert GuardPolicy().allowed is None
    with pytest.raises(GuardPolicyError, match="'sha256:abc' is not sha256: and 64 hexadecimal digits"):
        GuardPolicy.from_dict({"processes": {"prohibited": ["sha256:abc"]}})
    with pytest.raises(GuardPolicyError, match=r"processes\.allowed: expected a list"):
        GuardPolicy.from_dict({"processes": {"allowed": "firefox"}})
