"""Process decisions: prohibited or not, and the escalation terminate → kill → lock."""

import os.path

import pytest

from kiosk.guard.policy import GuardPolicy, ProcessPattern
from kiosk.guard.processes import ProcessEnforcer, ProcessRules, ProcInfo, Step

ANYDESK = ProcInfo(4242, "anydesk", "/usr/bin/anydesk", 100.0)
EDITOR = ProcInfo(4243, "libreoffice", "/usr/lib/libreoffice/program/soffice.bin", 100.0)
RULES = ProcessRules(GuardPolicy().prohibited, (ProcessPattern("firefox*"),), frozenset({77}))


def enforcer(rules=RULES):
    return ProcessEnforcer(rules, kill_after=0.5, lock_after=0.5)


def steps(actions):
    return [a.step for a in actions]


def test_judge_names_the_matching_pattern_and_category():
    pattern = RULES.judge(ANYDESK)
    assert pattern is not None and pattern.category == "remote-control"
    assert RULES.judge(EDITOR) is None


def test_permitted_wins_over_prohibited():
    assert RULES.judge(ProcInfo(9, "firefox", "/usr/lib/firefox/firefox")) is None
    assert RULES.judge(ProcInfo(9, "chromium", "/usr/lib/chromium/chromium")).category == "browsers"


def test_the_kiosk_its_parents_and_init_are_never_targets():
    assert RULES.judge(ProcInfo(77, "anydesk", "")) is None
    assert RULES.judge(ProcInfo(1, "anydesk", "")) is None


def test_a_prohibited_process_is_found_and_asked_to_close():
    e = enforcer()
    actions = e.step(0.0, [ANYDESK, EDITOR])
    assert steps(actions) == [Step.FOUND, Step.TERMINATE]
    assert actions[0].payload()["process"]["name"] == "anydesk" and actions[0].payload()["category"] == "remote-control"
    assert e.step(0.1, [ANYDESK, EDITOR]) == []  # within the grace period
    assert e.next_due(0.1) == 0.5


def test_a_process_that_closes_is_journalled_as_ended():
    e = enforcer()
    e.step(0.0, [ANYDESK])
    ended = e.step(0.3, [])
    assert steps(ended) == [Step.ENDED] and ended[0].detail == {"after": "process-terminate", "seconds": 0.3}
    assert e.open_cases == 0 and e.next_due(1.0) is None


def test_a_survivor_is_killed_then_locks_the_screen_once():
    e = enforcer()
    e.step(0.0, [ANYDESK])
    assert steps(e.step(0.5, [ANYDESK])) == [Step.KILL]
    assert e.step(0.7, [ANYDESK]) == []
    locked = e.step(1.0, [ANYDESK])
    assert steps(locked) == [Step.LOCK] and locked[0].detail["reason"] == "survived a kill"
    assert e.step(5.0, [ANYDESK]) == []  # one lock per process: the invigilator decides
    assert e.open_cases == 0


def test_a_reused_pid_is_a_new_process():
    e = enforcer()
    e.step(0.0, [ANYDESK])
    reborn = ProcInfo(ANYDESK.pid, "anydesk", ANYDESK.exe, 200.0)
    assert steps(e.step(0.2, [reborn])) == [Step.ENDED, Step.FOUND, Step.TERMINATE]


def test_access_denied_locks_at_once_and_only_once():
    e = enforcer()
    terminate = e.step(0.0, [ANYDESK])[1]
    lock = e.failed(0.0, terminate, "access denied")
    assert lock is not None and lock.step is Step.LOCK and lock.detail == {"reason": "access denied"}
    assert e.failed(0.1, terminate, "access denied") is None
    assert e.step(3.0, [ANYDESK]) == []


def test_a_failure_for_an_unknown_process_is_ignored():
    e = enforcer()
    action = e.step(0.0, [ANYDESK])[1]
    e.step(0.1, [])
    assert e.failed(0.2, action, "gone") is None


# -- what a program is, not what it is called --------------------------------------------------------
FIREFOX_SHA = "ab" * 32


def test_a_hash_pattern_catches_a_renamed_copy_and_nothing_else():
    rules = ProcessRules((ProcessPattern("sha256:" + FIREFOX_SHA, "browsers"),))
    assert rules.judge(ProcInfo(9, "fx", "/tmp/fx", sha256=FIREFOX_SHA)).category == "browsers"
    assert rules.judge(ProcInfo(9, "fx", "/tmp/fx", sha256="cd" * 32)) is None
    assert rules.judge(ProcInfo(9, "fx", "/tmp/fx")) is None  # not hashed: no match by accident


def test_the_allow_list_ends_what_the_candidate_starts_after_check_in_and_only_that():
    allowed = (ProcessPattern("/usr/lib/libreoffice/*"), ProcessPattern("sha256:" + "ef" * 32))
    rules = ProcessRules((), allowed=allowed, uid=1000, since=500.0)
    assert rules.judge(ProcInfo(10, "fx", "/home/c/fx", 600.0, uid=1000)) is not None
    assert rules.judge(ProcInfo(10, "fx", "/home/c/fx", 600.0, uid=1000)).category == "allow-list"
    assert rules.judge(ProcInfo(11, "soffice.bin", "/usr/lib/libreoffice/program/soffice.bin", 600.0,
                                uid=1000)) is None
    assert rules.judge(ProcInfo(12, "tool", "/opt/tool", 600.0, uid=1000, sha256="ef" * 32)) is None
    assert rules.judge(ProcInfo(13, "fx", "/home/c/fx", 400.0, uid=1000)) is None  # before check-in
    assert rules.judge(ProcInfo(14, "cron", "/usr/sbin/cron", 600.0, uid=0)) is None  # another account
    assert rules.judge(ProcInfo(15, "firefox", "/usr/bin/firefox", 600.0, uid=1000)) is not None  # any parent
    assert ProcessRules((), uid=1000, since=500.0).judge(ProcInfo(10, "fx", "/home/c/fx", 600.0, uid=1000)) is None


def test_a_program_started_again_and_again_locks_the_third_time_in_a_minute():
    enforcer = ProcessEnforcer(ProcessRules(GuardPolicy().prohibited), kill_after=0.5, lock_after=0.5)
    for n, now in enumerate((0.0, 2.0, 4.0)):
        copy = ProcInfo(5000 + n, "anydesk", "/usr/bin/anydesk", 100.0 + now)
        actions = enforcer.step(now, [copy])
        steps = [a.step for a in actions if a.proc.pid == copy.pid]
        if n < 2:
            assert Step.RELAUNCHED not in steps
        else:
            relaunched = next(a for a in actions if a.step is Step.RELAUNCHED)
            assert relaunched.payload()["times"] == 3
        enforcer.step(now + 0.1, [])  # it is gone: ended


def test_starts_spread_over_more_than_a_minute_do_not_lock():
    enforcer = ProcessEnforcer(ProcessRules(GuardPolicy().prohibited), kill_after=0.5, lock_after=0.5)
    for n, now in enumerate((0.0, 40.0, 80.0, 120.0)):
        actions = enforcer.step(now, [ProcInfo(6000 + n, "anydesk", "/usr/bin/anydesk", now)])
        assert Step.RELAUNCHED not in [a.step for a in actions]
        enforcer.step(now + 0.1, [])


def test_installed_prohibited_programs_are_known_by_their_content():
    from kiosk.guard.process_guard import resolve_digests

    files = {"/usr/lib/firefox-esr/firefox-esr": "11" * 32, "/bin/busybox": "22" * 32, "/opt/anydesk": "33" * 32}
    links = {"firefox": "/usr/bin/firefox", "peek": "/usr/bin/peek"}
    real = {"/usr/bin/firefox": "/usr/lib/firefox-esr/firefox-esr", "/usr/bin/peek": "/bin/busybox"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os.path, "realpath", lambda p: real.get(p, p))
        found = resolve_digests([ProcessPattern("firefox*", "browsers"), ProcessPattern("peek", "screen-recorders"),
                                 ProcessPattern("/opt/anydesk", "remote-control"), ProcessPattern("/opt/*", "x"),
                                 ProcessPattern("chromium*", "browsers")],
                                which=links.get, digest=lambda p: files.get(p, ""))
    assert {(p.pattern, p.category, p.origin) for p in found} == {
        ("sha256:" + "11" * 32, "browsers", "/usr/lib/firefox-esr/firefox-esr"),
        ("sha256:" + "33" * 32, "remote-control", "/opt/anydesk")}  # busybox behind "peek" is skipped


@pytest.mark.parametrize("name", ["import", "scrot", "xwd", "maim", "gnome-screenshot", "flameshot", "spectacle"])
def test_screen_capture_programs_are_on_the_default_deny_list(name):
    assert RULES.judge(ProcInfo(9, name, f"/usr/bin/{name}")).category == "screen-recorders"


@pytest.mark.parametrize("name", ["x11vnc", "x0vncserver", "krfb", "anydesk", "teamviewer"])
def test_remote_control_programs_are_on_the_default_deny_list(name):
    assert RULES.judge(ProcInfo(9, name, f"/usr/bin/{name}")).category == "remote-control"
