"""``serve`` as the command line runs it: a process that listens, answers, and stops cleanly on SIGTERM/SIGINT."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import httpx
import pytest

from invigilator.errors import InvigilatorError
from invigilator.server import parse_listen
from protocol.pinning import pinned_client_context

SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from invigilator.core.center import Center
    from invigilator.server import CenterIdentity, serve
    from invigilator.store import RoomStore
    from invigilator.tls import certificate_statement, create_console_tls
    from protocol.keys import KeyPair

    data = Path(sys.argv[1])
    tls = create_console_tls(data, "C-1")
    keys = KeyPair.generate("center")
    store = RoomStore.open(None, data)
    store.sessions.set_center(Center("C-1", "Centre", keys.public.signing_id))
    store.close()
    center = CenterIdentity("C-1", "Centre", keys.public, keys, certificate_statement(tls, "C-1", keys))
    serve(data, "127.0.0.1:0", None, center, on_ready=lambda s: print(s.port, flush=True))
    print("stopped", flush=True)
""")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_answers_then_stops_cleanly_on_a_signal(tmp_path, sig):
    process = subprocess.Popen([sys.executable, "-c", SCRIPT, str(tmp_path)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        port = int(process.stdout.readline())
        cert = (tmp_path / "console-tls.crt").read_text()
        with httpx.Client(verify=pinned_client_context(cert), trust_env=False, timeout=10) as client:
            hello = client.get(f"https://127.0.0.1:{port}/v1/hello")
        assert hello.status_code == 200 and hello.json()["center"] == "C-1"
        process.send_signal(sig)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert out.strip() == "stopped"
    assert "console listening" in err and "Traceback" not in err


def test_listen_addresses():
    assert parse_listen("0.0.0.0:8443") == ("0.0.0.0", 8443)
    assert parse_listen("[::1]:9000") == ("::1", 9000)
    assert parse_listen("192.168.1.10") == ("192.168.1.10", 8443)
    for bad in ("", ":80", "host:port", "host:70000"):
        with pytest.raises(InvigilatorError, match="--listen"):
            parse_listen(bad)
