"""Key custody with real accounts: a keeper under a service account, the interface under the candidate's.

Each test makes two throwaway system accounts (removed after), runs ``pupitre-kiosk keeper``
as root, which drops to the service account and starts tests/kiosk/keeper_client.py as the
candidate, then attacks from other processes of the candidate's account. Needs root (CI runs
as root); outside CI, a non-root run skips these.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from kiosk.device import load_or_create_device
from kiosk.journal import JournalStore
from protocol.bundle import read_bundle, verify_bundle
from protocol.keys import PublicKeys

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "tests" / "kiosk" / "keeper_client.py"

if os.geteuid() != 0 and not os.environ.get("CI"):
    pytest.skip("custody across accounts needs root (CI runs as root)", allow_module_level=True)
pytestmark = pytest.mark.slow


def _site_packages() -> list[str]:
    import sqlalchemy

    return [str(Path(sqlalchemy.__file__).parents[1])]


def _python_for(account: str, env: dict[str, str]) -> str:
    """An interpreter the throwaway accounts can run (the test's own may live under /root)."""
    for candidate in (os.path.realpath(sys.executable), "/usr/bin/python3", "/usr/local/bin/python3"):
        if not os.path.exists(candidate):
            continue
        try:
            probe = subprocess.run([candidate, "-c", "import sqlalchemy, cryptography, numpy, kiosk.keeper"],
                                   user=account, extra_groups=[], env=env, capture_output=True, cwd="/")
        except PermissionError:  # under a folder the account cannot enter
            continue
        if probe.returncode == 0:
            return candidate
    raise AssertionError("no Python interpreter with the project's packages is usable by another account here")


class Accounts:
    def __init__(self):
        tag = uuid.uuid4().hex[:8]
        self.service, self.candidate = f"pk-keep-{tag}", f"pk-cand-{tag}"
        self.pids: list[int] = []
        self.keepers: list[subprocess.Popen] = []
        self.base = Path(tempfile.mkdtemp(prefix="pupitre-custody-", dir="/tmp"))
        try:
            os.chmod(self.base, 0o755)
            self.home = self.base / "home"  # the candidate's, where they may leave files for the next start
            for name, home in ((self.service, "/nonexistent"), (self.candidate, str(self.home))):
                subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir", home,
                                "--shell", "/usr/sbin/nologin", name], check=True, capture_output=True)
            self.home.mkdir()
            os.chown(self.home, self.uid(self.candidate), pwd.getpwnam(self.candidate).pw_gid)
            self.data = self.base / "keeper"
            self.env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": os.pathsep.join([str(ROOT), *_site_packages()]),
                        "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8"}
            self.python = _python_for(self.candidate, self.env)
        except BaseException:
            self.remove()
            raise

    def remove(self):
        for keeper in self.keepers:  # the keepers this test started, if still there
            if keeper.poll() is None:
                keeper.kill()
                keeper.wait()
        ours = set()
        for name in (self.service, self.candidate):
            with contextlib.suppress(KeyError):
                ours.add(self.uid(name))
        for pid in self.pids:  # their interfaces, only while the pid is still one of these accounts'
            with contextlib.suppress(OSError, ValueError):
                status = Path(f"/proc/{pid}/status").read_text()
                uid = int(next(ln for ln in status.splitlines() if ln.startswith("Uid:")).split()[1])
                if uid in ours:
                    os.kill(pid, signal.SIGKILL)
        for name in (self.service, self.candidate):
            for _ in range(50):  # userdel refuses while a process of the account is not yet reaped
                with contextlib.suppress(KeyError):
                    pwd.getpwnam(name)
                    if subprocess.run(["userdel", name], capture_output=True).returncode != 0:
                        time.sleep(0.1)
                        continue
                break
        shutil.rmtree(self.base, ignore_errors=True)

    def uid(self, name):
        return pwd.getpwnam(name).pw_uid

    def as_candidate(self, code: str) -> dict:
        """Run ``code`` as another process of the candidate's account; it prints one JSON line."""
        done = subprocess.run([self.python, "-c", textwrap.dedent(code)], user=self.candidate, extra_groups=[],
                              env={**self.env, "HOME": str(self.home)}, capture_output=True, text=True, cwd="/",
                              timeout=60)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)


@pytest.fixture
def accounts():
    made = Accounts()
    yield made
    made.remove()


class Kiosk:
    """A real keeper (as root, dropping to the service account) running keeper_client.py as the candidate."""

    def __init__(self, accounts: Accounts, *client_args: str, cwd: str = "/"):
        """``cwd``: where the keeper is started; the interface runs as ``python -m`` (which looks in
        its working folder first) when it is not "/"."""
        self.accounts = accounts
        client = [str(CLIENT)] if cwd == "/" else ["-m", "tests.kiosk.keeper_client"]
        self.proc = subprocess.Popen(
            [accounts.python, "-P", "-m", "kiosk", "keeper", "--data-dir", str(accounts.data),
             "--service-user", accounts.service, "--candidate-user", accounts.candidate,
             "--", accounts.python, *client, *client_args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=accounts.env,
            cwd=cwd)
        accounts.keepers.append(self.proc)
        self.hello = self.read()
        if "pid" in self.hello:
            accounts.pids.append(self.hello["pid"])

    def read(self) -> dict:
        line = self.proc.stdout.readline()
        assert line, f"the interface said nothing; keeper stderr:\n{self.proc.stderr.read()}"
        return json.loads(line)

    def ask(self, command: str) -> dict:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.read()

    @property
    def interface_pid(self) -> int:
        return self.hello["pid"]

    def finish(self, timeout=60) -> tuple[int, str]:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write("quit\n")
                self.proc.stdin.close()
            except BrokenPipeError:
                pass
        code = self.proc.wait(timeout)
        stderr = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return code, stderr


def reopen(data: Path, attempt_id: str):
    """The journal as a support technician would read it afterwards (as root), its chain verified."""
    device = load_or_create_device(data)
    with JournalStore(data, device) as store:
        return store.open_attempt(attempt_id).events()


def test_the_candidate_can_neither_read_the_key_nor_write_the_journal(accounts):
    from kiosk.guard import set_unlock_code
    from kiosk.guard.unlock import UNLOCK_FILE
    from protocol.keys import ScryptParams

    set_unlock_code(accounts.data, "code-du-surveillant", ScryptParams(n=2**14))  # as root, before the start
    kiosk = Kiosk(accounts)
    assert "pid" in kiosk.hello, kiosk.hello
    assert kiosk.ask("unlock wrong-code") == {"set": True, "accepted": False}
    assert kiosk.ask("unlock code-du-surveillant") == {"set": True, "accepted": True}
    exam = kiosk.ask("exam att-1")
    assert "receipt" in exam, exam
    key, db = accounts.data / "device" / "device.key", accounts.data / "journal.sqlite"
    service = accounts.uid(accounts.service)
    for path, mode in ((accounts.data, 0o700), (key.parent, 0o700), (key, 0o600), (db, 0o600),
                       (accounts.data / UNLOCK_FILE, 0o600)):
        assert path.stat().st_uid == service and path.stat().st_mode & 0o777 == mode, path
    found = accounts.as_candidate(f"""
        import json, sqlite3
        out = {{}}
        for name, path in (("key", {str(key)!r}), ("journal", {str(db)!r}), ("data", {str(accounts.data)!r}),
                           ("unlock", {str(accounts.data / UNLOCK_FILE)!r})):
            try:
                open(path, "rb").read(1) if name != "data" else __import__("os").listdir(path)
                out[name] = "read"
            except OSError as exc:
                out[name] = type(exc).__name__
        try:
            conn = sqlite3.connect("file:{db}?mode=rw", uri=True)
            conn.execute("insert into entries(attempt_id, seq) values ('att-1', 99)")
            conn.commit()
            out["append"] = "appended"
        except sqlite3.Error as exc:
            out["append"] = str(exc)
        try:
            open({str(accounts.data / "outbox" / "forged.pbundle")!r}, "wb").write(b"forged")
            out["outbox"] = "written"
        except OSError as exc:
            out["outbox"] = type(exc).__name__
        print(json.dumps(out))
    """)
    assert found == {"key": "PermissionError", "journal": "PermissionError", "data": "PermissionError",
                     "unlock": "PermissionError", "append": "unable to open database file",
                     "outbox": "PermissionError"}
    # The interface process itself holds no descriptor on the key, the journal or the outbox.
    held = [os.readlink(f"/proc/{kiosk.interface_pid}/fd/{fd}") for fd in os.listdir(f"/proc/{kiosk.interface_pid}/fd")]
    assert not [h for h in held if h.startswith(str(accounts.data))], held
    code, stderr = kiosk.finish()
    assert code == 0, stderr
    assert "Traceback" not in stderr
    # The legitimate interface's exam is on disk, chained, and its bundle verifies against the device key.
    events = reopen(accounts.data, "att-1")
    assert events[-1].hash == exam["head"] and len(events) == exam["count"]
    device_public = PublicKeys.from_dict(kiosk.hello["public"], "device")
    assert device_public == PublicKeys.load(accounts.data / "device" / "device.pub")
    envelope = read_bundle((accounts.data / "outbox" / "att-1.pbundle").read_bytes(), "bundle")
    assert verify_bundle(envelope, [device_public]).ok


def _keeper_sockets(pid: int) -> set[str]:
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        target = os.readlink(f"/proc/{pid}/fd/{fd}")
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def test_no_other_process_can_reach_the_keeper_or_the_interface(accounts):
    kiosk = Kiosk(accounts)
    pid, keeper = kiosk.interface_pid, kiosk.proc.pid
    # Every socket of the keeper is an unnamed, connected Unix socket: nothing listens, no path, no port.
    sockets = _keeper_sockets(keeper)
    assert sockets
    unix = {}
    for line in Path("/proc/net/unix").read_text().splitlines()[1:]:
        fields = line.split()
        unix[fields[6]] = fields
    for inode in sockets:
        fields = unix[inode]
        assert int(fields[3], 16) & 0x10000 == 0, "a listening socket"
        assert len(fields) == 7, f"a socket with an address: {fields[7]}"
    for table in ("tcp", "tcp6", "udp", "udp6"):
        path = Path("/proc/net") / table
        if path.exists():
            assert not [ln for ln in path.read_text().splitlines()[1:] if ln.split()[9] in sockets]
    probe = f"""
        import ctypes, json, os
        libc = ctypes.CDLL(None, use_errno=True)
        out = {{}}
        for name, pid in (("interface", {pid}), ("keeper", {keeper})):
            try:
                os.listdir(f"/proc/{{pid}}/fd")
                out[name + "_fd"] = "listed"
            except OSError as exc:
                out[name + "_fd"] = type(exc).__name__
            try:
                os.open(f"/proc/{{pid}}/fd/3", os.O_RDWR)
                out[name + "_fd3"] = "opened"
            except OSError as exc:
                out[name + "_fd3"] = type(exc).__name__
            attached = libc.ptrace(16, pid, None, None)  # PTRACE_ATTACH
            out[name + "_ptrace"] = "attached" if attached == 0 else os.strerror(ctypes.get_errno())
            if attached == 0:
                libc.ptrace(17, pid, None, None)  # PTRACE_DETACH
        print(json.dumps(out))
    """
    found = accounts.as_candidate(probe)
    assert found == {"interface_fd": "PermissionError", "interface_fd3": "PermissionError",
                     "interface_ptrace": "Operation not permitted", "keeper_fd": "PermissionError",
                     "keeper_fd3": "PermissionError", "keeper_ptrace": "Operation not permitted"}
    assert kiosk.ask("hold att-2")["held"] == 3  # the interface is still served
    code, stderr = kiosk.finish()
    assert code == 0, stderr


def test_an_interface_that_stays_dumpable_is_reachable_so_the_keeper_refuses_it(accounts):
    kiosk = Kiosk(accounts, "--dumpable")
    assert kiosk.hello["type"] == "KeeperError" and "non-dumpable" in kiosk.hello["error"], kiosk.hello
    seen = accounts.as_candidate(f"""
        import json, os
        print(json.dumps(sorted(os.listdir("/proc/{kiosk.hello['pid']}/fd"))))
    """)
    assert "0" in seen  # another program of the candidate's account could reach its descriptors
    code, stderr = kiosk.finish()
    assert code == 3 and "not served" in stderr


def test_code_the_candidate_leaves_in_their_files_does_not_run_in_the_interface(accounts):
    planted = accounts.as_candidate("""
        import json, os, site
        user_site = site.getusersitepackages()
        os.makedirs(user_site, exist_ok=True)
        with open(os.path.join(user_site, "steal.pth"), "w") as handle:  # runs at every Python start-up
            handle.write("import os; open(os.path.expanduser('~/ran-in-' + str(os.getpid())), 'w').close()\\n")
        for package in ("kiosk", "tests"):  # look-alike packages in the home folder
            os.makedirs(os.path.expanduser(f"~/{package}"), exist_ok=True)
            with open(os.path.expanduser(f"~/{package}/__init__.py"), "w") as handle:
                handle.write("import sys; print('{\\"error\\": \\"look-alike imported\\"}'); sys.exit(5)\\n")
        print(json.dumps({"user_site": user_site}))
    """)
    assert accounts.as_candidate("import json; print(json.dumps(1))") == 1
    ran = {p.name for p in accounts.home.iterdir() if p.name.startswith("ran-in-")}
    assert ran, "the planted .pth file runs in the candidate's own programs (the check below means something)"
    kiosk = Kiosk(accounts, cwd=str(accounts.home))  # started from the candidate's folder, by mistake
    assert "pid" in kiosk.hello, kiosk.hello
    assert f"ran-in-{kiosk.interface_pid}" not in {p.name for p in accounts.home.iterdir()}, planted
    code, stderr = kiosk.finish()
    assert code == 0, stderr


def test_a_data_folder_another_account_owned_is_refused(accounts):
    accounts.data.mkdir(mode=0o700)
    os.chown(accounts.data, accounts.uid(accounts.candidate), 0)
    done = subprocess.run([accounts.python, "-m", "kiosk", "keeper", "--data-dir", str(accounts.data),
                           "--service-user", accounts.service, "--candidate-user", accounts.candidate, "--", "true"],
                          env=accounts.env, capture_output=True, text=True, cwd="/")
    assert done.returncode == 2 and "could have copied its device key" in done.stderr
    assert "Traceback" not in done.stderr and not list(accounts.data.iterdir())


def test_keeper_killed_mid_transaction_leaves_nothing_half_written_and_the_interface_says_so(accounts):
    kiosk = Kiosk(accounts)
    assert kiosk.ask("hold att-3")["held"] == 3
    os.kill(kiosk.proc.pid, signal.SIGKILL)
    kiosk.proc.wait(30)
    commit = kiosk.ask("commit")
    assert commit["type"] == "KeeperGoneError" and "keeper" in commit["error"] and "restarted" in commit["error"]
    again = kiosk.ask("append att-3")
    assert again["type"] == "KeeperGoneError"
    kiosk.proc.stdin.write("quit\n")
    kiosk.proc.stdin.flush()
    interface = kiosk.interface_pid
    for _ in range(300):
        if not Path(f"/proc/{interface}").exists() or "Z" in Path(f"/proc/{interface}/stat").read_text().split()[2]:
            break
        time.sleep(0.1)
    assert "Traceback" not in kiosk.proc.stderr.read()
    events = reopen(accounts.data, "att-3")
    assert [e.kind for e in events] == ["attempt-created"]  # the held transaction's two entries are gone


def test_interface_killed_the_keeper_rolls_back_ends_cleanly_and_the_journal_is_intact(accounts):
    kiosk = Kiosk(accounts)
    assert kiosk.ask("hold att-4")["held"] == 3
    os.kill(kiosk.interface_pid, signal.SIGKILL)
    code, stderr = kiosk.finish()
    assert code == 128 + signal.SIGKILL
    assert "rolled back" in stderr and "Traceback" not in stderr
    assert [e.kind for e in reopen(accounts.data, "att-4")] == ["attempt-created"]


def test_malformed_and_oversized_frames_are_refused_and_the_keeper_keeps_serving(accounts):
    kiosk = Kiosk(accounts)
    kiosk.ask("hold att-5")
    assert kiosk.ask("commit") == {"committed": True}
    garbage = kiosk.ask("garbage")
    assert [r["ok"] for r in garbage["replies"]] == [False] * 5
    assert "over the limit" in garbage["replies"][3]["message"]
    assert garbage["unfinished"] == 0
    assert kiosk.ask("append att-5") == {"seq": 4}
    code, stderr = kiosk.finish()
    assert code == 0 and "Traceback" not in stderr
    assert [e.seq for e in reopen(accounts.data, "att-5")] == [1, 2, 3, 4]


def test_the_keeper_needs_root_to_switch_accounts_and_two_different_accounts(accounts):
    same = subprocess.run([accounts.python, "-m", "kiosk", "keeper", "--data-dir", str(accounts.data),
                           "--service-user", accounts.candidate, "--candidate-user", accounts.candidate, "--", "true"],
                          env=accounts.env, capture_output=True, text=True, cwd="/")
    assert same.returncode == 2 and "must differ" in same.stderr and "Traceback" not in same.stderr
    unknown = subprocess.run([accounts.python, "-m", "kiosk", "keeper", "--data-dir", str(accounts.data),
                              "--service-user", "pk-no-such-account", "--candidate-user", accounts.candidate,
                              "--", "true"], env=accounts.env, capture_output=True, text=True, cwd="/")
    assert unknown.returncode == 2 and "no such account" in unknown.stderr
    unprivileged = subprocess.run([accounts.python, "-m", "kiosk", "keeper", "--data-dir", str(accounts.base / "x"),
                                   "--service-user", accounts.service, "--candidate-user", accounts.candidate,
                                   "--", "true"], env=accounts.env, capture_output=True, text=True, cwd="/",
                                  user=accounts.candidate, extra_groups=[])
    assert unprivileged.returncode == 2 and "starts as root" in unprivileged.stderr
