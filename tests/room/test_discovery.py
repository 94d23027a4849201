"""Discovery with real multicast DNS on this machine: the console announces ``_pupitre._tcp``, the kiosk finds it.

No stand-in for zeroconf: announcements and browsing go through real multicast sockets (on the
loopback interface where the test says so, on every interface for the command lines). When
multicast cannot work here, the failure says which step of a plain multicast exchange failed.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from zeroconf import IPVersion, ServiceInfo, Zeroconf

from invigilator.server.announce import ConsoleAnnouncement, announced_addresses, instance_name
from kiosk.link.discovery import FoundConsole, browse, choose_console
from kiosk.link.enrolment import enrol
from kiosk.link.errors import ConsoleIdentityError, LinkError
from kiosk.link.pairing import load_pairing
from protocol.discovery import SERVICE_TYPE, announcement_properties, read_announcement
from protocol.errors import RoomMessageError
from protocol.keys import KeyPair
from tests.room.conftest import Console, now, wait_for
from tests.room.test_e2e_cli import BIN, free_port, listening

LOOPBACK = ["127.0.0.1"]
PIN = "ab" * 32


def multicast_diagnosis() -> str:
    """Why multicast DNS cannot work on loopback here, step by step ("" when a datagram goes round)."""
    group, port = "224.0.0.251", free_port()
    step = "open a UDP socket"
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as rx, \
                socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as tx:
            rx.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            step = f"bind UDP {port}"
            rx.bind(("", port))
            step = f"join {group} on 127.0.0.1 (IP_ADD_MEMBERSHIP)"
            rx.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                          struct.pack("4s4s", socket.inet_aton(group), socket.inet_aton("127.0.0.1")))
            step = "send to the group through 127.0.0.1 (IP_MULTICAST_IF)"
            tx.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("127.0.0.1"))
            tx.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 1)
            tx.sendto(b"pupitre", (group, port))
            step = "receive the datagram back within 2 s (multicast filtered on loopback?)"
            rx.settimeout(2.0)
            rx.recvfrom(64)
    except OSError as exc:
        return f"multicast on loopback fails at '{step}': {exc}"
    return ""


def found_ours(found: list[FoundConsole], center_id: str) -> list[FoundConsole]:
    """Other consoles may announce on this machine's network: the test looks at its own center only."""
    return [c for c in found if c.center_id == center_id]


def test_the_announcement_s_txt_record_is_read_strictly() -> None:
    props = announcement_properties("0750001A", "Lycée  Victor\tHugo " + "é" * 300, PIN)
    assert all(len(f"{k}={v}".encode()) <= 255 for k, v in props.items())
    read = read_announcement({k.encode(): v.encode() for k, v in props.items()}, "service X")
    assert (read.center_id, read.pin) == ("0750001A", PIN) and read.center_name.startswith("Lycée Victor Hugo é")
    for bad, what in (({**props, "pin": "AB" * 32}, "'pin'"), ({**props, "v": "2"}, "version"),
                      ({**props, "center": ""}, "'center'"), ({"v": "1"}, "'center'")):
        with pytest.raises(RoomMessageError, match=what):
            read_announcement(bad, "service X")
    with pytest.raises(RoomMessageError, match="not UTF-8"):
        read_announcement({b"v": b"1", b"center": b"\xff"}, "service X")
    with pytest.raises(RoomMessageError, match="pin"):
        announcement_properties("0750001A", "x", "not a pin")
    assert instance_name("C" * 100, PIN).endswith(" abababab") and len(instance_name("C" * 100, PIN).encode()) <= 63


def test_addresses_announced_for_a_wildcard_leave_loopback_out_when_the_machine_has_another() -> None:
    assert announced_addresses("127.0.0.1") == ["127.0.0.1"]
    everything = announced_addresses("0.0.0.0")
    assert everything and all(":" not in a for a in everything)
    has_lan = any(not a.startswith("127.") for a in everything)
    assert not has_lan or all(not a.startswith("127.") for a in everything)


def test_a_console_announced_on_loopback_is_found_listed_with_another_and_gone_when_it_stops() -> None:
    center_a, center_b = f"T{secrets.token_hex(4)}", f"T{secrets.token_hex(4)}"
    pin_a, pin_b = secrets.token_hex(32), secrets.token_hex(32)
    a = ConsoleAnnouncement(18443, center_id=center_a, center_name="Lycée A", pin=pin_a, listen_host="127.0.0.1",
                            interfaces=LOOPBACK)
    b = ConsoleAnnouncement(28443, center_id=center_b, center_name="Collège B", pin=pin_b, listen_host="127.0.0.1",
                            interfaces=LOOPBACK)
    # anyone may announce _pupitre._tcp: a service whose TXT is not a console's is left out
    stranger = Zeroconf(interfaces=LOOPBACK, ip_version=IPVersion.V4Only)
    stranger.register_service(ServiceInfo(SERVICE_TYPE, f"Not a console {center_a}.{SERVICE_TYPE}", port=9,
                                          properties={"v": "1", "center": center_a, "pin": "nope"},
                                          parsed_addresses=["127.0.0.1"], server="stranger.local."))
    assert a.start(), multicast_diagnosis()
    try:
        assert b.start(), multicast_diagnosis()
        try:
            found = browse(2.5, interfaces=LOOPBACK)
            assert not [c for c in found if c.service.startswith("Not a console")]
            ours = found_ours(found, center_a) + found_ours(found, center_b)
            assert len(ours) == 2, f"found {found}; {multicast_diagnosis() or 'multicast works on loopback'}"
            by_center = {c.center_id: c for c in ours}
            assert by_center[center_a].address == "127.0.0.1:18443" and by_center[center_a].pin == pin_a
            assert by_center[center_b].center_name == "Collège B" and by_center[center_b].address == "127.0.0.1:28443"
            # two consoles answer: the kiosk does not pick one, it lists both and says how to choose
            with pytest.raises(LinkError) as several:
                choose_console(ours)
            message = str(several.value)
            assert "2 consoles" in message and "127.0.0.1:18443" in message and "127.0.0.1:28443" in message
            assert "--console HOST:PORT" in message and "--center" in message
            assert choose_console(found, center_b).address == "127.0.0.1:28443"
        finally:
            b.stop()
        # b withdrew its announcement (goodbye records): a new look finds a only
        found = browse(2.0, interfaces=LOOPBACK)
        assert found_ours(found, center_b) == [] and len(found_ours(found, center_a)) == 1
    finally:
        a.stop()
        stranger.unregister_all_services()
        stranger.close()
    assert not a.announced


def test_choosing_among_none_or_a_center_that_did_not_answer_says_what_to_do() -> None:
    one = FoundConsole("10.0.0.2:8443", "0750001A", "Lycée A", PIN, "Pupitre 0750001A")
    with pytest.raises(LinkError, match="--console HOST:PORT"):
        choose_console([])
    with pytest.raises(LinkError, match=r"no console of center 'X'.*\n  Lycée A"):
        choose_console([one], "X")
    assert choose_console([one]) == one


def test_enrolment_refuses_a_console_whose_certificate_is_not_the_announced_one(tmp_path: Path,
                                                                                console: Console) -> None:
    """An announcement anyone could make, naming the real console's address with another pin: nothing pinned."""
    device = KeyPair.generate("PC 09")
    code = console.code()
    with pytest.raises(ConsoleIdentityError, match="not the one announced"):
        enrol(console.address, code, public=device.public, sign=device.sign, name="PC 09",
              device_dir=tmp_path / "device", now=now, announced=("C-TEST", secrets.token_hex(32)))
    with pytest.raises(ConsoleIdentityError, match="announced center 'OTHER'"):
        enrol(console.address, code, public=device.public, sign=device.sign, name="PC 09",
              device_dir=tmp_path / "device", now=now, announced=("OTHER", console.tls.pin))
    assert not (tmp_path / "device").exists() or not any((tmp_path / "device").iterdir())


def test_serve_announces_the_console_the_kiosk_enrols_without_an_address_and_serve_stops_announcing(
        tmp_path: Path) -> None:
    """The command lines as a center runs them: ``serve`` (every interface), ``pupitre-kiosk enrol CODE``."""
    center = f"T{secrets.token_hex(4)}"
    env = {**os.environ, "PUPITRE_CENTER_PASSPHRASE": "center secret phrase"}
    console = [str(BIN / "pupitre-invigilator"), "--data-dir", str(tmp_path / "console")]

    def run(*argv: str) -> str:
        done = subprocess.run([*console, *argv], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    init = run("init", "--center-id", center, "--center-name", "Lycée Découverte")
    code = re.search(r"Enrolment code: (\S+)", run("enrol-code")).group(1)
    port = free_port()
    server = subprocess.Popen([*console, "serve", "--listen", f"127.0.0.1:{port}"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: listening(port) or server.poll() is not None, "the console to listen", timeout=20)
        assert server.poll() is None
        found = wait_for(lambda: found_ours(browse(1.5), center), "the console's announcement", timeout=20)
        assert [c.address for c in found] == [f"127.0.0.1:{port}"]
        kiosk_dir = tmp_path / "kiosk"
        enrolled = subprocess.run([str(BIN / "pupitre-kiosk"), "enrol", "--center", center, "--name", "PC 01",
                                   "--data-dir", str(kiosk_dir), code], env=env, capture_output=True, text=True,
                                  timeout=60)
        assert enrolled.returncode == 0, enrolled.stderr + multicast_diagnosis()
        assert f"Found the console of Lycée Découverte ({center}) at 127.0.0.1:{port}" in enrolled.stdout
        pairing = load_pairing(kiosk_dir / "device")
        assert pairing.console == f"127.0.0.1:{port}" and pairing.center_id == center
        assert f"console certificate pin {pairing.pin}" in init and found[0].pin == pairing.pin
        assert "PC 01" in run("kiosks", "list")
    finally:
        server.send_signal(signal.SIGTERM)
        _, errors = server.communicate(timeout=30)
    assert server.returncode == 0, errors
    assert "announced on the LAN" in errors
    t0 = time.monotonic()
    assert found_ours(browse(1.5), center) == [], "the announcement outlived serve"
    assert time.monotonic() - t0 < 10


def test_serve_without_announcing_is_not_found(tmp_path: Path) -> None:
    center = f"T{secrets.token_hex(4)}"
    env = {**os.environ, "PUPITRE_CENTER_PASSPHRASE": "center secret phrase"}
    console = [str(BIN / "pupitre-invigilator"), "--data-dir", str(tmp_path / "console")]
    subprocess.run([*console, "init", "--center-id", center, "--center-name", "Lycée"], env=env, check=True,
                   capture_output=True, timeout=60)
    port = free_port()
    server = subprocess.Popen([*console, "serve", "--no-announce", "--listen", f"127.0.0.1:{port}"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: listening(port) or server.poll() is not None, "the console to listen", timeout=20)
        assert server.poll() is None
        assert found_ours(browse(2.0), center) == []
    finally:
        server.send_signal(signal.SIGTERM)
        _, errors = server.communicate(timeout=30)
    assert "announced" not in errors


def test_a_console_killed_9_is_not_found_by_the_next_look() -> None:
    """No goodbye was sent, but nothing answers for it any more: a new browse (an enrolment) does not find it."""
    center = f"T{secrets.token_hex(4)}"
    script = ("import sys, time\nfrom invigilator.server.announce import ConsoleAnnouncement\n"
              f"a = ConsoleAnnouncement(18999, center_id={center!r}, center_name='x', pin={PIN!r}, "
              "listen_host='127.0.0.1', interfaces=['127.0.0.1'])\n"
              "print(a.start(), flush=True)\ntime.sleep(120)\n")
    announcer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                                 cwd=Path(__file__).resolve().parents[2])
    try:
        assert announcer.stdout is not None and announcer.stdout.readline().strip() == "True", multicast_diagnosis()
        wait_for(lambda: found_ours(browse(1.5, interfaces=LOOPBACK), center), "the announcement", timeout=15)
    finally:
        announcer.kill()
        announcer.wait(10)
    assert found_ours(browse(2.0, interfaces=LOOPBACK), center) == []
