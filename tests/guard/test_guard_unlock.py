"""The invigilator's unlock code: a slow hash at rest, constant-time checks, a throttle."""

import json

import pytest

from kiosk.guard.errors import UnlockCodeError, UnlockThrottledError
from kiosk.guard.unlock import UNLOCK_FILE, UnlockGate, check_unlock_code, set_unlock_code, wait_after
from protocol.keys import ScryptParams

FAST = ScryptParams(n=2**14)  # the smallest cost the key files accept; tests stay quick
CODE = "Surveillant-42"


class Clock:
    def __init__(self):
        self.now = 50.0

    def __call__(self):
        return self.now


@pytest.fixture
def settings(tmp_path):
    set_unlock_code(tmp_path, CODE, FAST)
    return tmp_path


def test_only_a_salted_scrypt_hash_is_stored(settings):
    body = json.loads((settings / UNLOCK_FILE).read_text())
    assert body["kdf"] == {"kdf": "scrypt", "n": 2**14, "r": 8, "p": 1}
    assert CODE not in (settings / UNLOCK_FILE).read_text()
    assert (settings / UNLOCK_FILE).stat().st_mode & 0o077 == 0


def test_the_right_code_passes_and_a_wrong_one_fails(settings):
    assert check_unlock_code(settings, CODE)
    assert check_unlock_code(settings, "  " + CODE + " ")  # surrounding spaces are typing noise
    assert not check_unlock_code(settings, CODE.lower())


def test_the_same_code_twice_gives_two_different_hashes(tmp_path):
    one = json.loads(set_unlock_code(tmp_path / "a", CODE, FAST).read_text())
    two = json.loads(set_unlock_code(tmp_path / "b", CODE, FAST).read_text())
    assert one["salt"] != two["salt"] and one["hash"] != two["hash"]


@pytest.mark.parametrize("code", ["12345", "aaaaaaaa", "ababab", ""])
def test_weak_codes_are_refused(tmp_path, code):
    with pytest.raises(UnlockCodeError, match="at least 6 characters and 3 different"):
        set_unlock_code(tmp_path, code, FAST)


def test_after_three_failures_each_try_waits_longer(settings):
    clock = Clock()
    gate = UnlockGate(settings, clock)
    for _ in range(3):
        assert not gate.check("wrong-code")
    with pytest.raises(UnlockThrottledError) as raised:
        gate.check(CODE)  # refused without being tried
    assert raised.value.retry_after == pytest.approx(2.0)
    assert "réessayez" in str(raised.value)
    clock.now += 2.0
    assert not gate.check("wrong again")
    with pytest.raises(UnlockThrottledError) as raised:
        gate.check(CODE)
    assert raised.value.retry_after == pytest.approx(4.0)
    clock.now += 4.0
    assert gate.check(CODE)
    assert gate.failures == 0 and gate.retry_after() == 0


def test_the_wait_grows_to_five_minutes():
    assert [wait_after(n) for n in (0, 2, 3, 4, 5)] == [0, 0, 2, 4, 8]
    assert wait_after(40) == 300


def test_a_restart_does_not_skip_the_wait(settings):
    clock = Clock()
    gate = UnlockGate(settings, clock)
    for _ in range(4):
        clock.now += 100
        gate.check("wrong-code")
    again = UnlockGate(settings, clock)
    assert again.failures == 4
    with pytest.raises(UnlockThrottledError):
        again.check(CODE)


def test_no_code_set_is_an_error_that_says_what_to_do(tmp_path):
    with pytest.raises(UnlockCodeError, match="no unlock code is set"):
        check_unlock_code(tmp_path, CODE)
    assert not UnlockGate(tmp_path).is_set


@pytest.mark.parametrize("content, message", [
    ("{broken", "unreadable"),
    ('{"kdf": {"kdf": "scrypt", "n": 16384, "r": 8, "p": 1}}', "incomplete"),
    ('{"kdf": {"kdf": "argon"}, "salt": "AA==", "hash": "AA=="}', "unsupported key derivation"),
    ('{"kdf": {"kdf": "scrypt", "n": 16384, "r": 8, "p": 1}, "salt": "**", "hash": "AA=="}', "not valid base64"),
])
def test_a_damaged_file_asks_for_the_code_to_be_set_again(tmp_path, content, message):
    (tmp_path / UNLOCK_FILE).write_text(content)
    with pytest.raises(UnlockCodeError, match=message):
        check_unlock_code(tmp_path, CODE)
