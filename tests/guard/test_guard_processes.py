"""Process decisions: prohibited or not, and the escalation terminate → kill → lock."""

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
