"""Reversible measures: order, undo on failure, and the crash record."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from kiosk.guard.errors import GuardStartError, GuardUnavailableError
from kiosk.guard.measures import STATE_FILE, CrashRecord, MeasureSequence, restore_after_crash


class Step:
    def __init__(self, name, log, fail=None, revert_fails=False):
        self.name, self.log, self.fail, self.revert_fails = name, log, fail, revert_fails
        self.refreshed = 0

    def apply(self):
        if self.fail:
            raise self.fail
        self.log.append(("apply", self.name))

    def revert(self):
        self.log.append(("revert", self.name))
        if self.revert_fails:
            raise OSError("device busy")

    def refresh(self):
        self.refreshed += 1


def test_applied_in_order_reverted_in_reverse():
    log = []
    sequence = MeasureSequence([Step("a", log), Step("b", log), Step("c", log)])
    sequence.apply_all()
    assert sequence.revert_all() == []
    assert log == [("apply", "a"), ("apply", "b"), ("apply", "c"), ("revert", "c"), ("revert", "b"), ("revert", "a")]
    assert sequence.revert_all() == []  # twice is harmless


def test_a_failure_undoes_what_was_applied_and_says_so():
    log = []
    sequence = MeasureSequence([Step("a", log), Step("b", log), Step("c", log, fail=RuntimeError("no screen")),
                                Step("d", log)])
    with pytest.raises(GuardStartError, match=r"guard measure 'c' failed \(RuntimeError: no screen\); the measures"):
        sequence.apply_all()
    assert log == [("apply", "a"), ("apply", "b"), ("revert", "b"), ("revert", "a")]


def test_a_failed_undo_is_named_in_the_error():
    log = []
    sequence = MeasureSequence([Step("a", log, revert_fails=True), Step("b", log, fail=RuntimeError("x"))])
    with pytest.raises(GuardStartError, match="except a: OSError: device busy"):
        sequence.apply_all()


def test_an_unavailable_measure_is_skipped():
    log = []
    sequence = MeasureSequence([Step("a", log), Step("grab", log, fail=GuardUnavailableError("Wayland")),
                                Step("c", log)])
    sequence.apply_all()
    assert [m.name for m in sequence.applied] == ["a", "c"] and sequence.skipped == [("grab", "Wayland")]


def test_revert_goes_on_past_a_failure_and_reports_it():
    log = []
    sequence = MeasureSequence([Step("a", log), Step("b", log, revert_fails=True), Step("c", log)])
    sequence.apply_all()
    assert sequence.revert_all() == [("b", "OSError: device busy")]
    assert [e for e in log if e[0] == "revert"] == [("revert", "c"), ("revert", "b"), ("revert", "a")]


class NoRefresh:
    name = "plain"

    def apply(self):
        pass

    def revert(self):
        pass


def test_refresh_reaches_the_applied_measures_that_have_one():
    log = []
    a, b = Step("a", log), Step("b", log, fail=GuardUnavailableError("no"))
    sequence = MeasureSequence([a, b, NoRefresh()])
    sequence.apply_all()
    sequence.refresh_all()
    assert a.refreshed == 1 and b.refreshed == 0


def test_the_crash_record_holds_what_is_applied(tmp_path):
    record = CrashRecord(tmp_path)
    record.add("x11-screen-saver", {"timeout": 600})
    record.add("windows-policies", {"values": []})
    body = json.loads((tmp_path / STATE_FILE).read_text())
    assert body["pid"] == os.getpid() and [m["measure"] for m in body["measures"]] == ["x11-screen-saver",
                                                                                        "windows-policies"]
    record.remove("windows-policies")
    record.remove("x11-screen-saver")
    assert not (tmp_path / STATE_FILE).exists()


def test_restore_does_nothing_without_a_record(tmp_path):
    assert restore_after_crash(tmp_path) == []


def test_restore_leaves_a_living_kiosk_alone(tmp_path):
    CrashRecord(tmp_path).add("x11-screen-saver", {})
    calls = []
    body = json.loads((tmp_path / STATE_FILE).read_text())
    body["pid"] = os.getppid()  # alive, and not this process
    from kiosk.guard.measures import _process_started

    body["started"] = _process_started(os.getppid())
    (tmp_path / STATE_FILE).write_text(json.dumps(body))
    assert restore_after_crash(tmp_path, {"x11-screen-saver": calls.append}) == []
    assert calls == [] and (tmp_path / STATE_FILE).exists()


def test_a_sigkilled_process_is_restored_newest_measure_first(tmp_path):
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(os.getcwd())!r})
        from kiosk.guard.measures import CrashRecord
        record = CrashRecord({str(tmp_path)!r})
        record.add("first", {{"value": 1}})
        record.add("second", {{"value": 2}})
        os.kill(os.getpid(), signal.SIGKILL)  # dies mid-exam, measures applied
    """)
    assert subprocess.run([sys.executable, "-c", script], timeout=30).returncode == -9
    restored = []

    def restorer(name):
        def restore(data):
            restored.append((name, data["value"]))
            return f"{name} back"
        return restore

    reports = restore_after_crash(tmp_path, {"first": restorer("first"), "second": restorer("second")})
    assert restored == [("second", 2), ("first", 1)]
    assert reports == [{"measure": "second", "restored": True, "detail": "second back"},
                       {"measure": "first", "restored": True, "detail": "first back"}]
    assert not (tmp_path / STATE_FILE).exists()


def test_a_failing_restorer_is_reported_and_the_others_still_run(tmp_path):
    record = CrashRecord(tmp_path)
    record.add("a", {})
    record.add("b", {})
    body = json.loads((tmp_path / STATE_FILE).read_text())
    body["pid"] = 2**22 + 12345  # no such process
    (tmp_path / STATE_FILE).write_text(json.dumps(body))

    def broken(data):
        raise OSError("display gone")

    reports = restore_after_crash(tmp_path, {"a": lambda data: "ok", "b": broken})
    assert reports == [{"measure": "b", "restored": False, "detail": "OSError: display gone"},
                       {"measure": "a", "restored": True, "detail": "ok"}]


def test_an_unknown_measure_in_the_record_is_reported(tmp_path):
    (tmp_path / STATE_FILE).write_text(json.dumps({"pid": 2**22 + 1, "measures": [{"measure": "mystery"}]}))
    assert restore_after_crash(tmp_path) == [{"measure": "mystery", "restored": False, "detail": "KeyError: 'mystery'"}]


def test_an_unreadable_record_is_removed_and_reported(tmp_path):
    (tmp_path / STATE_FILE).write_text("{not json")
    reports = restore_after_crash(tmp_path)
    assert reports[0]["restored"] is False and "unreadable" in reports[0]["detail"]
    assert not (tmp_path / STATE_FILE).exists()


def test_restore_resolves_the_real_restorers_by_name(tmp_path):
    """The Windows policies' restorer, with its API faked, reached through the registry of restorers."""
    from tests.guard.fakes import FakeWin32Api

    api = FakeWin32Api()
    from kiosk.guard import win_measures

    data = {"values": [{"key": "K", "name": "DisableTaskMgr", "existed": False, "value": None}]}
    api.registry[("HKCU", "K", "DisableTaskMgr")] = 1
    assert win_measures.restore_policies(data, api) == "1 Windows policy value(s) restored"
    assert ("HKCU", "K", "DisableTaskMgr") not in api.registry
    assert win_measures.hook_ended({}) == "the keyboard hook ended with its process"
