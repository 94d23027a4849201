"""``pupitre-kiosk keeper``: start the interface as the candidate's account, keep the keys as another.

Started by root (a system service, or the session's start-up through a narrow sudo rule), the
keeper:

1. makes the data folder belong to the service account (0700) and opens the device key, the
   journal and the outbox *as* that account (effective ids), so every file it creates is its;
2. makes a socket pair and starts the interface command as the candidate's account with one
   end inherited (``$PUPITRE_KEEPER_FD``): no path, no port, nothing another process can dial;
3. drops root for good (real, effective and saved ids become the service account's), then
   answers the interface's requests until the interface closes its end;
4. rolls back a transaction the interface left open, closes the journal, and ends with the
   interface's exit status.

Without accounts (``--service-user``/``--candidate-user`` omitted) both sides run as the
caller: the protocol is the same but custody is not in effect (a warning says so); the
benchmark and development use it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pwd
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError
from kiosk.keeper.errors import FrameError, KeeperError
from kiosk.keeper.service import KeeperService
from kiosk.keeper.wire import FD_ENV, MAX_REQUEST, Closed, recv_frame, send_frame

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Account:
    name: str
    uid: int
    gid: int
    home: str

    @classmethod
    def named(cls, name: str, role: str) -> Account:
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            raise KeeperError(f"--{role}-user {name}: there is no such account on this system") from None
        if entry.pw_uid == 0:
            raise KeeperError(f"--{role}-user {name}: the {role} account must not be root")
        return cls(name, entry.pw_uid, entry.pw_gid, entry.pw_dir)

    def groups(self) -> list[int]:
        return os.getgrouplist(self.name, self.gid)


def interface_is_private(pid: int) -> str | None:
    """Why the process ``pid`` is not protected from the candidate's other programs, or None.

    A process that made itself non-dumpable has its ``/proc/PID`` files owned by root; one that
    is being traced shows a tracer in its status.
    """
    try:
        if os.stat(f"/proc/{pid}/fd").st_uid != 0:
            return "it did not make itself non-dumpable (its /proc files are open to its account)"
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("TracerPid:") and line.split()[1] != "0":
                    return f"it is being traced by process {line.split()[1]}"
    except OSError as exc:
        return f"it cannot be inspected ({exc.strerror or exc})"
    return None


def _prepare_folder(data_dir: Path, service: Account | None) -> None:
    """Make the data folder the service account's, 0700. A folder that another account owned is
    refused: that account may have copied the device key (a kiosk moving from single-account
    mode to custody starts from a new folder and is enrolled again)."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    if service is not None:
        owner = data_dir.stat().st_uid
        if owner not in (0, service.uid):
            try:
                name = pwd.getpwuid(owner).pw_name
            except KeyError:
                name = f"uid {owner}"
            raise KeeperError(f"{data_dir} belongs to {name}, who could have copied its device key: give the keeper "
                              "a new folder (the kiosk is then enrolled again with its new key)")
        os.chown(data_dir, service.uid, service.gid)
    os.chmod(data_dir, 0o700)


@contextlib.contextmanager
def _acting_as(account: Account | None):
    """Effective ids of ``account`` for the block (files made in it are the account's)."""
    if account is None:
        yield
        return
    os.setgroups([])
    os.setegid(account.gid)
    os.seteuid(account.uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def _become(account: Account) -> None:
    """Drop root for good: real, effective and saved ids become ``account``'s."""
    os.setgroups([])
    os.setresgid(account.gid, account.gid, account.gid)
    os.setresuid(account.uid, account.uid, account.uid)
    if os.geteuid() == 0 or os.getuid() == 0:  # never serve with a way back to root
        raise KeeperError("could not drop root privileges")


def _interface_environment(environ: Mapping[str, str], candidate: Account | None, fd: int) -> dict[str, str]:
    """The keeper's environment (set by whoever started it, so trusted) for the candidate's account.

    Python must not load code from the candidate's own files before the interface is private:
    the user site-packages (a ``.pth`` file there runs at start-up) are switched off, and so is
    the working folder at the head of the module path (``python -m`` would look there first).
    """
    env = {k: v for k, v in environ.items() if k != FD_ENV}
    if candidate is not None:
        env.update(HOME=candidate.home, USER=candidate.name, LOGNAME=candidate.name, PYTHONNOUSERSITE="1",
                   PYTHONSAFEPATH="1")
    env[FD_ENV] = str(fd)
    return env


def serve(sock: socket.socket, service: KeeperService,
          observe: Callable[[Any, float], None] | None = None) -> None:
    """Answer requests until the interface closes its end (or the stream breaks).

    ``observe(request, seconds)`` hears how long each request took to handle (the benchmark
    separates the keeper's own work from the cost of reaching it)."""
    try:
        while True:
            try:
                request = recv_frame(sock, MAX_REQUEST)
            except Closed:
                return
            except FrameError as exc:
                if exc.fatal:
                    log.warning("keeper: %s; the interface's connection is closed", exc)
                    return
                log.warning("keeper: refused a frame: %s", exc)
                send_frame(sock, service.error("request", str(exc)))
                continue
            if observe is None:
                send_frame(sock, service.handle(request))
                continue
            start = time.perf_counter()
            reply = service.handle(request)
            observe(request, time.perf_counter() - start)
            send_frame(sock, reply)
    except OSError as exc:  # the interface died while the reply was being sent
        log.warning("keeper: the interface's connection broke (%s)", exc.strerror or exc)
    finally:
        service.close()


def run_keeper(data_dir: Path, command: Sequence[str], *, service_user: str | None = None,
               candidate_user: str | None = None, environ: Mapping[str, str] | None = None,
               open_parts: Callable[[Path], tuple[object, object, object]] | None = None,
               observe: Callable[[Any, float], None] | None = None) -> int:
    """Run the keeper around ``command`` (the interface); return the interface's exit status."""
    if not command:
        raise KeeperError("give the interface's command after '--' (e.g. -- pupitre-kiosk --exam --keeper …)")
    if (service_user is None) != (candidate_user is None):
        raise KeeperError("give both --service-user and --candidate-user, or neither")
    service = candidate = None
    if service_user is not None and candidate_user is not None:
        if os.geteuid() != 0:
            raise KeeperError("the keeper starts as root to run the interface and itself under two accounts "
                              "(it drops root before serving)")
        service, candidate = Account.named(service_user, "service"), Account.named(candidate_user, "candidate")
        if service.uid == candidate.uid:
            raise KeeperError("the service and candidate accounts must differ: that is the whole point")
    else:
        log.warning("keeper: no accounts given; the interface runs as %s like the keeper, so custody is NOT in "
                    "effect (single-account mode)", pwd.getpwuid(os.getuid()).pw_name)
    environ = os.environ if environ is None else environ
    _prepare_folder(data_dir, service)
    _give_unlock_code(data_dir, service)
    with _acting_as(service):
        from kiosk.guard.unlock import UnlockGate

        store, sink, device = (open_parts or _open_parts)(data_dir)
        gate = UnlockGate(data_dir)
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        theirs.set_inheritable(True)
        try:
            child = subprocess.Popen(
                list(command), pass_fds=(theirs.fileno(),),
                env=_interface_environment(environ, candidate, theirs.fileno()),
                # Under the candidate's account the interface starts in "/", not in a folder the
                # candidate can write: "python -m" looks for modules in its working folder first.
                **({} if candidate is None else {"user": candidate.uid, "group": candidate.gid, "cwd": "/",
                                                 "extra_groups": candidate.groups()}))
        except OSError as exc:
            raise KeeperError(f"cannot start the interface {command[0]!r}: {exc.strerror or exc}") from None
        theirs.close()
        if service is not None:
            _become(service)
        forward = signal.signal(signal.SIGTERM, lambda *_: child.send_signal(signal.SIGTERM))
        admit = (lambda: interface_is_private(child.pid)) if candidate is not None else None
        keeper = KeeperService(store, sink, device, admit, gate)
        log.info("keeper: serving interface process %s", child.pid)
        serve(ours, keeper, observe)
    finally:
        ours.close()
        store.close()  # type: ignore[attr-defined]
    try:
        status = child.wait(timeout=30)
    except subprocess.TimeoutExpired:
        log.error("keeper: the interface closed its connection but did not end; stopping it")
        child.kill()
        status = child.wait()
    signal.signal(signal.SIGTERM, forward)
    return status if status >= 0 else 128 - status


def _give_unlock_code(data_dir: Path, service: Account | None) -> None:
    """The invigilator's unlock code in the keeper's folder is set by root (``pupitre-kiosk
    set-unlock-code --data-dir``); it becomes the service account's, which counts wrong codes in it."""
    from kiosk.guard.unlock import UNLOCK_FILE

    path = data_dir / UNLOCK_FILE
    if service is not None and path.is_file() and not path.is_symlink() and path.stat().st_uid == 0:
        os.chown(path, service.uid, service.gid)
        os.chmod(path, 0o600)


def _open_parts(data_dir: Path) -> tuple[object, object, object]:
    from kiosk.device import load_or_create_device
    from kiosk.journal import JournalStore
    from kiosk.outbox import BundleWriter

    device = load_or_create_device(data_dir)
    store = JournalStore(data_dir, device)
    return store, BundleWriter(data_dir, device, store), device


def main(args: object) -> int:
    """``pupitre-kiosk keeper`` (arguments parsed by kiosk.cli)."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    command = list(args.interface)  # type: ignore[attr-defined]
    data_dir = args.data_dir  # type: ignore[attr-defined]
    if command and command[0] == "--":
        command = command[1:]
    try:
        return run_keeper(data_dir, command, service_user=args.service_user,  # type: ignore[attr-defined]
                          candidate_user=args.candidate_user)  # type: ignore[attr-defined]
    except (KioskError, OSError) as exc:  # the accounts, the device key or the journal: one line, no traceback
        print(f"pupitre-kiosk keeper: {exc}", file=sys.stderr)
        return 2

